/**
 * `postgresDedupeStore`: claims, commits and releases event ids in one SQL statement each.
 */
import { randomUUID } from 'node:crypto';
import type { DedupeStore } from '@wa-webhooks/core';
import {
  claimAll,
  cleanup,
  commitAll,
  maybeCleanup,
  query,
  releaseClaims,
  run,
  type Settings,
  type StoreState,
} from './operations';
import { DEFAULT_TABLE, statements } from './sql';

/**
 * What the store needs of a node-postgres `Pool` (recommended) or `Client`: `query(text, values)`, and
 * the pool's `waitingCount` when there is one.
 */
export interface PostgresQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
  readonly waitingCount?: number;
}

/** Options of `postgresDedupeStore`. */
export interface PostgresDedupeStoreOptions {
  /** How long a processed event id is remembered, in ms. Default 7 days (Meta retries for up to 7 days). */
  readonly ttl?: number;
  /** Table name, `name` or `schema.name`. Default `wa_webhooks_dedupe`. */
  readonly table?: string;
  /**
   * Create the table and its index on first use if missing. Default true. Set false when your
   * migrations create it (`dedupeTableSql()` gives the DDL) or the role may not run DDL.
   */
  readonly createTable?: boolean;
  /**
   * How long a claim blocks other deliveries of the event if its holder dies, in ms. Default: what core
   * asks for (twice `handlerTimeout`, at least a minute).
   */
  readonly claimTtl?: number;
  /**
   * Longest wait for PostgreSQL per operation, in ms, before the store fails (the POST answers 500 and
   * Meta retries). Default 2000. A claim that completes after its caller gave up is released at once.
   */
  readonly timeout?: number;
  /**
   * Fail at once, without queueing, while this many queries already wait for a connection of the pool
   * (`pool.waitingCount`): PostgreSQL is slow or the pool too small, and waiting would only pile up
   * requests. Default 50.
   */
  readonly maxWaiting?: number;
  /**
   * How often an instance deletes lapsed rows, in ms (at most `cleanupBatch` rows per statement through
   * the expiry index, after a claim, never blocking it). Default 60 000; 0 turns it off.
   */
  readonly cleanupInterval?: number;
  /** Most rows one cleanup statement deletes. Default 1000. */
  readonly cleanupBatch?: number;
}

/** A `DedupeStore` on PostgreSQL. */
export interface PostgresDedupeStore extends DedupeStore {
  /** Claims taken by this instance and not yet committed or released. */
  readonly pendingClaims: number;
  /**
   * Creates the table if missing (unless `createTable: false`) and checks that PostgreSQL answers;
   * rejects with `DedupeStoreError` otherwise. Optional: the first operation does it too.
   */
  ready(): Promise<void>;
  /** Deletes lapsed rows now (in batches of `cleanupBatch`) and resolves with how many. */
  cleanup(): Promise<number>;
}

const DAY = 24 * 60 * 60 * 1000;

function checkOptions(options: PostgresDedupeStoreOptions): Settings {
  const settings = {
    ttl: options.ttl ?? 7 * DAY,
    timeout: options.timeout ?? 2000,
    maxWaiting: options.maxWaiting ?? 50,
    cleanupInterval: options.cleanupInterval ?? 60_000,
    cleanupBatch: options.cleanupBatch ?? 1000,
  };
  const positive = (name: string, value: number | undefined, zero = false) => {
    if (value !== undefined && !(Number.isFinite(value) && (value > 0 || (zero && value === 0))))
      throw new TypeError(`postgresDedupeStore: ${name} must be a ${zero ? 'non-negative' : 'positive'} number.`);
  };
  positive('ttl (ms)', settings.ttl);
  positive('claimTtl (ms)', options.claimTtl);
  positive('timeout (ms)', settings.timeout);
  positive('maxWaiting', settings.maxWaiting);
  positive('cleanupInterval (ms)', settings.cleanupInterval, true);
  positive('cleanupBatch', settings.cleanupBatch);
  return settings;
}

/**
 * Creates a PostgreSQL-backed `DedupeStore` for `createWebhooks({ dedupe })`. Each claim is one
 * `INSERT … ON CONFLICT DO UPDATE … WHERE expired` for all events of a notification (atomic per event
 * id across every instance); commits and releases are one statement each. The table is created on first
 * use if missing; lapsed rows are deleted in small batches through an index, once a minute per instance.
 *
 * @throws TypeError for invalid options.
 * @example
 * ```ts
 * import pg from 'pg';
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 2000 });
 * pool.on('error', () => {}); // idle connections dropped by the server: pg reconnects on next use
 * const webhooks = createWebhooks({ appSecret, verifyToken, dedupe: postgresDedupeStore(pool) });
 * ```
 */
export function postgresDedupeStore(
  pool: PostgresQueryable,
  options: PostgresDedupeStoreOptions = {},
): PostgresDedupeStore {
  const settings = checkOptions(options);
  if (typeof pool?.query !== 'function')
    throw new TypeError('postgresDedupeStore needs a node-postgres Pool (or Client) from the pg package.');
  const state: StoreState = {
    pool,
    sql: statements(options.table ?? DEFAULT_TABLE),
    createTable: options.createTable !== false,
    settings,
    tokens: new Map(),
    instance: randomUUID(),
    sequence: 0,
    created: undefined,
    lastCleanup: Date.now(),
  };
  return {
    get pendingClaims() {
      return state.tokens.size;
    },
    claim(ids, claimTtl) {
      if (ids.length === 0) return [];
      let operation: ReturnType<typeof claimAll> | undefined;
      return run(state, 'claim events', async () => {
        operation = claimAll(state, ids, Math.ceil(options.claimTtl ?? claimTtl));
        return (await operation).states;
      }).then(
        (states) => {
          maybeCleanup(state);
          return states;
        },
        (error: unknown) => {
          // Timed out: when the late answer comes, drop the claims it took, so that Meta's retry gets them.
          operation?.then(({ claimed }) => releaseClaims(state, claimed)).catch(() => undefined);
          throw error;
        },
      );
    },
    commit(ids) {
      if (ids.length === 0) return;
      return run(state, 'commit events', () => commitAll(state, ids));
    },
    release(ids) {
      if (ids.length === 0) return;
      return run(state, 'release events', () => releaseClaims(state, ids));
    },
    ready: () => run(state, 'create or reach its table', () => query(state, 'SELECT 1', [])).then(() => undefined),
    cleanup: () => run(state, 'delete lapsed rows', () => cleanup(state)),
  };
}
