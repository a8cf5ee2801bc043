/**
 * The pre-authentication memory budget: how many bytes of request bodies may be held, process-wide,
 * while they are read and before their signature is checked. Without it, anyone who knows the URL can
 * make a server buffer `bodyLimit` bytes per connection with a well-formed but fake signature (about
 * 870 MB for 250 connections). A request that would exceed the budget is answered 503 with
 * `Retry-After` before its body is read, so Meta retries it; the handshake and small signed POSTs keep
 * working meanwhile.
 */
import { ConfigurationError } from './errors';

/** Default size of the process-wide budget: 64 MiB, about 18 full-size (3.5 MiB) bodies at once. */
export const DEFAULT_BODY_BUDGET = 64 * 1024 * 1024;

/** A pool of body bytes shared by every handler that reserves from it. */
export interface BodyBudget {
  /** Bytes the budget holds in all. */
  readonly limit: number;
  /** Bytes reserved right now. */
  readonly reserved: number;
  /**
   * Reserves `bytes`. Returns the function that gives them back (calling it more than once is harmless),
   * or `undefined` when the budget cannot hold them now.
   */
  tryReserve(bytes: number): (() => void) | undefined;
}

/**
 * Creates a budget of `limit` bytes. Pass the same budget to several `createWebhooks()` or
 * `createFlowEndpoint()` calls to share it; without the option they all share the process-wide default.
 */
export function createBodyBudget(limit: number): BodyBudget {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new ConfigurationError('createBodyBudget: the limit must be a positive integer (bytes).');
  }
  let reserved = 0;
  return {
    limit,
    get reserved() {
      return reserved;
    },
    tryReserve(bytes) {
      if (reserved + bytes > limit) return undefined;
      reserved += bytes;
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        reserved -= bytes;
      };
    },
  };
}

const SHARED = Symbol.for('wa-webhooks.body-budget');

/**
 * The process-wide budget (`DEFAULT_BODY_BUDGET` bytes) that handlers use unless given one. It is kept
 * on `globalThis`, so two copies of the library in one process (ESM and CJS, two versions) share it.
 */
export function sharedBodyBudget(): BodyBudget {
  const holder = globalThis as typeof globalThis & { [SHARED]?: BodyBudget };
  return (holder[SHARED] ??= createBodyBudget(DEFAULT_BODY_BUDGET));
}

/** The budget an options object asks for: a `BodyBudget`, a size in bytes, or the shared default. */
export function resolveBodyBudget(option: BodyBudget | number | undefined, owner: string): BodyBudget {
  if (option === undefined) return sharedBodyBudget();
  if (typeof option === 'number') return createBodyBudget(option);
  if (typeof option !== 'object' || option === null || typeof option.tryReserve !== 'function') {
    throw new ConfigurationError(`${owner}: bodyBudget must be a number of bytes or a budget from createBodyBudget().`);
  }
  return option;
}
