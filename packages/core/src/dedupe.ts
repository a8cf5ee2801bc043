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

/**
 * An in-process store: the default. It deduplicates within one process; with several instances behind
 * a load balancer, use `redisDedupeStore` (`@wa-webhooks/redis`) or `postgresDedupeStore`
 * (`@wa-webhooks/postgres`) instead.
 *
 * Every operation costs the same whatever the fill: ids live in a ring of `max` slots (the slot's
 * expiry and state in typed arrays), a `Map` gives an id's slot, and a new id takes the slot after the
 * last one used, evicting its occupant. The map is never iterated, so deleted entries cost nothing
 * (a `Map` evicting with `keys().next()` gets slower the fuller it runs).
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
  if (!Number.isSafeInteger(max) || max < 1)
    throw new ConfigurationError('memoryDedupeStore: max must be a positive integer.');
  if (!(typeof ttl === 'number' && ttl > 0))
    throw new ConfigurationError('memoryDedupeStore: ttl must be a positive number of milliseconds.');

  const slots = new Map<string, number>();
  const owners: Array<string | undefined> = new Array<string | undefined>(max).fill(undefined);
  const expires = new Float64Array(max);
  const processed = new Uint8Array(max);
  let next = 0;

  /** Puts `id` in the next slot of the ring (evicting whoever held it) with the given state. */
  const place = (id: string, until: number, done: 0 | 1): void => {
    const slot = next;
    next = next + 1 === max ? 0 : next + 1;
    const evicted = owners[slot];
    if (evicted !== undefined) slots.delete(evicted);
    owners[slot] = id;
    slots.set(id, slot);
    expires[slot] = until;
    processed[slot] = done;
  };

  /** Frees the slot of an id that moves or goes, so that evicting that slot later touches nobody. */
  const vacate = (id: string, slot: number): void => {
    owners[slot] = undefined;
    slots.delete(id);
  };

  return {
    max,
    get size() {
      return slots.size;
    },
    claim(ids, claimTtl) {
      const time = now();
      const states = new Array<ClaimState>(ids.length);
      for (let index = 0; index < ids.length; index++) {
        const id = ids[index]!;
        const slot = slots.get(id);
        if (slot !== undefined && expires[slot]! > time) {
          if (processed[slot] === 0) {
            states[index] = 'in-progress';
            continue;
          }
          // A processed id seen again is the one to keep: Meta is retrying it. Move it to the front.
          const until = expires[slot]!;
          vacate(id, slot);
          place(id, until, 1);
          states[index] = 'processed';
          continue;
        }
        if (slot !== undefined) vacate(id, slot);
        place(id, time + claimTtl, 0);
        states[index] = 'claimed';
      }
      return states;
    },
    commit(ids) {
      const until = now() + ttl;
      for (const id of ids) {
        const slot = slots.get(id);
        if (slot === undefined) {
          place(id, until, 1);
        } else {
          expires[slot] = until;
          processed[slot] = 1;
        }
      }
    },
    release(ids) {
      for (const id of ids) {
        const slot = slots.get(id);
        if (slot !== undefined && processed[slot] === 0) vacate(id, slot);
      }
    },
  };
}
