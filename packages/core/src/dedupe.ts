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
  /** Most ids kept; the least recently used are evicted first. Default 10 000. */
  readonly max?: number;
  /** How long a processed id is remembered, in ms. Default 24 hours. */
  readonly ttl?: number;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
}

interface MemoryEntry {
  processed: boolean;
  expires: number;
}

/**
 * An in-process LRU store: the default. It deduplicates within one process; with several instances
 * behind a load balancer, use `redisDedupeStore` from `@wa-webhooks/redis` instead.
 *
 * @example
 * ```ts
 * const webhooks = createWebhooks({ appSecret, verifyToken, dedupe: memoryDedupeStore({ max: 50_000 }) });
 * ```
 */
export function memoryDedupeStore(options: MemoryDedupeStoreOptions = {}): DedupeStore & { readonly size: number } {
  const max = options.max ?? 10_000;
  const ttl = options.ttl ?? 24 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  if (!Number.isSafeInteger(max) || max < 1) throw new TypeError('memoryDedupeStore: max must be a positive integer.');
  if (!(ttl > 0)) throw new TypeError('memoryDedupeStore: ttl must be a positive number of milliseconds.');
  const entries = new Map<string, MemoryEntry>();

  const put = (id: string, entry: MemoryEntry): void => {
    entries.delete(id);
    entries.set(id, entry);
    while (entries.size > max) entries.delete(entries.keys().next().value as string);
  };

  return {
    get size() {
      return entries.size;
    },
    claim(ids, claimTtl) {
      const time = now();
      return ids.map((id): ClaimState => {
        const entry = entries.get(id);
        if (entry !== undefined && entry.expires > time) {
          if (!entry.processed) return 'in-progress';
          put(id, entry);
          return 'processed';
        }
        put(id, { processed: false, expires: time + claimTtl });
        return 'claimed';
      });
    },
    commit(ids) {
      const expires = now() + ttl;
      for (const id of ids) put(id, { processed: true, expires });
    },
    release(ids) {
      for (const id of ids) {
        const entry = entries.get(id);
        if (entry !== undefined && !entry.processed) entries.delete(id);
      }
    },
  };
}
