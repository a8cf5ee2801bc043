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
 * Every operation costs the same whatever the fill. Ids live in one `Map`, in the order they were last
 * claimed or seen: a new id is one lookup and one insert. When the map is full, the least recently
 * seen half is dropped in one pass from its start (a `Map` that evicts one id at a time with
 * `keys().next()` after deletes gets slower the fuller it runs; one pass per `max / 2` inserts costs one
 * delete per insert, and V8 compacts the holes when the table next fills). Each entry's value is one small
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

  const half = Math.ceil(max / 2);
  const base = now();
  const at = (time: number): number => Math.ceil((time - base) / UNIT_MS);
  const ids = new Map<string, number>();

  /** Drops the least recently seen half, in insertion order, in one pass. */
  const evict = (): void => {
    let dropped = 0;
    for (const id of ids.keys()) {
      ids.delete(id);
      if (++dropped >= half) break;
    }
  };
  const put = (id: string, state: number): void => {
    ids.set(id, state);
    if (ids.size > max) evict();
  };

  return {
    max,
    get size() {
      return ids.size;
    },
    claim(list, claimTtl) {
      const time = now();
      const present = at(time);
      const claimed = at(time + claimTtl) * 2;
      const states = new Array<ClaimState>(list.length);
      for (let index = 0; index < list.length; index++) {
        const id = list[index]!;
        const state = ids.get(id);
        if (state === undefined) {
          put(id, claimed);
          states[index] = 'claimed';
          continue;
        }
        // Seen again: move it to the end, so that it is among the last to go.
        ids.delete(id);
        if (Math.floor(state / 2) > present) {
          ids.set(id, state);
          states[index] = state % 2 === 1 ? 'processed' : 'in-progress';
        } else {
          ids.set(id, claimed);
          states[index] = 'claimed';
        }
      }
      return states;
    },
    commit(list) {
      const processed = at(now() + ttl) * 2 + 1;
      for (const id of list) put(id, processed);
    },
    release(list) {
      for (const id of list) {
        const state = ids.get(id);
        if (state !== undefined && state % 2 === 0) ids.delete(id);
      }
    },
  };
}
