/**
 * `@wa-webhooks/redis`: a deduplication store on Redis, so that several instances of your webhook
 * server (or several queue workers) process each WhatsApp event once.
 *
 * Built on ioredis, the client BullMQ uses: one client library for the dedupe store and the
 * `@wa-webhooks/bullmq` hand-off, Lua scripts cached with EVALSHA through `defineCommand`, and
 * per-key commands that also work on Redis Cluster.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { DedupeStoreError, type ClaimState, type DedupeStore } from '@wa-webhooks/core';
import type { Redis } from 'ioredis';

/** Options of `redisDedupeStore`. */
export interface RedisDedupeStoreOptions {
  /**
   * How long a processed event id is remembered, in ms. Default 7 days: Meta retries a notification
   * for up to 7 days, and a retry can carry events that were already processed. About 100 bytes per id.
   */
  readonly ttl?: number;
  /** Prefix of every key. Default `wa-webhooks:dedupe:`. */
  readonly prefix?: string;
  /**
   * How long a claim blocks other deliveries of the event if its holder dies, in ms. Default: what core
   * asks for (twice `handlerTimeout`, at least a minute). Set it lower for queue workers whose jobs are
   * short, so that a crashed worker's event is picked up sooner; never lower than your slowest handler.
   */
  readonly claimTtl?: number;
  /**
   * Longest wait for Redis per operation, in ms, before the store fails (and the POST answers 500, so
   * that Meta retries). Default 2000. Also create the client with `enableOfflineQueue: false`, so that
   * commands fail at once while Redis is down instead of waiting for a reconnect.
   */
  readonly timeout?: number;
}

const PROCESSED = 'p';

// SET NX PX takes the claim atomically; an existing key says whether the event is done or in progress.
const CLAIM_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == '${PROCESSED}' then return 2 end
return 3`;

// Marks the event processed whoever holds the claim: the handlers succeeded.
const COMMIT_SCRIPT = `redis.call('SET', KEYS[1], '${PROCESSED}', 'PX', ARGV[1]) return 1`;

// Drops only our own claim: never a processed mark, never a claim another instance took after ours expired.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

interface DedupeCommands {
  waDedupeClaim(key: string, token: string, claimTtl: number): Promise<number>;
  waDedupeCommit(key: string, ttl: number): Promise<number>;
  waDedupeRelease(key: string, token: string): Promise<number>;
}

const CLAIM_STATES: Record<number, ClaimState> = { 1: 'claimed', 2: 'processed', 3: 'in-progress' };

/** A `DedupeStore` on Redis, with the number of claims this instance holds (for tests and metrics). */
export interface RedisDedupeStore extends DedupeStore {
  /** Claims taken by this instance and not yet committed or released. */
  readonly pendingClaims: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer ${what} within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Creates a Redis-backed `DedupeStore` for `createWebhooks({ dedupe })`. Claims are `SET NX PX` in a Lua
 * script (atomic per event id across every instance); commits and releases are Lua scripts too.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false });
 * const webhooks = createWebhooks({ appSecret, verifyToken, dedupe: redisDedupeStore(redis) });
 * ```
 */
export function redisDedupeStore(redis: Redis, options: RedisDedupeStoreOptions = {}): RedisDedupeStore {
  const ttl = options.ttl ?? 7 * 24 * 60 * 60 * 1000;
  const prefix = options.prefix ?? 'wa-webhooks:dedupe:';
  const timeout = options.timeout ?? 2000;
  const claimTtlOverride = options.claimTtl;
  if (claimTtlOverride !== undefined && !(claimTtlOverride > 0)) throw new TypeError('redisDedupeStore: claimTtl must be a positive number (ms).');
  if (!Number.isSafeInteger(ttl) || ttl < 1) throw new TypeError('redisDedupeStore: ttl must be a positive integer (ms).');
  if (!(timeout > 0)) throw new TypeError('redisDedupeStore: timeout must be a positive number (ms).');
  if (typeof redis?.defineCommand !== 'function') throw new TypeError('redisDedupeStore needs an ioredis client.');

  const client = redis as Redis & DedupeCommands;
  if (typeof client.waDedupeClaim !== 'function') {
    redis.defineCommand('waDedupeClaim', { numberOfKeys: 1, lua: CLAIM_SCRIPT });
    redis.defineCommand('waDedupeCommit', { numberOfKeys: 1, lua: COMMIT_SCRIPT });
    redis.defineCommand('waDedupeRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  }
  // One token per claim, so that a release can only drop the claim this instance took.
  const tokens = new Map<string, string>();
  const instance = randomUUID();
  let sequence = 0;

  const run = async <T>(what: string, operation: () => Promise<T>): Promise<T> => {
    try {
      return await withTimeout(operation(), timeout, what);
    } catch (error) {
      throw new DedupeStoreError(`The Redis dedupe store could not ${what}; nothing was marked processed and Meta will retry.`, { cause: error });
    }
  };

  return {
    get pendingClaims() {
      return tokens.size;
    },
    claim(ids, claimTtl) {
      return run('claim events', async () => {
        const claimed = ids.map(() => `${instance}:${++sequence}`);
        // ioredis writes every command before reading any reply: one round trip in practice, and per-key
        // scripts keep working on Redis Cluster, where keys of one call may live in different slots.
        const replies = await Promise.all(ids.map((id, index) => client.waDedupeClaim(prefix + id, claimed[index]!, Math.ceil(claimTtlOverride ?? claimTtl))));
        return replies.map((reply, index) => {
          const state = CLAIM_STATES[reply];
          if (state === undefined) throw new Error(`unexpected claim reply ${String(reply)}`);
          if (state === 'claimed') tokens.set(ids[index]!, claimed[index]!);
          return state;
        });
      });
    },
    commit(ids) {
      return run('commit events', async () => {
        await Promise.all(ids.map((id) => client.waDedupeCommit(prefix + id, ttl)));
        for (const id of ids) tokens.delete(id);
      });
    },
    release(ids) {
      return run('release events', async () => {
        await Promise.all(ids.map((id) => client.waDedupeRelease(prefix + id, tokens.get(id) ?? '')));
        for (const id of ids) tokens.delete(id);
      });
    },
  };
}
