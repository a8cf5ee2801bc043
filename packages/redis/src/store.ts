/**
 * `redisDedupeStore`: claims, commits and releases event ids with Lua scripts, in chunks, on either
 * client library.
 */
import { randomUUID } from 'node:crypto';
import { DedupeStoreError, type ClaimState, type DedupeStore } from '@wa-webhooks/core';
import {
  clientKind,
  script,
  scriptRunner,
  type RedisClientKind,
  type RedisDedupeClient,
  type ScriptRunner,
} from './clients';
import { eventKey } from './keys';
import { CLAIM_SCRIPT, COMMIT_SCRIPT, RELEASE_SCRIPT } from './scripts';

/** Options of `redisDedupeStore`. */
export interface RedisDedupeStoreOptions {
  /**
   * How long a processed event id is remembered, in ms. Default 7 days: Meta retries a notification
   * for up to 7 days, and a retry can carry events that were already processed. About 100 bytes per id.
   */
  readonly ttl?: number;
  /**
   * Prefix of every key. Default `{wa-webhooks}:dedupe:`: the `{…}` hash tag keeps the keys of one
   * notification in one slot, so the multi-key scripts also run on Redis Cluster. Keep a hash tag if you
   * change it and use Cluster.
   */
  readonly prefix?: string;
  /**
   * How long a claim blocks other deliveries of the event if its holder dies, in ms. Default: what core
   * asks for (twice `handlerTimeout`, at least a minute). Set it lower for queue workers whose jobs are
   * short, so that a crashed worker's event is picked up sooner; never lower than your slowest handler.
   */
  readonly claimTtl?: number;
  /**
   * Longest wait for Redis per operation, in ms, before the store fails (and the POST answers 500, so
   * that Meta retries). Default 2000. Also create the client so that commands fail at once while Redis
   * is down (ioredis: `enableOfflineQueue: false`; node-redis: `disableOfflineQueue: true`).
   */
  readonly timeout?: number;
  /**
   * Most keys per script call. Default 500: a notification with more events runs as several scripts
   * (sent together), so that Redis never runs one long script for a huge batch while every other client
   * waits. Each key is still claimed atomically.
   */
  readonly chunkSize?: number;
}

/** A `DedupeStore` on Redis, with the number of claims this instance holds (for tests and metrics). */
export interface RedisDedupeStore extends DedupeStore {
  /** Claims taken by this instance and not yet committed or released. */
  readonly pendingClaims: number;
  /** The client library the store talks through. */
  readonly client: RedisClientKind;
}

/** Default `chunkSize`: a 500-key claim script runs about 3 ms on loopback (`pnpm bench`). */
export const DEFAULT_CHUNK_SIZE = 500;

const CLAIM = script(CLAIM_SCRIPT);
const COMMIT = script(COMMIT_SCRIPT);
const RELEASE = script(RELEASE_SCRIPT);
const CLAIM_STATES: Record<number, ClaimState> = { 1: 'claimed', 2: 'processed', 3: 'in-progress' };

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer ${what} within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

function throwFirstFailure(settled: ReadonlyArray<PromiseSettledResult<unknown>>): void {
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
}

function checkOptions(options: RedisDedupeStoreOptions): Required<Omit<RedisDedupeStoreOptions, 'claimTtl'>> {
  const ttl = options.ttl ?? 7 * 24 * 60 * 60 * 1000;
  const timeout = options.timeout ?? 2000;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (options.claimTtl !== undefined && !(options.claimTtl > 0))
    throw new TypeError('redisDedupeStore: claimTtl must be a positive number (ms).');
  if (!Number.isSafeInteger(ttl) || ttl < 1)
    throw new TypeError('redisDedupeStore: ttl must be a positive integer (ms).');
  if (!(timeout > 0)) throw new TypeError('redisDedupeStore: timeout must be a positive number (ms).');
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1)
    throw new TypeError('redisDedupeStore: chunkSize must be a positive integer (keys per script call).');
  return { ttl, timeout, chunkSize, prefix: options.prefix ?? '{wa-webhooks}:dedupe:' };
}

/** What the operations of one store share. */
interface StoreState {
  readonly runScript: ScriptRunner;
  readonly prefix: string;
  readonly chunkSize: number;
  /** One token per claim, so that a release can only drop the claim this instance took. */
  readonly tokens: Map<string, string>;
  readonly instance: string;
  sequence: number;
}

// Chunks are sent together: the client pipelines them and Redis runs them one after another, letting
// other clients' commands in between.
function inChunks<R>(
  state: StoreState,
  ids: readonly string[],
  call: (ids: string[]) => Promise<R>,
): Promise<Array<PromiseSettledResult<R>>> {
  return Promise.allSettled(ids.length <= state.chunkSize ? [call([...ids])] : chunks(ids, state.chunkSize).map(call));
}

const keysOf = (state: StoreState, ids: readonly string[]) => ids.map((id) => eventKey(state.prefix, id));

async function releaseClaims(state: StoreState, ids: readonly string[]): Promise<void> {
  const settled = await inChunks(state, ids, (part) =>
    state.runScript(
      RELEASE,
      keysOf(state, part),
      part.map((id) => state.tokens.get(id) ?? ''),
    ),
  );
  for (const id of ids) state.tokens.delete(id);
  throwFirstFailure(settled);
}

async function claimAll(state: StoreState, ids: readonly string[], ttlMs: string) {
  const claimed: string[] = [];
  const settled = await inChunks(state, ids, async (part) => {
    const candidates = part.map(() => `${state.instance}:${++state.sequence}`);
    const reply = (await state.runScript(CLAIM, keysOf(state, part), [...candidates, ttlMs])) as unknown[];
    return part.map((id, index) => {
      const claimState = CLAIM_STATES[Number(reply[index])];
      if (claimState === undefined) throw new Error(`unexpected claim reply ${String(reply[index])}`);
      if (claimState === 'claimed') {
        state.tokens.set(id, candidates[index]!);
        claimed.push(id);
      }
      return claimState;
    });
  });
  if (settled.some((result) => result.status === 'rejected')) {
    // The chunks that did succeed would block their events (503) until claimTtl: drop those claims.
    releaseClaims(state, claimed).catch(() => undefined);
    throwFirstFailure(settled);
  }
  return { states: settled.flatMap((result) => (result as PromiseFulfilledResult<ClaimState[]>).value), claimed };
}

async function commitAll(state: StoreState, ids: readonly string[], ttl: number): Promise<void> {
  const settled = await inChunks(state, ids, (part) => state.runScript(COMMIT, keysOf(state, part), [String(ttl)]));
  for (const id of ids) state.tokens.delete(id);
  throwFirstFailure(settled);
}

/**
 * Creates a Redis-backed `DedupeStore` for `createWebhooks({ dedupe })`, on an ioredis client (`Redis` or
 * `Cluster`, ioredis 5 or 6) or a node-redis client (`createClient()` or `createCluster()`, redis 5 or
 * 6). Claims are `SET NX PX` in a Lua script (atomic per event id across every instance), in chunks of
 * `chunkSize` keys; commits and releases are Lua scripts too. Instances on different client libraries
 * share one key layout, so they deduplicate together.
 *
 * @throws TypeError for a client of another kind or invalid options.
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false });
 * const webhooks = createWebhooks({ appSecret, verifyToken, dedupe: redisDedupeStore(redis) });
 * ```
 */
export function redisDedupeStore(client: RedisDedupeClient, options: RedisDedupeStoreOptions = {}): RedisDedupeStore {
  const { ttl, timeout, chunkSize, prefix } = checkOptions(options);
  const claimTtlOverride = options.claimTtl;
  const kind = clientKind(client);
  const state: StoreState = {
    runScript: scriptRunner(client, kind),
    prefix,
    chunkSize,
    tokens: new Map(),
    instance: randomUUID(),
    sequence: 0,
  };
  const run = async <T>(what: string, operation: () => Promise<T>): Promise<T> => {
    try {
      return await withTimeout(operation(), timeout, what);
    } catch (error) {
      throw new DedupeStoreError(
        `The Redis dedupe store could not ${what}; nothing was marked processed and Meta will retry.`,
        { cause: error },
      );
    }
  };

  return {
    client: kind,
    get pendingClaims() {
      return state.tokens.size;
    },
    claim(ids, claimTtl) {
      const operation = claimAll(state, ids, String(Math.ceil(claimTtlOverride ?? claimTtl)));
      return run('claim events', async () => (await operation).states).catch((error: unknown) => {
        // Timed out: when the late reply comes, drop the claims it took, so that Meta's retry gets them.
        operation.then(({ claimed }) => releaseClaims(state, claimed)).catch(() => undefined);
        throw error;
      });
    },
    commit: (ids) => run('commit events', () => commitAll(state, ids, ttl)),
    release: (ids) => run('release events', () => releaseClaims(state, ids)),
  };
}
