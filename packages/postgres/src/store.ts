/**
 * `postgresDedupeStore`: claims, commits and releases event ids in one SQL statement each.
 */
import { randomUUID } from 'node:crypto';
import { DedupeStoreError, type ClaimState, type DedupeStore } from '@wa-webhooks/core';
import { eventKey } from './keys';
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

const CLAIM_STATES: Record<number, ClaimState> = { 1: 'claimed', 2: 'processed', 3: 'in-progress' };
const DAY = 24 * 60 * 60 * 1000;

interface Settings {
  ttl: number;
  timeout: number;
  maxWaiting: number;
  cleanupInterval: number;
  cleanupBatch: number;
}

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

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`PostgreSQL did not answer ${what} within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The distinct keys of `ids`, and for each id the index of its key. */
function distinctKeys(ids: readonly string[]): { keys: string[]; slots: number[] } {
  const positions = new Map<string, number>();
  const keys: string[] = [];
  const slots = ids.map((id) => {
    const key = eventKey(id);
    let slot = positions.get(key);
    if (slot === undefined) {
      slot = keys.push(key) - 1;
      positions.set(key, slot);
    }
    return slot;
  });
  return { keys, slots };
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
  const sql = statements(options.table ?? DEFAULT_TABLE);
  if (typeof pool?.query !== 'function')
    throw new TypeError('postgresDedupeStore needs a node-postgres Pool (or Client) from the pg package.');
  const tokens = new Map<string, string>();
  const instance = randomUUID();
  let sequence = 0;
  let created: Promise<unknown> | undefined;
  let lastCleanup = Date.now();

  const query = async (text: string, values: unknown[]) => {
    if (options.createTable !== false) {
      created ??= pool.query(sql.create).catch((error: unknown) => {
        created = undefined;
        throw error;
      });
      await created;
    }
    return pool.query(text, values);
  };
  const run = async <T>(what: string, operation: () => Promise<T>): Promise<T> => {
    try {
      if ((pool.waitingCount ?? 0) >= settings.maxWaiting) {
        throw new Error(`${pool.waitingCount} queries already wait for a connection of the pool`);
      }
      return await withTimeout(operation(), settings.timeout, what);
    } catch (error) {
      throw new DedupeStoreError(
        `The PostgreSQL dedupe store could not ${what}; nothing was marked processed and Meta will retry.`,
        { cause: error },
      );
    }
  };
  const release = async (ids: readonly string[]): Promise<void> => {
    const held = new Map<string, string>(); // key → the token of our claim
    for (const id of ids) {
      const key = eventKey(id);
      if (!held.has(key)) held.set(key, tokens.get(id) ?? '');
      tokens.delete(id);
    }
    await query(sql.release, [[...held.keys()], [...held.values()]]);
  };
  const claimAll = async (ids: readonly string[], claimTtl: number) => {
    const { keys, slots } = distinctKeys(ids);
    const candidates = keys.map(() => `${instance}:${++sequence}`);
    const { rows } = await query(sql.claim, [keys, candidates, claimTtl]);
    const keyStates = rows.map((row) => CLAIM_STATES[(row as { state: number }).state]);
    const seen = new Set<number>();
    const claimed: string[] = [];
    const states = ids.map((id, index): ClaimState => {
      const slot = slots[index]!;
      const state = keyStates[slot];
      if (state === undefined) throw new Error(`unexpected claim reply ${JSON.stringify(rows[slot])}`);
      const first = !seen.has(slot);
      seen.add(slot);
      if (state !== 'claimed') return state;
      if (!first) return 'in-progress'; // the same id twice in one call: its first copy holds the claim
      tokens.set(id, candidates[slot]!);
      claimed.push(id);
      return state;
    });
    return { states, claimed };
  };
  const cleanup = async (): Promise<number> => {
    let deleted = 0;
    for (let round = 0; round < 100; round++) {
      const { rowCount } = await query(sql.cleanup, [settings.cleanupBatch]);
      deleted += rowCount ?? 0;
      if ((rowCount ?? 0) < settings.cleanupBatch) break;
    }
    return deleted;
  };
  const maybeCleanup = () => {
    if (settings.cleanupInterval === 0 || Date.now() - lastCleanup < settings.cleanupInterval) return;
    lastCleanup = Date.now();
    cleanup().catch(() => undefined);
  };

  return {
    get pendingClaims() {
      return tokens.size;
    },
    claim(ids, claimTtl) {
      if (ids.length === 0) return [];
      let operation: ReturnType<typeof claimAll> | undefined;
      return run('claim events', async () => {
        operation = claimAll(ids, Math.ceil(options.claimTtl ?? claimTtl));
        return (await operation).states;
      }).then(
        (states) => {
          maybeCleanup();
          return states;
        },
        (error: unknown) => {
          // Timed out: when the late answer comes, drop the claims it took, so that Meta's retry gets them.
          operation?.then(({ claimed }) => release(claimed)).catch(() => undefined);
          throw error;
        },
      );
    },
    commit(ids) {
      if (ids.length === 0) return;
      return run('commit events', async () => {
        await query(sql.commit, [distinctKeys(ids).keys, settings.ttl]);
        for (const id of ids) tokens.delete(id);
      });
    },
    release(ids) {
      if (ids.length === 0) return;
      return run('release events', () => release(ids));
    },
    ready: () => run('create or reach its table', () => query('SELECT 1', [])).then(() => undefined),
    cleanup: () => run('delete lapsed rows', cleanup),
  };
}
