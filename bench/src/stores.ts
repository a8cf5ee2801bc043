/**
 * Tables 6 and 7: what each dedupe store costs per event, at the store (claim + commit, the two calls
 * core makes for a notification whose handlers succeed), on loopback: the memory store, Redis through
 * ioredis and through node-redis (a real redis-server), PostgreSQL through pg (a real throw-away
 * cluster). And the longest single Redis script for a 50 000-event notification, in one script (before
 * issue 16's fix) and in chunks (the default), from Redis's own SLOWLOG.
 *
 * `pg` and `redis` are loaded from the store packages' own dependencies, so this file needs nothing
 * beyond what those packages install.
 */
import { createRequire } from 'node:module';
import { Redis } from 'ioredis';
import { postgresDedupeStore, type PostgresQueryable } from '../../packages/postgres/src/index';
import { startPostgresCluster } from '../../packages/postgres/test/support/postgres-cluster';
import { DEFAULT_CHUNK_SIZE, redisDedupeStore, type RedisDedupeClient } from '../../packages/redis/src/index';
import { startRedisServer } from '../../packages/redis/test/support/redis-server';
import { compare, fmt, table } from './harness';
import { loadCore } from './load-core';

type DedupeStore = ReturnType<typeof redisDedupeStore>;
type Pool = PostgresQueryable & { on(event: 'error', listener: () => void): unknown; end(): Promise<void> };
type NodeRedis = RedisDedupeClient & { connect(): Promise<unknown>; destroy(): void };

const fromPackage = (name: string) => createRequire(new URL(`../../packages/${name}/package.json`, import.meta.url));
const pg = fromPackage('postgres')('pg') as { Pool: new (config: object) => Pool };
const nodeRedis = fromPackage('redis')('redis') as { createClient(options: object): NodeRedis };

const SIZES = [1, 20] as const;

/** Table 6 and table 7, as [title, body, explanation]. */
export async function storeTables(): Promise<Array<[string, string, string]>> {
  const { node: core } = await loadCore();
  const redisServer = await startRedisServer();
  const cluster = await startPostgresCluster();
  const ioredis = new Redis(redisServer.url, { enableOfflineQueue: false });
  await new Promise<void>((resolve) => ioredis.once('ready', () => resolve()));
  const nodeRedisClient = nodeRedis.createClient({ url: redisServer.url, disableOfflineQueue: true });
  await nodeRedisClient.connect();
  const pool = new pg.Pool({ connectionString: cluster.url, max: 4 });
  pool.on('error', () => undefined);
  try {
    let run = 0;
    const contender = (name: string, store: () => Pick<DedupeStore, 'claim' | 'commit'>, size: number) => {
      const current = store();
      return {
        name: `${name} × ${size}`,
        run: async () => {
          const ids = Array.from({ length: size }, (_, index) => `wamid.STORE${++run}x${index}`);
          await current.claim(ids, 60_000);
          await current.commit(ids);
        },
      };
    };
    const postgres = postgresDedupeStore(pool, { table: `bench_${Date.now()}` });
    await postgres.ready();
    const stores: Array<[string, () => Pick<DedupeStore, 'claim' | 'commit'>]> = [
      ['memory store (defaults: 100 000 ids, 7 days)', () => core.memoryDedupeStore()],
      ['Redis, ioredis', () => redisDedupeStore(ioredis, { prefix: `{bench}:${Date.now()}:io:` })],
      ['Redis, node-redis', () => redisDedupeStore(nodeRedisClient, { prefix: `{bench}:${Date.now()}:nr:` })],
      ['PostgreSQL, pg', () => postgres],
    ];
    const timings = await compare(
      SIZES.flatMap((size) => stores.map(([name, store]) => contender(name, store, size))),
      { rounds: 7, roundMs: 80 },
    );
    const perEvent = (name: string, size: number) =>
      timings.find((timing) => timing.name === `${name} × ${size}`)!.microseconds / size;
    const overheads = table(
      ['store (loopback)', 'µs per event, 1-event notification', 'µs per event, 20-event notification'],
      stores.map(([name]) => [name, fmt(perEvent(name, 1), 1), fmt(perEvent(name, 20), 1)]),
    );
    const scripts = await longestScripts(ioredis);
    return [
      [
        '6. Dedupe store overhead per event',
        overheads,
        `Claim + commit per event at the store (what core adds to a notification whose handlers succeed), new ids every time, one client per store, sequential calls: the latency a request pays, not the throughput under concurrency. Redis runs one Lua script per call for all events of the notification (two round trips); PostgreSQL one statement per call (\`INSERT … ON CONFLICT\`), durable on commit (\`fsync=off\` in this throw-away cluster, so disk flushes are not counted).`,
      ],
      [
        '7. Longest Redis script for a 50 000-event notification',
        scripts,
        `From Redis's SLOWLOG (commands over 0.1 ms): the EVAL/EVALSHA calls while one store claims, then commits, 50 000 new ids; worst of 3 runs. While a script runs, Redis answers no other client; on a loaded machine the longest script also counts time the scheduler gave to other processes. Chunks of ${DEFAULT_CHUNK_SIZE} keys (the default \`chunkSize\`) replace one script per operation (the behaviour before chunking, reproduced with \`chunkSize: 50000\`).`,
      ],
    ];
  } finally {
    ioredis.disconnect();
    nodeRedisClient.destroy();
    await pool.end();
    await redisServer.stop();
    await cluster.destroy();
  }
}

async function longestScripts(redis: Redis): Promise<string> {
  await redis.config('SET', 'slowlog-max-len', '1000000');
  const rows: string[][] = [];
  for (const [label, chunkSize] of [
    ['one script per operation (before)', 50_000],
    [`chunks of ${DEFAULT_CHUNK_SIZE} keys (now)`, DEFAULT_CHUNK_SIZE],
  ] as const) {
    const worst = { claim: 0, commit: 0, wall: 0 };
    const claimScripts: number[] = [];
    for (let repeat = 0; repeat < 3; repeat++) {
      const store = redisDedupeStore(redis, { chunkSize, prefix: `{big}:${label.length}:${repeat}:` });
      const ids = Array.from({ length: 50_000 }, (_, index) => `wamid.BIG${repeat}x${index}:read:15551234567`);
      const started = performance.now();
      for (const operation of ['claim', 'commit'] as const) {
        // Commands over 0.1 ms: the ones a script runs (a few µs each) stay out of the log, so that
        // logging them does not slow the scripts being measured.
        await redis.config('SET', 'slowlog-log-slower-than', '100');
        await redis.slowlog('RESET');
        await (operation === 'claim' ? store.claim(ids, 60_000) : store.commit(ids));
        await redis.config('SET', 'slowlog-log-slower-than', '10000');
        const entries = (await redis.call('SLOWLOG', 'GET', '1000000')) as Array<[number, number, number, string[]]>;
        const scripts = entries.filter(([, , , args]) => /^eval(sha)?$/i.test(args[0] ?? '')).map(([, , us]) => us);
        if (operation === 'claim') claimScripts.push(...scripts);
        worst[operation] = Math.max(worst[operation], ...scripts);
      }
      worst.wall = Math.max(worst.wall, performance.now() - started);
      await redis.flushall();
    }
    const sorted = claimScripts.sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    rows.push([
      label,
      String(Math.round(sorted.length / 3)),
      fmt(median / 1000, 1),
      fmt(worst.claim / 1000, 1),
      fmt(worst.commit / 1000, 1),
      fmt(worst.wall, 0),
    ]);
  }
  return table(
    [
      '50 000 ids',
      'claim scripts',
      'median claim script (ms)',
      'longest claim script (ms)',
      'longest commit script (ms)',
      'claim + commit, wall (ms)',
    ],
    rows,
  );
}
