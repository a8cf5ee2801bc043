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
import { IdRing } from './id-ring';

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
   * Most ids kept; past it, the oldest id (the one first seen longest ago) is forgotten first. Default
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
  /** Ids held right now (claimed, processed or released; expired ones until they are reused or evicted). */
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

/** Largest `max`: its tables are typed arrays of about 40 bytes per id, allocated at creation. */
const MEMORY_DEDUPE_MAX_LIMIT = 2 ** 26;

const SEVEN_DAYS = 7 * 24 * 60 * 60 * 1000;

/**
 * An in-process store: the default. It deduplicates within one process; with several instances behind
 * a load balancer, use `redisDedupeStore` (`@wa-webhooks/redis`) or `postgresDedupeStore`
 * (`@wa-webhooks/postgres`) instead.
 *
 * It holds up to `max` ids and, once full, forgets the oldest first (by when an id was first seen).
 * Every operation costs the same at any fill: the ids sit in a ring found through an open-addressing
 * hash table in typed arrays, so a claim or commit is one hash of the id and about two slot probes, and
 * eviction drops one id per new one. Memory: about 40 bytes per id of capacity for the tables (4 MB for
 * the default 100 000, allocated and written once at creation) plus the id strings themselves
 * (about 90 bytes each for Meta's 60-character message ids).
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
  if (!Number.isSafeInteger(max) || max < 2 || max > MEMORY_DEDUPE_MAX_LIMIT)
    throw new ConfigurationError(
      `memoryDedupeStore: max must be an integer from 2 to ${MEMORY_DEDUPE_MAX_LIMIT}; use a Redis or PostgreSQL store for more.`,
    );
  if (!(typeof ttl === 'number' && ttl > 0))
    throw new ConfigurationError('memoryDedupeStore: ttl must be a positive number of milliseconds.');

  const ring = new IdRing(max);
  const { until, processed } = ring;
  // Times are kept relative to the store's creation: small numbers, exact in a Float64Array.
  const base = now();
  // The ids of the last claim and their entries: a commit usually follows with the same strings, which
  // then need no hashing and no probing (checked by identity and against the entry, never trusted).
  let lastIds: readonly string[] = [];
  const lastEntries: number[] = [];

  /** Where `id` sits in the last claim, by identity, from `from` on (commits keep claim order); -1 if not there. */
  const inLastClaim = (id: string, from: number): number => {
    for (let at = from; at < lastIds.length; at++) if (lastIds[at] === id) return at;
    return -1;
  };

  return {
    max,
    get size() {
      return ring.size;
    },
    claim(list, claimTtl) {
      const time = now() - base;
      const states = new Array<ClaimState>(list.length);
      lastIds = list;
      for (let index = 0; index < list.length; index++) {
        const id = list[index]!;
        const hash = ring.hash(id);
        let entry = ring.find(id, hash);
        if (entry !== -1 && until[entry]! > time) {
          states[index] = processed[entry] === 1 ? 'processed' : 'in-progress';
          lastEntries[index] = entry;
          continue;
        }
        if (entry === -1) entry = ring.add(id, hash);
        until[entry] = time + claimTtl;
        processed[entry] = 0;
        states[index] = 'claimed';
        lastEntries[index] = entry;
      }
      return states;
    },
    commit(list) {
      const time = now() - base + ttl;
      let cursor = 0;
      for (const id of list) {
        const at = inLastClaim(id, cursor);
        let entry = -1;
        if (at !== -1) {
          cursor = at + 1;
          if (ring.holds(lastEntries[at]!, id)) entry = lastEntries[at]!;
        }
        if (entry === -1) {
          const hash = ring.hash(id);
          entry = ring.find(id, hash);
          // Evicted while its handlers ran (a store far too small for the traffic), or never claimed:
          // remember it anyway.
          if (entry === -1) entry = ring.add(id, hash);
        }
        until[entry] = time;
        processed[entry] = 1;
      }
    },
    release(list) {
      for (const id of list) {
        const entry = ring.find(id, ring.hash(id));
        // A released claim expires at once; a processed mark is never dropped.
        if (entry !== -1 && processed[entry] === 0) until[entry] = -Infinity;
      }
    },
  };
}
