/**
 * The two Redis client libraries the store accepts, behind one `ScriptRunner`: `EVAL` the first time,
 * `EVALSHA` after, and `EVAL` again when Redis answers NOSCRIPT (after a restart, on a new Cluster
 * node). The user's client is used as it is and never modified.
 */
import { createHash } from 'node:crypto';

/**
 * An ioredis client: `new Redis()` or `new Cluster()`, ioredis 5 or 6. Only the methods the store calls
 * are named here, so that the types of both majors fit.
 */
export interface IoredisClient {
  readonly defineCommand: (...args: never[]) => unknown;
  readonly evalsha: (...args: never[]) => unknown;
  readonly eval: (...args: never[]) => unknown;
}

/**
 * A node-redis client: `createClient()` or `createCluster()` from `redis` 5 or 6 (connected with
 * `await client.connect()`). Only the methods the store calls are named here.
 */
export interface NodeRedisClient {
  readonly evalSha: (...args: never[]) => unknown;
  readonly eval: (...args: never[]) => unknown;
}

/** A client `redisDedupeStore` accepts: ioredis (`Redis`, `Cluster`) or node-redis (`createClient`, `createCluster`). */
export type RedisDedupeClient = IoredisClient | NodeRedisClient;

/** Which library a client comes from. */
export type RedisClientKind = 'ioredis' | 'node-redis';

/** A Lua script and its SHA-1, for `EVALSHA`. */
export interface Script {
  readonly lua: string;
  readonly sha: string;
}

/** Prepares a script for `runScript`. */
export function script(lua: string): Script {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/** Runs one script with its keys and arguments; resolves with Redis's reply. */
export type ScriptRunner = (
  script: Script,
  keys: ReadonlyArray<string | Buffer>,
  args: readonly string[],
) => Promise<unknown>;

type IoredisEval = (shaOrLua: string, numberOfKeys: number, ...keysAndArgs: Array<string | Buffer>) => Promise<unknown>;
type NodeRedisEval = (
  shaOrLua: string,
  options: { keys: Array<string | Buffer>; arguments: string[] },
) => Promise<unknown>;

const ACCEPTED =
  'an ioredis client (`new Redis()` or `new Cluster()`, ioredis 5 or 6) or a node-redis client (`createClient()` or `createCluster()`, redis 5 or 6)';

/** Tells the library of `client`; throws a `TypeError` naming the accepted clients for anything else. */
export function clientKind(client: unknown): RedisClientKind {
  const candidate = client as Partial<Record<'defineCommand' | 'evalsha' | 'evalSha' | 'eval', unknown>> | null;
  if (typeof candidate?.defineCommand === 'function' && typeof candidate.evalsha === 'function') return 'ioredis';
  if (typeof candidate?.evalSha === 'function' && typeof candidate.eval === 'function') return 'node-redis';
  throw new TypeError(`redisDedupeStore needs ${ACCEPTED}; got ${describe(client)}.`);
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== 'Object' ? `an instance of ${name}` : 'an object without eval methods';
}

const isNoScript = (error: unknown): boolean =>
  typeof (error as { message?: unknown } | null)?.message === 'string' &&
  (error as { message: string }).message.startsWith('NOSCRIPT');

/** A `ScriptRunner` on `client` (whose kind `clientKind` already checked). */
export function scriptRunner(client: RedisDedupeClient, kind: RedisClientKind): ScriptRunner {
  let call: (useSha: boolean, script: Script, keys: Array<string | Buffer>, args: string[]) => Promise<unknown>;
  if (kind === 'ioredis') {
    const evalsha = (client as IoredisClient).evalsha as unknown as IoredisEval;
    const evaluate = (client as IoredisClient).eval as unknown as IoredisEval;
    call = (useSha, { sha, lua }, keys, args) =>
      (useSha ? evalsha : evaluate).call(client, useSha ? sha : lua, keys.length, ...keys, ...args);
  } else {
    const evalSha = (client as NodeRedisClient).evalSha as unknown as NodeRedisEval;
    const evaluate = (client as NodeRedisClient).eval as unknown as NodeRedisEval;
    call = (useSha, { sha, lua }, keys, args) =>
      (useSha ? evalSha : evaluate).call(client, useSha ? sha : lua, { keys, arguments: args });
  }
  // The first call of each script sends it whole (EVAL loads it), so that chunks pipelined behind it
  // find it; later calls send its SHA-1, and send it whole again only when Redis lost it (a restart, a
  // new Cluster node).
  const sent = new Set<string>();
  return async (script, keys, args) => {
    if (!sent.has(script.sha)) {
      sent.add(script.sha);
      return call(false, script, [...keys], [...args]);
    }
    try {
      return await call(true, script, [...keys], [...args]);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return call(false, script, [...keys], [...args]);
    }
  };
}
