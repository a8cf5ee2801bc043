/**
 * Where the fault-injection workers record handler attempts and side effects: Redis (INCRs) for the
 * Redis backend, a table in the same PostgreSQL for the PostgreSQL backend, so that each run needs one
 * datastore only.
 */
import { Redis } from 'ioredis';
import pg from 'pg';

/** Attempts and side effects per message id. */
export interface Ledger {
  /** Counts one more handler attempt for `id`; resolves with the attempt number. */
  attempt(id: string): Promise<number>;
  /** Counts an injected failure. */
  injected(id: string): Promise<void>;
  /** Counts the side effect of `id`. */
  effect(id: string): Promise<void>;
  /** Effects per id (in order), and the totals. */
  read(ids: readonly string[]): Promise<{ effects: number[]; handlerCalls: number; injected: number }>;
  close(): Promise<void>;
}

/** A ledger in Redis at `url`. */
export async function redisLedger(url: string): Promise<Ledger> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  await redis.ping();
  return {
    attempt: async (id) => {
      await redis.incr('fi:calls');
      return redis.incr(`fi:attempts:${id}`);
    },
    injected: async () => void (await redis.incr('fi:injected')),
    effect: async (id) => void (await redis.incr(`fi:effect:${id}`)),
    read: async (ids) => ({
      effects: (await redis.mget(ids.map((id) => `fi:effect:${id}`))).map(Number),
      handlerCalls: Number(await redis.get('fi:calls')),
      injected: Number(await redis.get('fi:injected')),
    }),
    close: async () => redis.disconnect(),
  };
}

/** A ledger in the `fi` table of the PostgreSQL at `url` (created if missing). */
export async function postgresLedger(url: string): Promise<Ledger> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on('error', () => undefined);
  await pool.query(
    'CREATE TABLE IF NOT EXISTS fi (id text PRIMARY KEY, attempts int NOT NULL DEFAULT 0, effects int NOT NULL DEFAULT 0, injected int NOT NULL DEFAULT 0)',
  );
  return {
    attempt: async (id) =>
      (
        await pool.query<{ attempts: number }>(
          'INSERT INTO fi (id, attempts) VALUES ($1, 1) ON CONFLICT (id) DO UPDATE SET attempts = fi.attempts + 1 RETURNING attempts',
          [id],
        )
      ).rows[0]!.attempts,
    injected: async (id) => void (await pool.query('UPDATE fi SET injected = injected + 1 WHERE id = $1', [id])),
    effect: async (id) => void (await pool.query('UPDATE fi SET effects = effects + 1 WHERE id = $1', [id])),
    read: async (ids) => {
      const { rows } = await pool.query<{ id: string; attempts: number; effects: number; injected: number }>(
        'SELECT id, attempts, effects, injected FROM fi WHERE id = ANY($1)',
        [ids],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return {
        effects: ids.map((id) => byId.get(id)?.effects ?? 0),
        handlerCalls: rows.reduce((sum, row) => sum + row.attempts, 0),
        injected: rows.reduce((sum, row) => sum + row.injected, 0),
      };
    },
    close: () => pool.end(),
  };
}
