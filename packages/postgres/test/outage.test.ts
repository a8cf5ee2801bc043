/**
 * PostgreSQL down (`pg_ctl stop -m immediate`) or slow (a lock held on the table) under the store: every
 * operation fails fast with DEDUPE_UNAVAILABLE (a POST answers 500 and Meta retries) instead of waiting
 * or queueing; nothing is marked; a claim that completes late is released; service resumes.
 */
import { createWebhooks } from '@wa-webhooks/core';
import { messagesChange, notification, textMessage } from '@wa-webhooks/test-kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postgresDedupeStore } from '../src/index';
import { startPostgresCluster, type PostgresCluster } from './support/postgres-cluster';

let cluster: PostgresCluster;
const pools: pg.Pool[] = [];
const poolOf = (config: pg.PoolConfig = {}): pg.Pool => {
  const pool = new pg.Pool({ connectionString: cluster.url, connectionTimeoutMillis: 1000, ...config });
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
};
/** A notification carrying one text message with the id `wamid`. */
const oneMessage = (wamid: string) => notification([[messagesChange([textMessage('x', wamid)])]]);

beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
  await cluster?.destroy();
});

describe('PostgreSQL stopped with pg_ctl stop -m immediate', () => {
  it('answers 500 DEDUPE_UNAVAILABLE at once, marks nothing, and resumes after the restart', async () => {
    const hooks = createWebhooks({ appSecret: 's', verifyToken: 't', dedupe: postgresDedupeStore(poolOf()) });
    hooks.onError(() => undefined);
    const seen: string[] = [];
    hooks.on('messages.text', (event) => void seen.push(event.message.id));
    await expect(hooks.receive(oneMessage('wamid.BEFORE'))).resolves.toEqual({
      delivered: 1,
      duplicates: 0,
      stale: 0,
    });

    await cluster.stop();
    const started = Date.now();
    await expect(hooks.receive(oneMessage('wamid.DURING'))).rejects.toMatchObject({ code: 'DEDUPE_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seen).toEqual(['wamid.BEFORE']);

    await cluster.start();
    await vi.waitFor(
      async () =>
        expect(await hooks.receive(oneMessage('wamid.DURING'))).toEqual({ delivered: 1, duplicates: 0, stale: 0 }),
      { timeout: 10_000, interval: 100 },
    );
    // The data survived the crash: what was processed before stays processed.
    await expect(hooks.receive(oneMessage('wamid.BEFORE'))).resolves.toEqual({
      delivered: 0,
      duplicates: 1,
      stale: 0,
    });
    expect(seen).toEqual(['wamid.BEFORE', 'wamid.DURING']);
  });
});

describe('PostgreSQL slow: a lock held on the table', () => {
  it('fails each claim after `timeout`, and releases a claim that completes after its caller gave up', async () => {
    const pool = poolOf();
    const store = postgresDedupeStore(pool, { table: 'slow', timeout: 300 });
    await store.ready();
    const locker = await poolOf().connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE slow IN ACCESS EXCLUSIVE MODE');
    try {
      const started = Date.now();
      await expect(store.claim(['late'], 60_000)).rejects.toMatchObject({ code: 'DEDUPE_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    // The late claim ran once the lock was gone, and its release followed.
    const other = postgresDedupeStore(poolOf(), { table: 'slow' });
    await vi.waitFor(async () => expect(await other.claim(['late'], 60_000)).toEqual(['claimed']), {
      timeout: 5000,
      interval: 50,
    });
    expect(store.pendingClaims).toBe(0);
  });

  it('fails at once, without queueing, while maxWaiting queries already wait for a connection', async () => {
    const pool = poolOf({ max: 1 });
    const store = postgresDedupeStore(pool, { table: 'queued', timeout: 2000, maxWaiting: 2 });
    await store.ready();
    const locker = await poolOf().connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE queued IN ACCESS EXCLUSIVE MODE');
    try {
      // One holds the pool's only connection, two wait for it: the next fails without waiting.
      const held = [store.claim(['q1'], 60_000), store.claim(['q2'], 60_000), store.claim(['q3'], 60_000)];
      for (const claim of held) (claim as Promise<unknown>).catch(() => undefined);
      await vi.waitFor(() => expect(pool.waitingCount).toBe(2));
      const started = Date.now();
      await expect(store.claim(['q4'], 60_000)).rejects.toMatchObject({
        code: 'DEDUPE_UNAVAILABLE',
        cause: expect.objectContaining({ message: expect.stringMatching(/2 queries already wait/) }),
      });
      expect(Date.now() - started).toBeLessThan(100);
      expect(pool.waitingCount).toBe(2); // the refused claim never joined the queue
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
  });
});
