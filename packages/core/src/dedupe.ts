/**
 * Deduplication with claim → process → commit semantics. Meta retries anything that is not a 200 and
 * may deliver the same event twice; a store remembers which event ids were processed successfully.
 *
 * - `claim` marks ids as being processed. An id already processed answers `processed` (its handlers are
 *   skipped, the POST still answers 200); an id claimed by a delivery still running answers
 *   `in-progress` (the POST answers 503, so that Meta retries later and never gets a 200 for an event
 *   whose processing may still fail).
 * - `commit` marks ids processed after every handler succeeded; `release` drops the claim of ids whose
 *   handlers failed, so that Meta's retry runs them again.
 * - A claim expires after `claimTtl` milliseconds, so a crashed process does not block an event forever.
 */
import { ConfigurationError } from './errors';

/** The outcome of claiming one event id. */
export type ClaimState = 'claimed' | 'processed' | 'in-progress';

/** Where processed event ids are remembered. Implementations must make `claim` atomic per id. */
export interface DedupeStore {
  /** Claims each id for `claimTtl` ms; answers one state per id, in order. */
  claim(ids: readonly string[], claimTtl: number): Promise<readonly ClaimState[]> | readonly ClaimState[];
  /** Marks claimed ids as processed (kept for the store's ttl). */
  commit(ids: readonly string[]): Promise<void> | void;
  /** Drops the claims of ids whose processing failed. */
  release(ids: readonly string[]): Promise<void> | void;
}

/** Options of `memoryDedupeStore`. */
export interface MemoryDedupeStoreOptions {
  /**
   * Most ids kept; past it, the id claimed or seen least recently is forgotten first. Default
   * `DEFAULT_MEMORY_DEDUPE_MAX` (100 000 ids, about 13 MB with Meta's 60-character message ids).
   */
  readonly max?: number;
  /**
   * How long a processed id is remembered, in ms. Default 7 days, Meta's retry window: a retry can
   * come that late and carry events already processed.
   */
  readonly ttl?: number;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/** The memory store returned by `memoryDedupeStore`: a `DedupeStore` that also tells its size. */
export interface MemoryDedupeStore extends DedupeStore {
  /** Ids held right now (claimed or processed, expired ones until they are reused or evicted). */
  readonly size: number;
  /** The most ids it holds. */
  readonly max: number;
  claim(ids: readonly string[], claimTtl: number): readonly ClaimState[];
  commit(ids: readonly string[]): void;
  release(ids: readonly string[]): void;
}

/**
 * Default capacity of the memory store. Meta retries a failed delivery for up to 7 days, mostly within
 * the first hours; 100 000 ids cover a day of a number receiving about 4 000 events an hour.
 */
export const DEFAULT_MEMORY_DEDUPE_MAX = 100_000;

const SEVEN_DAYS = 7 * 24 * 60 * 60 * 1000;

/** Time in the store's unit: 10 ms since the store was made (small integers, stored without allocating). */
const UNIT_MS = 10;

/**
 * An in-process store: the default. It deduplicates within one process; with several instances behind
 * a load balancer, use `redisDedupeStore` (`@wa-webhooks/redis`) or `postgresDedupeStore`
 * (`@wa-webhooks/postgres`) instead.
 *
 * Every operation costs the same whatever the fill. Ids live in two generations of `Map`s: new ids go
 * into the current one; when it holds `max / 2` ids, it becomes the previous one and the previous one is
 * dropped whole. A lookup checks both, and an id found in the previous generation moves to the current
 * one, so the ids seen recently stay. Nothing is deleted one by one (a `Map` that evicts with
 * `keys().next()` after deletes gets slower the fuller it runs), and each entry's value is one small
 * integer (its expiry in 10 ms units since the store was made, doubled, plus 1 once processed), so a
 * claim allocates nothing for the first two months of a process (and stays correct after).
 * The store holds between `max / 2` and `max` ids.
 *
 * @example
 * ```ts
 * const webhooks = createWebhooks({ appSecret, verifyToken, dedupe: memoryDedupeStore({ max: 500_000 }) });
 * ```
 */
export function memoryDedupeStore(options: MemoryDedupeStoreOptions = {}): MemoryDedupeStore {
  const max = options.max ?? DEFAULT_MEMORY_DEDUPE_MAX;
  const ttl = options.ttl ?? SEVEN_DAYS;
  const now = options.now ?? Date.now;
  if (!Number.isSafeInteger(max) || max < 2)
    throw new ConfigurationError('memoryDedupeStore: max must be an integer of at least 2.');
  if (!(typeof ttl === 'number' && ttl > 0))
    throw new ConfigurationError('memoryDedupeStore: ttl must be a positive number of milliseconds.');

  const generation = Math.ceil(max / 2);
  const base = now();
  const at = (time: number): number => Math.ceil((time - base) / UNIT_MS);
  let current = new Map<string, number>();
  let previous = new Map<string, number>();

  const put = (id: string, state: number): void => {
    if (current.size >= generation) {
      previous = current;
      current = new Map();
    }
    current.set(id, state);
  };

  /** The state of `id` (expiry × 2 + processed), moved to the current generation; undefined if unknown. */
  const find = (id: string): number | undefined => {
    const state = current.get(id);
    if (state !== undefined) return state;
    const old = previous.get(id);
    if (old !== undefined) {
      previous.delete(id);
      put(id, old);
    }
    return old;
  };

  return {
    max,
    get size() {
      return current.size + previous.size;
    },
    claim(ids, claimTtl) {
      const time = now();
      const present = at(time);
      const claimed = at(time + claimTtl) * 2;
      const states = new Array<ClaimState>(ids.length);
      for (let index = 0; index < ids.length; index++) {
        const id = ids[index]!;
        const state = find(id);
        if (state !== undefined && Math.floor(state / 2) > present) {
          states[index] = state % 2 === 1 ? 'processed' : 'in-progress';
          continue;
        }
        if (state !== undefined && current.has(id)) current.set(id, claimed);
        else put(id, claimed);
        states[index] = 'claimed';
      }
      return states;
    },
    commit(ids) {
      const processed = at(now() + ttl) * 2 + 1;
      // One write per id: a claim left behind in the previous generation is shadowed by this one
      // (lookups read the current generation first) and goes when that generation is dropped.
      for (const id of ids) put(id, processed);
    },
    release(ids) {
      for (const id of ids) {
        const state = current.get(id) ?? previous.get(id);
        if (state !== undefined && state % 2 === 0) {
          current.delete(id);
          previous.delete(id);
        }
      }
    },
  };
}
