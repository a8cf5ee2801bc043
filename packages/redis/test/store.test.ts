/**
 * The store's contract on every client it accepts (ioredis 5/6 `Redis` and `Cluster`, node-redis 5/6
 * `createClient` and `createCluster`): one shared suite body per client, against real redis-server
 * processes (standalone, and a one-node cluster).
 */
import { createWebhooks, type WebhookRequest } from '@wa-webhooks/core';
import { expectClaimsAndMarksExpire, expectReleaseSparesOthers, signBody } from '@wa-webhooks/test-kit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { redisDedupeStore, type RedisDedupeClient } from '../src/index';
import { CLUSTER_CLIENTS, STANDALONE_CLIENTS, type ClientCase, type ConnectedClient } from './support/clients';
import { startRedisServer, type RedisServer } from './support/redis-server';

let standalone: RedisServer;
let cluster: RedisServer;
const open: ConnectedClient[] = [];
const admins: Redis[] = [];
/** A plain ioredis connection for looking at keys (a one-node cluster serves every slot to it too). */
const adminOf = async (server: RedisServer): Promise<Redis> => {
  const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  admins.push(redis);
  await redis.ping();
  return redis;
};
const connect = async (clientCase: ClientCase, server: RedisServer): Promise<RedisDedupeClient> => {
  const connected = await clientCase.connect(server.port);
  open.push(connected);
  return connected.client;
};

beforeAll(async () => {
  [standalone, cluster] = await Promise.all([startRedisServer(), startRedisServer({ cluster: true })]);
});
afterAll(async () => {
  for (const connected of open) await connected.close();
  for (const admin of admins) admin.disconnect();
  await Promise.all([standalone.stop(), cluster.stop()]);
});

describe.each([...STANDALONE_CLIENTS, ...CLUSTER_CLIENTS])('redisDedupeStore on $name', (clientCase) => {
  let server: RedisServer;
  let admin: Redis;
  let client: RedisDedupeClient;
  beforeAll(async () => {
    server = clientCase.cluster ? cluster : standalone;
    admin = await adminOf(server);
    client = await connect(clientCase, server);
  });
  beforeEach(async () => {
    await admin.flushall();
  });

  it('claims, reports in-progress and processed, and releases failed claims', async () => {
    const store = redisDedupeStore(client);
    expect(store.client).toBe(clientCase.kind);
    expect(await store.claim(['a', 'b'], 10_000)).toEqual(['claimed', 'claimed']);
    expect(await store.claim(['a'], 10_000)).toEqual(['in-progress']);
    await store.commit(['a']);
    await store.release(['b']);
    expect(store.pendingClaims).toBe(0);
    expect(await store.claim(['a', 'b'], 10_000)).toEqual(['processed', 'claimed']);
    expect(await admin.get('{wa-webhooks}:dedupe:a')).toBe('p');
    expect(await admin.pttl('{wa-webhooks}:dedupe:a')).toBeGreaterThan(6 * 24 * 3600 * 1000);
  });

  it('lets claims expire after claimTtl and processed marks after ttl', async () => {
    await expectClaimsAndMarksExpire(redisDedupeStore(client, { ttl: 60, prefix: '{short}:' }));
  });

  it('never releases a processed mark or a claim another instance holds', async () => {
    await expectReleaseSparesOthers(redisDedupeStore(client), redisDedupeStore(await connect(clientCase, server)));
  });

  it('gives one claim to exactly one of several concurrent claimers on separate connections', async () => {
    const stores = [redisDedupeStore(client)];
    for (let index = 0; index < 3; index++) stores.push(redisDedupeStore(await connect(clientCase, server)));
    const ids = Array.from({ length: 50 }, (_, index) => `race-${index}`);
    const results = await Promise.all(stores.map((store) => store.claim(ids, 10_000)));
    for (let index = 0; index < ids.length; index++) {
      expect(results.filter((states) => states[index] === 'claimed')).toHaveLength(1);
    }
    expect(stores.reduce((sum, store) => sum + store.pendingClaims, 0)).toBe(ids.length);
  });

  it('takes any string as an id: digits, 0:, colons, braces, unicode, lone surrogates, 4 KB', async () => {
    const ids = ['0', '12345', '0:abc', ':', '{}', '{wa-webhooks}', 'é😀中', 'x'.repeat(4096), 'a\uD800', 'a\uDC00'];
    const store = redisDedupeStore(client);
    expect(await store.claim(ids, 10_000)).toEqual(ids.map(() => 'claimed'));
    await store.commit(ids);
    expect(await store.claim(ids, 10_000)).toEqual(ids.map(() => 'processed'));
    // The key is the prefix and the id as they are; only lone surrogates get their own bytes.
    expect(await admin.get('{wa-webhooks}:dedupe:0:abc')).toBe('p');
    expect(await admin.get('{wa-webhooks}:dedupe:é😀中')).toBe('p');
    expect(await admin.dbsize()).toBe(ids.length);
  });

  it('keeps per-id semantics across chunks, also for an id repeated in two chunks', async () => {
    const store = redisDedupeStore(client, { chunkSize: 3 });
    await redisDedupeStore(client).commit(['c4']);
    const ids = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c0', 'c7'];
    expect(await store.claim(ids, 10_000)).toEqual([
      'claimed',
      'claimed',
      'claimed',
      'claimed',
      'processed',
      'claimed',
      'in-progress',
      'claimed',
    ]);
    await store.release(['c0', 'c1', 'c2', 'c3', 'c5', 'c7']);
    expect(await admin.dbsize()).toBe(1);
  });
});

describe('instances on different client libraries', () => {
  it('deduplicate together on one Redis: same keys, same values', async () => {
    const admin = await adminOf(standalone);
    await admin.flushall();
    const [ioredis6, nodeRedis5, nodeRedis6, ioredis5] = await Promise.all(
      STANDALONE_CLIENTS.map(async (clientCase) => redisDedupeStore(await connect(clientCase, standalone))),
    );
    expect(await ioredis6!.claim(['m1', 'm2'], 10_000)).toEqual(['claimed', 'claimed']);
    expect(await nodeRedis5!.claim(['m1', 'm2'], 10_000)).toEqual(['in-progress', 'in-progress']);
    await nodeRedis5!.release(['m1']); // not its claim
    await ioredis6!.commit(['m1']);
    await ioredis6!.release(['m2']);
    expect(await nodeRedis6!.claim(['m1', 'm2'], 10_000)).toEqual(['processed', 'claimed']);
    await nodeRedis6!.commit(['m2']);
    expect(await ioredis5!.claim(['m1', 'm2'], 10_000)).toEqual(['processed', 'processed']);
  });
});

describe('configuration errors', () => {
  it('names the accepted client kinds for anything else', () => {
    const message =
      /needs an ioredis client \(`new Redis\(\)` or `new Cluster\(\)`, ioredis 5 or 6\) or a node-redis client \(`createClient\(\)` or `createCluster\(\)`, redis 5 or 6\); got /;
    expect(() => redisDedupeStore({} as RedisDedupeClient)).toThrow(message);
    expect(() => redisDedupeStore(null as unknown as RedisDedupeClient)).toThrow(/got null/);
    expect(() => redisDedupeStore(new Map() as unknown as RedisDedupeClient)).toThrow(/got an instance of Map/);
  });

  it('refuses bad options', async () => {
    const client = await connect(STANDALONE_CLIENTS[0]!, standalone);
    expect(() => redisDedupeStore(client, { ttl: 0 })).toThrow(/ttl/);
    expect(() => redisDedupeStore(client, { claimTtl: 0 })).toThrow(/claimTtl/);
    expect(() => redisDedupeStore(client, { chunkSize: 0 })).toThrow(/chunkSize/);
    expect(() => redisDedupeStore(client, { timeout: -1 })).toThrow(/timeout/);
  });

  it('lets claimTtl override the claim duration core asks for', async () => {
    const admin = await adminOf(standalone);
    const store = redisDedupeStore(await connect(STANDALONE_CLIENTS[0]!, standalone), {
      claimTtl: 40,
      prefix: 'ttl:',
    });
    expect(await store.claim(['k'], 60_000)).toEqual(['claimed']);
    expect(await admin.pttl('ttl:k')).toBeLessThanOrEqual(40);
  });
});

describe('with createWebhooks, two instances (ioredis and node-redis) sharing Redis', () => {
  const secret = 'redis-secret';
  const body = (id: string) =>
    JSON.stringify({
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
                messages: [{ from: '3', id, timestamp: '1', type: 'text', text: { body: 'hi' } }],
              },
            },
          ],
        },
      ],
    });
  const post = (text: string): WebhookRequest => ({
    method: 'POST',
    url: '/webhook',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signBody(text, secret),
    },
    readBody: async () => new TextEncoder().encode(text),
  });
  const instance = async (clientCase: ClientCase, handler: () => unknown) => {
    const hooks = createWebhooks({
      appSecret: secret,
      verifyToken: 't',
      dedupe: redisDedupeStore(await connect(clientCase, standalone)),
    });
    hooks.on('messages.text', handler);
    hooks.onError(() => undefined);
    return hooks;
  };
  const [ioredisCase, , nodeRedisCase] = STANDALONE_CLIENTS as [ClientCase, ClientCase, ClientCase];

  it('runs an event once whichever instance gets each delivery', async () => {
    const handler = vi.fn();
    const [a, b] = [await instance(ioredisCase, handler), await instance(nodeRedisCase, handler)];
    const text = body('wamid.SHARED');
    expect((await a.handle(post(text))).status).toBe(200);
    expect((await b.handle(post(text))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('answers 503 on one instance while the other is processing, and the failure is retried', async () => {
    let fail!: () => void;
    const gate = new Promise<void>((_, reject) => (fail = () => reject(new Error('boom'))));
    gate.catch(() => undefined);
    const slow = vi.fn(() => gate);
    const fast = vi.fn();
    const [a, b] = [await instance(nodeRedisCase, slow), await instance(ioredisCase, fast)];
    const text = body('wamid.RACE');
    const first = a.handle(post(text));
    await vi.waitFor(() => expect(slow).toHaveBeenCalled());
    expect((await b.handle(post(text))).status).toBe(503);
    fail();
    expect((await first).status).toBe(500);
    expect((await b.handle(post(text))).status).toBe(200);
    expect(fast).toHaveBeenCalledTimes(1);
  });
});
