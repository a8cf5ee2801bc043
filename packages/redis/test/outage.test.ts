/**
 * Redis stopped under a running webhook server, for each client library: every POST fails fast with
 * DEDUPE_UNAVAILABLE (answered 500, so Meta retries), nothing is marked, and processing resumes once
 * Redis is back.
 */
import { createWebhooks } from '@wa-webhooks/core';
import { messagesChange, notification, textMessage } from '@wa-webhooks/test-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisDedupeStore } from '../src/index';
import { STANDALONE_CLIENTS, type ConnectedClient } from './support/clients';
import { startRedisServer, type RedisServer } from './support/redis-server';

/** A notification carrying one text message with the id `wamid`. */
const oneMessage = (wamid: string) => notification([[messagesChange([textMessage('x', wamid)])]]);

describe.each([STANDALONE_CLIENTS[0]!, STANDALONE_CLIENTS[2]!])('Redis outage with $name', (clientCase) => {
  let server: RedisServer;
  let connected: ConnectedClient;
  beforeAll(async () => {
    server = await startRedisServer();
    connected = await clientCase.connect(server.port);
  });
  afterAll(async () => {
    await connected.close();
    await server.stop();
  });

  it('answers 500 DEDUPE_UNAVAILABLE while Redis is down, marks nothing, and resumes when it is back', async () => {
    const hooks = createWebhooks({
      appSecret: 's',
      verifyToken: 't',
      dedupe: redisDedupeStore(connected.client, { timeout: 500 }),
    });
    hooks.onError(() => undefined);
    const seen: string[] = [];
    hooks.on('messages.text', (event) => void seen.push(event.message.id));
    await expect(hooks.receive(oneMessage('wamid.BEFORE'))).resolves.toEqual({
      delivered: 1,
      duplicates: 0,
      stale: 0,
    });

    await server.stop();
    const started = Date.now();
    await expect(hooks.receive(oneMessage('wamid.DURING'))).rejects.toMatchObject({ code: 'DEDUPE_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seen).toEqual(['wamid.BEFORE']);

    await server.start(); // empty: nothing survived, nothing was marked
    await vi.waitFor(
      async () =>
        expect(await hooks.receive(oneMessage('wamid.DURING'))).toEqual({ delivered: 1, duplicates: 0, stale: 0 }),
      { timeout: 10_000, interval: 100 },
    );
    await expect(hooks.receive(oneMessage('wamid.DURING'))).resolves.toEqual({
      delivered: 0,
      duplicates: 1,
      stale: 0,
    });
    expect(seen).toEqual(['wamid.BEFORE', 'wamid.DURING']);
  });
});
