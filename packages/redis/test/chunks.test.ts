/**
 * Issue 16, finding "claim in chunks in Redis": one notification with 50 000 statuses ran as one Lua
 * script over 50 000 keys (356 ms during which Redis answered nobody else). Redis's own SLOWLOG, with
 * every command logged, shows how many keys each script call carried. On the code before the fix this
 * fails: one EVALSHA with 50 000 keys. (Chunking on every client library is covered by store.test.ts
 * with a small chunkSize.)
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_SIZE, redisDedupeStore } from '../src/index';
import { STANDALONE_CLIENTS, type ConnectedClient } from './support/clients';
import { startRedisServer, type RedisServer } from './support/redis-server';

const EVENTS = 50_000;
let server: RedisServer;
let admin: Redis;
const open: ConnectedClient[] = [];

beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis(server.url);
  await admin.config('SET', 'slowlog-max-len', '1000000');
});
afterAll(async () => {
  for (const connected of open) await connected.close();
  admin.disconnect();
  await server.stop();
});

/**
 * Keys per script call, from SLOWLOG entries `[id, time, µs, [EVALSHA, sha, numkeys, …], …]` (Redis 7
 * also logs the commands a script runs, hence the long log).
 */
async function scriptCalls(): Promise<number[]> {
  const entries = (await admin.call('SLOWLOG', 'GET', '1000000')) as Array<[number, number, number, string[]]>;
  return entries.filter(([, , , args]) => /^eval(sha)?$/i.test(args[0] ?? '')).map(([, , , args]) => Number(args[2]));
}

describe.each([STANDALONE_CLIENTS[0]!])('a 50 000-event notification on $name', (clientCase) => {
  it(`runs as scripts of at most ${DEFAULT_CHUNK_SIZE} keys each, with the same outcome`, async () => {
    const connected = await clientCase.connect(server.port);
    open.push(connected);
    const store = redisDedupeStore(connected.client);
    const ids = Array.from({ length: EVENTS }, (_, index) => `wamid.BIG-${clientCase.kind}-${index}:read:1555`);
    await admin.config('SET', 'slowlog-log-slower-than', '0');
    await admin.slowlog('RESET');

    const states = await store.claim(ids, 60_000);
    expect(states.every((state) => state === 'claimed')).toBe(true);
    await store.commit(ids.slice(0, EVENTS / 2));
    await store.release(ids.slice(EVENTS / 2));

    await admin.config('SET', 'slowlog-log-slower-than', '10000');
    const calls = await scriptCalls();
    expect(Math.max(...calls)).toBeLessThanOrEqual(DEFAULT_CHUNK_SIZE);
    expect(calls.reduce((sum, keys) => sum + keys, 0)).toBe(2 * EVENTS);
    expect(calls).toHaveLength((2 * EVENTS) / DEFAULT_CHUNK_SIZE);
    expect(await store.claim([ids[0]!, ids.at(-1)!], 60_000)).toEqual(['processed', 'claimed']);
  });
});
