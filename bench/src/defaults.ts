/**
 * Table 1, the headline: one signed POST through core's `handle()` **with the default options**, as
 * users run it for days (the default memory dedupe store, already full), against the hand-written
 * floor, against core with deduplication off, and against whatsapp-api-js called the ways its README
 * shows. Every POST carries new message ids, so every event is really claimed and committed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WhatsAppAPI } from 'whatsapp-api-js';
import { NodeNext } from 'whatsapp-api-js/setup/node';
import { BENCH_SECRET, freshWamid, metaJson, webhookRequest } from './bodies';
import { compare, fmt, pairedRatio, table, type Contender } from './harness';
import { loadCore, type CoreModule } from './load-core';

interface Signed {
  readonly text: string;
  readonly bytes: Buffer;
  readonly signature: string;
}

function textMessage(body: string) {
  return { from: '5491155550000', id: freshWamid(), timestamp: '1761899474', text: { body }, type: 'text' };
}

/** A Meta-style notification with `count` text messages, all with ids never used before. */
function freshBody(count: number): Signed {
  const messages = Array.from({ length: count }, (_, index) => textMessage(`Número ${index}: ¿llega hoy?`));
  const text = metaJson({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name: 'María José Pérez' }, wa_id: '5491155550000' }],
              messages,
            },
            field: 'messages',
          },
        ],
      },
    ],
  });
  const bytes = Buffer.from(text);
  return { text, bytes, signature: `sha256=${createHmac('sha256', BENCH_SECRET).update(bytes).digest('hex')}` };
}

/** Bodies handed out once each; every contender walks the pool with its own cursor. */
function pool(count: number, size: number): Signed[] {
  return Array.from({ length: size }, () => freshBody(count));
}

function cursor(bodies: readonly Signed[]): () => Signed {
  let next = 0;
  return () => {
    const body = bodies[next++];
    if (body === undefined) throw new Error('the pool of fresh bodies ran out: raise its size');
    return body;
  };
}

const noop = (_event: unknown): void => undefined;

/** The floor: node:crypto, JSON.parse, a loop, and a Set of the ids already seen. */
function floor(bodies: readonly Signed[], seen: Set<string>): () => number {
  const take = cursor(bodies);
  return () => {
    const body = take();
    const digest = createHmac('sha256', BENCH_SECRET).update(body.bytes).digest();
    if (!timingSafeEqual(digest, Buffer.from(body.signature.slice(7), 'hex'))) throw new Error('bad signature');
    const data = JSON.parse(body.bytes.toString('utf8')) as {
      entry: Array<{ changes: Array<{ value: { messages?: Array<{ id: string }> } }> }>;
    };
    let events = 0;
    for (const entry of data.entry) {
      for (const change of entry.changes) {
        for (const message of change.value.messages ?? []) {
          if (seen.has(message.id)) continue;
          seen.add(message.id);
          noop(message);
          events++;
        }
      }
    }
    return events;
  };
}

/** core's `handle()`, after `fill` bodies went through it (the store full, as after days of traffic). */
async function coreContender(
  core: CoreModule,
  name: string,
  options: { dedupe?: false },
  bodies: readonly Signed[],
  fill: readonly Signed[],
): Promise<Contender> {
  const webhooks = core.createWebhooks({ appSecret: BENCH_SECRET, verifyToken: 'bench', ...options });
  webhooks.on('messages.text', noop);
  for (const body of fill) {
    const response = await webhooks.handle(webhookRequest(body));
    if (response.status !== 200) throw new Error(`${name}: ${response.status} while filling the store`);
  }
  const take = cursor(bodies);
  return {
    name,
    run: async () => {
      const response = await webhooks.handle(webhookRequest(take()));
      if (response.status !== 200) throw new Error(`${name}: status ${response.status}`);
    },
  };
}

/** whatsapp-api-js 6 as its README shows it: `post(JSON.parse(body), body, signature)`. */
function peerContender(name: string, api: WhatsAppAPI, bodies: readonly Signed[]): Contender {
  const take = cursor(bodies);
  api.on.message = noop;
  return {
    name,
    run: () => {
      const body = take();
      return api.post(JSON.parse(body.text), body.text, body.signature);
    },
  };
}

const CASES = [
  { name: '1 message', count: 1, size: 200_000 },
  { name: '100-message batch', count: 100, size: 7_000 },
] as const;

/** Table 1: rows, and the ratios quoted in the text. */
export async function defaultsTable(): Promise<{ markdown: string; ratios: Record<string, number> }> {
  const { node: core } = await loadCore();
  const capacity = core.DEFAULT_MEMORY_DEDUPE_MAX;
  const fill = pool(100, Math.ceil(capacity / 100));
  const rows: Array<Array<string | number>> = [];
  const ratios: Record<string, number> = {};
  for (const { name, count, size } of CASES) {
    const bodies = pool(count, size);
    const seen = new Set(
      fill.flatMap((body) =>
        (
          JSON.parse(body.text) as { entry: [{ changes: [{ value: { messages: Array<{ id: string }> } }] }] }
        ).entry[0].changes[0].value.messages.map((message) => message.id),
      ),
    );
    const contenders: Contender[] = [
      { name: 'floor', run: floor(bodies, seen) },
      await coreContender(core, 'wa-webhooks, defaults (memory dedupe, full)', {}, bodies, fill),
      await coreContender(core, 'wa-webhooks, dedupe off', { dedupe: false }, bodies, []),
      peerContender(
        'whatsapp-api-js, NodeNext setup',
        new WhatsAppAPI(NodeNext({ token: 'unused', appSecret: BENCH_SECRET, webhookVerifyToken: 'bench' })),
        bodies,
      ),
      peerContender(
        'whatsapp-api-js, plain constructor',
        new WhatsAppAPI({ token: 'unused', appSecret: BENCH_SECRET, webhookVerifyToken: 'bench' }),
        bodies,
      ),
    ];
    // Many short rounds, each contender once per round in a new order; the ratios are paired per round.
    const timings = await compare(contenders, { rounds: 31, roundMs: 20, warmupMs: 150, collect: false });
    const base = timings[0]!;
    for (const timing of timings) {
      const ratio = pairedRatio(timing, base);
      // whatsapp-api-js hands its handler only the first message of a notification.
      const events = timing.name.startsWith('whatsapp-api-js') ? 1 : count;
      rows.push([
        name,
        timing.name,
        fmt(timing.microseconds, 1),
        `${fmt(ratio, 2)}×`,
        timing.name.startsWith('whatsapp-api-js') && count > 1 ? `1 of ${count}` : events,
        fmt(timing.microseconds / events, 2),
      ]);
      ratios[`${name}: ${timing.name}`] = ratio;
    }
  }
  return {
    markdown: table(['body', 'contender', 'µs/POST', 'vs floor', 'events delivered', 'µs/event delivered'], rows),
    ratios,
  };
}
