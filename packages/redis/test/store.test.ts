import { createHmac } from 'node:crypto';
import { createWebhooks, type WebhookRequest } from '@wa-webhooks/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { redisDedupeStore } from '../src/index';
import { startRedisServer, type RedisServer } from './support/redis-server';

let server: RedisServer;
const clients: Redis[] = [];
const ready = (redis: Redis) =>
  redis.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => redis.once('ready', () => resolve()));
/** A connected client that fails fast while Redis is down (as the README recommends). */
const client = async (): Promise<Redis> => {
  const redis = new Redis(server.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  clients.push(redis);
  await ready(redis);
  return redis;
};

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  for (const redis of clients) redis.disconnect();
  await server.stop();
});
let admin: Redis;
beforeEach(async () => {
  admin ??= await client();
  await admin.flushall();
});

describe('redisDedupeStore', () => {
  it('claims, reports in-progress and processed, and releases failed claims', async () => {
    const store = redisDedupeStore(admin);
    expect(await store.claim(['a', 'b'], 10_000)).toEqual(['claimed', 'claimed']);
    expect(await store.claim(['a'], 10_000)).toEqual(['in-progress']);
    await store.commit(['a']);
    await store.release(['b']);
    expect(await store.claim(['a', 'b'], 10_000)).toEqual(['processed', 'claimed']);
    expect(await admin.get('{wa-webhooks}:dedupe:a')).toBe('p');
    expect(await admin.pttl('{wa-webhooks}:dedupe:a')).toBeGreaterThan(6 * 24 * 3600 * 1000);
  });

  it('lets claims expire after claimTtl and processed marks after ttl', async () => {
    const store = redisDedupeStore(admin, { ttl: 60, prefix: 'short:' });
    expect(await store.claim(['x'], 50)).toEqual(['claimed']);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await store.claim(['x'], 50)).toEqual(['claimed']);
    await store.commit(['x']);
    expect(await store.claim(['x'], 50)).toEqual(['processed']);
    await new Promise((resolve) => setTimeout(resolve, 90));
    expect(await store.claim(['x'], 50)).toEqual(['claimed']);
  });

  it('never releases a processed mark or a claim another instance holds', async () => {
    const first = redisDedupeStore(await client());
    const second = redisDedupeStore(await client());
    expect(await first.claim(['e'], 50)).toEqual(['claimed']);
    await new Promise((resolve) => setTimeout(resolve, 80)); // first's claim expired
    expect(await second.claim(['e'], 10_000)).toEqual(['claimed']);
    await first.release(['e']); // must not drop second's claim
    expect(await first.claim(['e'], 10_000)).toEqual(['in-progress']);
    await second.commit(['e']);
    await second.release(['e']);
    expect(await first.claim(['e'], 10_000)).toEqual(['processed']);
  });

  it('gives one claim to exactly one of many concurrent claimers on separate connections', async () => {
    const stores = await Promise.all(Array.from({ length: 8 }, async () => redisDedupeStore(await client())));
    const ids = Array.from({ length: 50 }, (_, index) => `race-${index}`);
    const results = await Promise.all(stores.map((store) => store.claim(ids, 10_000)));
    for (let index = 0; index < ids.length; index++) {
      expect(results.filter((states) => states[index] === 'claimed')).toHaveLength(1);
    }
    expect(stores.reduce((sum, store) => sum + store.pendingClaims, 0)).toBe(ids.length);
  });

  it('rejects a client that is not ioredis and bad options', () => {
    expect(() => redisDedupeStore({} as Redis)).toThrow(/ioredis/);
    expect(() => redisDedupeStore(admin, { ttl: 0 })).toThrow(/ttl/);
  });
});

describe('with createWebhooks, two instances sharing Redis', () => {
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
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(text).digest('hex')}`,
    },
    readBody: async () => new TextEncoder().encode(text),
  });
  const instance = async (handler: () => unknown) => {
    const hooks = createWebhooks({ appSecret: secret, verifyToken: 't', dedupe: redisDedupeStore(await client()) });
    hooks.on('messages.text', handler);
    hooks.onError(() => undefined);
    return hooks;
  };

  it('runs an event once whichever instance gets each delivery', async () => {
    const handler = vi.fn();
    const [a, b] = [await instance(handler), await instance(handler)];
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
    const [a, b] = [await instance(slow), await instance(fast)];
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

describe('Redis outage', () => {
  it('answers 500 DEDUPE_UNAVAILABLE while Redis is down, marks nothing, and resumes when it is back', async () => {
    const redis = new Redis(server.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 50,
    });
    redis.on('error', () => undefined);
    clients.push(redis);
    await ready(redis);
    const hooks = createWebhooks({
      appSecret: 's',
      verifyToken: 't',
      dedupe: redisDedupeStore(redis, { timeout: 500 }),
    });
    const errors: string[] = [];
    hooks.onError((error) => void errors.push(error.code));
    const seen: string[] = [];
    hooks.on('messages.text', (event) => void seen.push(event.id));
    const notification = (id: string) => ({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { display_phone_number: '1', phone_number_id: '2' },
                messages: [{ from: '3', id, timestamp: '1', type: 'text', text: { body: 'x' } }],
              },
            },
          ],
        },
      ],
    });
    await expect(hooks.receive(notification('wamid.BEFORE'))).resolves.toEqual({ delivered: 1, duplicates: 0 });

    await server.stop();
    const started = Date.now();
    await expect(hooks.receive(notification('wamid.DURING'))).rejects.toMatchObject({ code: 'DEDUPE_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seen).toEqual(['wamid.BEFORE']);

    await server.start(); // empty: nothing survived, nothing was marked
    await ready(redis);
    await vi.waitFor(async () => expect(await redis.ping()).toBe('PONG'), { timeout: 5000 });
    await expect(hooks.receive(notification('wamid.DURING'))).resolves.toEqual({ delivered: 1, duplicates: 0 });
    await expect(hooks.receive(notification('wamid.DURING'))).resolves.toEqual({ delivered: 0, duplicates: 1 });
    expect(seen).toEqual(['wamid.BEFORE', 'wamid.DURING']);
    admin = await client();
  });
});

describe('claimTtl option', () => {
  it('overrides the claim duration core asks for', async () => {
    const store = redisDedupeStore(admin, { claimTtl: 40, prefix: 'ttl:' });
    expect(await store.claim(['k'], 60_000)).toEqual(['claimed']);
    expect(await admin.pttl('ttl:k')).toBeLessThanOrEqual(40);
    expect(() => redisDedupeStore(admin, { claimTtl: 0 })).toThrow(/claimTtl/);
  });
});
