/**
 * The PostgreSQL store against a real, throw-away PostgreSQL cluster: claim/commit/release semantics,
 * concurrent claimers on separate pools, ids PostgreSQL cannot key as they are, the table's life cycle,
 * cleanup through the expiry index, and failing fast while PostgreSQL is down or slow.
 */
import { createWebhooks, type WebhookRequest } from '@wa-webhooks/core';
import { expectClaimsAndMarksExpire, expectReleaseSparesOthers, signBody } from '@wa-webhooks/test-kit';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dedupeTableSql, eventKey, postgresDedupeStore } from '../src/index';
import { statements } from '../src/sql';
import { startPostgresCluster, type PostgresCluster } from './support/postgres-cluster';

let cluster: PostgresCluster;
const pools: pg.Pool[] = [];
const poolOf = (config: pg.PoolConfig = {}): pg.Pool => {
  const pool = new pg.Pool({ connectionString: cluster.url, connectionTimeoutMillis: 1000, ...config });
  pool.on('error', () => undefined); // idle connections the server dropped (outage tests)
  pools.push(pool);
  return pool;
};
let admin: pg.Pool;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rows = async (table = 'wa_webhooks_dedupe') =>
  (await admin.query(`SELECT id, token, processed FROM ${table} ORDER BY id`)).rows as Array<{
    id: string;
    token: string | null;
    processed: boolean;
  }>;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  admin = poolOf();
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
  await cluster?.destroy();
});
beforeEach(async () => {
  await admin.query('DROP TABLE IF EXISTS wa_webhooks_dedupe');
});

describe('postgresDedupeStore', () => {
  it('creates its table on first use, claims, reports in-progress and processed, and releases failed claims', async () => {
    const store = postgresDedupeStore(poolOf());
    expect(await store.claim(['a', 'b'], 10_000)).toEqual(['claimed', 'claimed']);
    expect(await store.claim(['a'], 10_000)).toEqual(['in-progress']);
    expect(store.pendingClaims).toBe(2);
    await store.commit(['a']);
    await store.release(['b']);
    expect(store.pendingClaims).toBe(0);
    expect(await rows()).toEqual([{ id: 'a', token: null, processed: true }]);
    expect(await store.claim(['a', 'b'], 10_000)).toEqual(['processed', 'claimed']);
    const { rows: ttl } = await admin.query(
      "SELECT expires_at > now() + interval '6 days' AS long FROM wa_webhooks_dedupe WHERE id = 'a'",
    );
    expect(ttl).toEqual([{ long: true }]);
  });

  it('lets claims expire after claimTtl and processed ids after ttl', async () => {
    await expectClaimsAndMarksExpire(postgresDedupeStore(admin, { ttl: 60 }));
  });

  it('never releases a processed id or a claim another instance holds', async () => {
    await expectReleaseSparesOthers(postgresDedupeStore(poolOf()), postgresDedupeStore(poolOf()));
  });

  it('gives each claim to exactly one of several concurrent claimers, whatever order their batches list ids in', async () => {
    const ids = Array.from({ length: 200 }, (_, index) => `race-${index}`);
    const stores = Array.from({ length: 4 }, () => postgresDedupeStore(poolOf({ max: 4 })));
    await stores[0]!.ready();
    // Overlapping batches in opposite orders: row locks taken in batch order would deadlock here.
    const batches = (reverse: boolean) =>
      Array.from({ length: 10 }, (_, index) => {
        const part = ids.slice(index * 15, index * 15 + 50);
        return reverse ? part.reverse() : part;
      });
    const results = await Promise.all(
      stores.flatMap((store, index) =>
        batches(index % 2 === 1).map(async (batch) => ({ batch, states: await store.claim(batch, 10_000) })),
      ),
    );
    const claims = new Map<string, number>();
    for (const { batch, states } of results) {
      batch.forEach((id, index) => {
        if (states[index] === 'claimed') claims.set(id, (claims.get(id) ?? 0) + 1);
      });
    }
    expect([...claims.values()].every((count) => count === 1)).toBe(true);
    expect(claims.size).toBe(new Set(results.flatMap(({ batch }) => batch)).size);
    await Promise.all(stores.map((store, index) => (index === 0 ? store.commit(ids) : undefined)));
    expect(await stores[3]!.claim(ids.slice(0, 3), 10_000)).toEqual(['processed', 'processed', 'processed']);
  });

  it('takes any string as an id: digits, 0:, braces, unicode, NUL, lone surrogates, # and 4 KB', async () => {
    const plain = ['0', '12345', '0:abc', ':', '{}', 'é😀中'];
    const special = ['x'.repeat(4096), 'a\u0000b', 'a\uD800', 'a\uDC00', '#abc', `#${'0'.repeat(64)}`];
    const ids = [...plain, ...special];
    const store = postgresDedupeStore(admin);
    expect(await store.claim(ids, 10_000)).toEqual(ids.map(() => 'claimed'));
    await store.commit(ids);
    expect(await store.claim(ids, 10_000)).toEqual(ids.map(() => 'processed'));
    const stored = (await rows()).map(({ id }) => id);
    expect(stored).toHaveLength(ids.length);
    expect(stored).toEqual(expect.arrayContaining(plain));
    for (const id of special) expect(eventKey(id)).toMatch(/^#[0-9a-f]{64}$/);
  });

  it('answers the same id twice in one call as claimed, then in progress', async () => {
    const store = postgresDedupeStore(admin);
    expect(await store.claim(['d', 'd', 'f'], 10_000)).toEqual(['claimed', 'in-progress', 'claimed']);
    await store.commit(['d', 'd']);
    expect(await store.claim(['d', 'd'], 10_000)).toEqual(['processed', 'processed']);
  });
});

describe('the table', () => {
  it('lives where `table` says, and is not created with createTable: false', async () => {
    await admin.query('CREATE SCHEMA IF NOT EXISTS hooks');
    const store = postgresDedupeStore(admin, { table: 'hooks.seen' });
    expect(await store.claim(['t1'], 10_000)).toEqual(['claimed']);
    expect((await rows('hooks.seen')).map(({ id }) => id)).toEqual(['t1']);

    const manual = postgresDedupeStore(admin, { table: 'migrated', createTable: false });
    await expect(manual.ready()).resolves.toBeUndefined(); // SELECT 1 only
    await expect(manual.claim(['t2'], 10_000)).rejects.toMatchObject({
      code: 'DEDUPE_UNAVAILABLE',
      cause: expect.objectContaining({ code: '42P01' }), // undefined_table
    });
    await admin.query(dedupeTableSql('migrated'));
    expect(await manual.claim(['t2'], 10_000)).toEqual(['claimed']);
  });

  it('is created once when many instances start together', async () => {
    const stores = Array.from({ length: 6 }, () => postgresDedupeStore(poolOf({ max: 2 }), { table: 'together' }));
    await Promise.all(stores.map((store) => store.ready()));
    const { rows: tables } = await admin.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'together'");
    expect(tables).toEqual([{ n: 1 }]);
  });

  it('refuses table names it would have to quote, and other bad options', () => {
    expect(() => postgresDedupeStore(admin, { table: 'x; DROP TABLE y' })).toThrow(/table must be a plain name/);
    expect(() => postgresDedupeStore(admin, { table: 'a.b.c' })).toThrow(/schema\.name/);
    expect(() => postgresDedupeStore(admin, { ttl: 0 })).toThrow(/ttl/);
    expect(() => postgresDedupeStore(admin, { claimTtl: -1 })).toThrow(/claimTtl/);
    expect(() => postgresDedupeStore(admin, { cleanupInterval: -1 })).toThrow(/cleanupInterval/);
    expect(() => postgresDedupeStore({} as pg.Pool)).toThrow(/node-postgres Pool/);
  });
});

describe('bounded growth', () => {
  it('reaches rows through an index in every statement, never by scanning the table', async () => {
    const store = postgresDedupeStore(admin, { ttl: 1, cleanupInterval: 0, cleanupBatch: 400 });
    await store.ready();
    await admin.query(
      "INSERT INTO wa_webhooks_dedupe SELECT 'live-' || n, 't', n % 2 = 0, now() + interval '1 day' FROM generate_series(1, 20000) n",
    );
    await admin.query('ANALYZE wa_webhooks_dedupe');
    const sql = statements('wa_webhooks_dedupe');
    const keys = Array.from({ length: 20 }, (_, index) => `live-${index * 7 + 1}`);
    const tokens = keys.map(() => 't');
    const plans = await Promise.all(
      [
        [sql.claim, [keys, tokens, 60_000]],
        [sql.commit, [keys, 60_000]],
        [sql.release, [keys, tokens]],
        [sql.cleanup, [400]],
      ].map(async ([text, values]) => {
        const { rows: plan } = await admin.query(`EXPLAIN ${text as string}`, values as unknown[]);
        return plan.map((row: Record<string, string>) => Object.values(row)[0]).join('\n');
      }),
    );
    for (const plan of plans) expect(plan).not.toMatch(/Seq Scan on wa_webhooks_dedupe/);
    expect(plans[3]).toMatch(/Index Scan using wa_webhooks_dedupe_expires_at/);
  });

  it('deletes lapsed rows in batches, and only those', async () => {
    const store = postgresDedupeStore(admin, { ttl: 1, cleanupInterval: 0, cleanupBatch: 400 });
    await store.ready();
    await admin.query(
      "INSERT INTO wa_webhooks_dedupe SELECT 'live-' || n, NULL, true, now() + interval '1 day' FROM generate_series(1, 2000) n",
    );
    await store.commit(Array.from({ length: 1000 }, (_, index) => `old-${index}`)); // lapse after 1 ms
    await sleep(5);
    expect(await store.cleanup()).toBe(1000);
    const { rows: left } = await admin.query('SELECT count(*)::int AS n FROM wa_webhooks_dedupe');
    expect(left).toEqual([{ n: 2000 }]);
  });

  it('cleans up by itself after a claim once cleanupInterval has passed', async () => {
    const store = postgresDedupeStore(admin, { ttl: 1, cleanupInterval: 20 });
    await store.commit(['lapsing-1', 'lapsing-2']);
    await sleep(30);
    expect(await store.claim(['fresh'], 10_000)).toEqual(['claimed']);
    await vi.waitFor(async () => expect((await rows()).map(({ id }) => id)).toEqual(['fresh']), { timeout: 5000 });
  });
});

describe('with createWebhooks, two instances sharing PostgreSQL', () => {
  const secret = 'pg-secret';
  const post = (id: string): WebhookRequest => {
    const text = JSON.stringify({
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
    return {
      method: 'POST',
      url: '/webhook',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signBody(text, secret),
      },
      readBody: async () => new TextEncoder().encode(text),
    };
  };
  const instance = (handler: () => unknown) => {
    const hooks = createWebhooks({ appSecret: secret, verifyToken: 't', dedupe: postgresDedupeStore(poolOf()) });
    hooks.on('messages.text', handler);
    hooks.onError(() => undefined);
    return hooks;
  };

  it('runs an event once whichever instance gets each delivery, and answers 503 while the other runs it', async () => {
    let fail!: () => void;
    const gate = new Promise<void>((_, reject) => (fail = () => reject(new Error('boom'))));
    gate.catch(() => undefined);
    const slow = vi.fn(() => gate);
    const fast = vi.fn();
    const [a, b] = [instance(slow), instance(fast)];
    const first = a.handle(post('wamid.PG'));
    await vi.waitFor(() => expect(slow).toHaveBeenCalled());
    expect((await b.handle(post('wamid.PG'))).status).toBe(503);
    fail();
    expect((await first).status).toBe(500);
    expect((await b.handle(post('wamid.PG'))).status).toBe(200);
    expect((await a.handle(post('wamid.PG'))).status).toBe(200);
    expect(fast).toHaveBeenCalledTimes(1);
  });
});
