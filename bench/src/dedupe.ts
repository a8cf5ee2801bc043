/**
 * Table 5: what deduplication costs per event. The same 20-message batches through handle() with
 * dedupe off, with the memory store and with the Redis store (a real redis-server on loopback). Every
 * operation uses new message ids, so each event really claims and commits.
 */
import { createHmac } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisDedupeStore } from '@wa-webhooks/redis';
import { BENCH_SECRET, freshWamid, metaJson } from './bodies';
import { compare, fmt, pairedRatio, table, type Contender } from './harness';
import { loadCore } from './load-core';
import { startRedisServer } from '../../packages/redis/test/support/redis-server';

const EVENTS = 20;
const POOL = 4000;

function batch(run: number, index: number) {
  const messages = Array.from({ length: EVENTS }, (_, item) => ({
    from: '5491155550000',
    id: `wamid.DEDUPE${run}x${index}x${item}`,
    timestamp: '1761899474',
    text: { body: `Hola ${item}` },
    type: 'text',
  }));
  const text = metaJson({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '1', phone_number_id: '2' },
              messages,
            },
          },
        ],
      },
    ],
  });
  const bytes = Buffer.from(text);
  return { bytes, signature: `sha256=${createHmac('sha256', BENCH_SECRET).update(bytes).digest('hex')}` };
}

export async function dedupeTable(): Promise<string> {
  const { node: core } = await loadCore();
  const server = await startRedisServer();
  const redis = new Redis(server.url, { enableOfflineQueue: false });
  await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  try {
    let run = 0;
    const contender = (
      name: string,
      dedupe: () => NonNullable<Parameters<typeof core.createWebhooks>[0]['dedupe']>,
    ) => {
      // A fresh pool of never-seen ids per contender; replaced when used up.
      let pool = Array.from({ length: POOL }, (_, index) => batch(++run, index));
      let next = 0;
      let webhooks = core.createWebhooks({ appSecret: BENCH_SECRET, verifyToken: 'bench', dedupe: dedupe() });
      webhooks.on('messages', () => undefined);
      return {
        name,
        run: async () => {
          if (next === pool.length) {
            pool = Array.from({ length: POOL }, (_, index) => batch(++run, index));
            next = 0;
            webhooks = core.createWebhooks({ appSecret: BENCH_SECRET, verifyToken: 'bench', dedupe: dedupe() });
            webhooks.on('messages', () => undefined);
          }
          const { bytes, signature } = pool[next++]!;
          const response = await webhooks.handle({
            method: 'POST',
            url: '/webhook',
            headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
            readBody: () => Promise.resolve(bytes),
          });
          if (response.status !== 200) throw new Error(`${name}: status ${response.status}`);
        },
      };
    };
    const timings = await compare(
      [
        contender('no dedupe', () => false),
        contender('memory store', () => core.memoryDedupeStore({ max: 200_000 })),
        contender('Redis store (loopback)', () => redisDedupeStore(redis, { prefix: `bench:${Date.now()}:` })),
      ],
      { rounds: 9, roundMs: 60 },
    );
    const base = timings[0]!.microseconds;
    return table(
      ['store', `µs per POST (${EVENTS} events)`, 'µs per event', 'overhead per event'],
      timings.map((timing) => [
        timing.name,
        fmt(timing.microseconds, 1),
        fmt(timing.microseconds / EVENTS, 2),
        `${fmt((timing.microseconds - base) / EVENTS, 2)} µs`,
      ]),
    );
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

/**
 * Table 5b: the default memory store's cost per event by fill (claim + commit of one new id), at 1 %,
 * 50 % and 100 % of its capacity and once it has turned over twice: what a long-running server pays.
 * Each measured batch of 1 000 ids starts from its fill: the 1 % and 50 % rows take a store filled
 * beforehand for every round (1 000 ids would move them on otherwise), the full rows keep theirs. Ids
 * are made before the batch and flattened the way JSON.parse hands them over, so that the figure is the
 * store's, not the cost of building strings.
 */
export async function memoryFillTable(): Promise<{ markdown: string; ratios: Record<string, number> }> {
  const { node: core } = await loadCore();
  const capacity = core.DEFAULT_MEMORY_DEDUPE_MAX;
  const rounds = 25;
  const batch = 1_000;
  const freshIds = (count: number): string[] =>
    JSON.parse(JSON.stringify(Array.from({ length: count }, () => `m:${freshWamid()}`))) as string[];
  const filled = (count: number) => {
    const store = core.memoryDedupeStore();
    for (const id of freshIds(count)) {
      const one = [id];
      store.claim(one, 60_000);
      store.commit(one);
    }
    return store;
  };
  const rows = [
    ['1 %', 0.01, 'fresh'],
    ['50 %', 0.5, 'fresh'],
    ['100 %', 1, 'kept'],
    ['turned over twice', 3, 'kept'],
  ] as const;
  const contenders = rows.map(([name, fill, mode]): Contender => {
    // One store per measured round (and per warm-up batch) for the rows that must not move on.
    const spare = mode === 'fresh' ? Array.from({ length: rounds + 20 }, () => filled(capacity * fill)) : [];
    let store = mode === 'kept' ? filled(capacity * fill) : spare.pop()!;
    let ids: string[] = [];
    let next = 0;
    return {
      name,
      prepare: (operations) => {
        if (mode === 'fresh') store = spare.pop() ?? filled(capacity * fill);
        ids = freshIds(operations);
        next = 0;
      },
      run: () => {
        const one = [ids[next++]!];
        store.claim(one, 60_000);
        store.commit(one);
      },
    };
  });
  const timings = await compare(contenders, { rounds, operations: batch, warmupMs: 50, collect: false });
  const base = timings[0]!;
  const ratios: Record<string, number> = {};
  for (const timing of timings) ratios[timing.name] = pairedRatio(timing, base);
  return {
    markdown: table(
      ['fill of the default store (100 000 ids)', 'µs per event (claim + commit)', 'vs 1 %'],
      timings.map((timing) => [timing.name, fmt(timing.microseconds, 3), `${fmt(ratios[timing.name]!, 2)}×`]),
    ),
    ratios,
  };
}
