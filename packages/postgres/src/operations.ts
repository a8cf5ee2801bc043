/**
 * The operations of the PostgreSQL dedupe store, over the state one store keeps: each runs one statement
 * (cleanup: a few), within the store's timeout, and reports failure as `DedupeStoreError`.
 */
import { DedupeStoreError, type ClaimState } from '@wa-webhooks/core';
import { eventKey } from './keys';
import type { Statements } from './sql';
import type { PostgresQueryable } from './store';

/** The store's numeric settings, checked. */
export interface Settings {
  readonly ttl: number;
  readonly timeout: number;
  readonly maxWaiting: number;
  readonly cleanupInterval: number;
  readonly cleanupBatch: number;
}

/** What the operations of one store share. */
export interface StoreState {
  readonly pool: PostgresQueryable;
  readonly sql: Statements;
  readonly createTable: boolean;
  readonly settings: Settings;
  /** One token per claim, so that a release can only drop the claim this instance took. */
  readonly tokens: Map<string, string>;
  readonly instance: string;
  sequence: number;
  /** The table's creation, once per store (retried after a failure). */
  created: Promise<unknown> | undefined;
  lastCleanup: number;
}

const CLAIM_STATES: Record<number, ClaimState> = { 1: 'claimed', 2: 'processed', 3: 'in-progress' };

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`PostgreSQL did not answer ${what} within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs `text`, after creating the table on first use (unless the store must not). */
export async function query(state: StoreState, text: string, values: unknown[]) {
  if (state.createTable) {
    state.created ??= state.pool.query(state.sql.create).catch((error: unknown) => {
      state.created = undefined;
      throw error;
    });
    await state.created;
  }
  return state.pool.query(text, values);
}

/**
 * Runs an operation within the timeout, refusing at once while `maxWaiting` queries wait for a pool
 * connection; any failure becomes a `DedupeStoreError` (500, Meta retries).
 */
export async function run<T>(state: StoreState, what: string, operation: () => Promise<T>): Promise<T> {
  try {
    const waiting = state.pool.waitingCount ?? 0;
    if (waiting >= state.settings.maxWaiting) {
      throw new Error(`${waiting} queries already wait for a connection of the pool`);
    }
    return await withTimeout(operation(), state.settings.timeout, what);
  } catch (error) {
    throw new DedupeStoreError(
      `The PostgreSQL dedupe store could not ${what}; nothing was marked processed and Meta will retry.`,
      { cause: error },
    );
  }
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

/** Claims `ids`; resolves with one state per id and the ids this call claimed. */
export async function claimAll(state: StoreState, ids: readonly string[], claimTtl: number) {
  const { keys, slots } = distinctKeys(ids);
  const candidates = keys.map(() => `${state.instance}:${++state.sequence}`);
  const { rows } = await query(state, state.sql.claim, [keys, candidates, claimTtl]);
  const keyStates = rows.map((row) => CLAIM_STATES[(row as { state: number }).state]);
  const seen = new Set<number>();
  const claimed: string[] = [];
  const states = ids.map((id, index): ClaimState => {
    const slot = slots[index]!;
    const claimState = keyStates[slot];
    if (claimState === undefined) throw new Error(`unexpected claim reply ${JSON.stringify(rows[slot])}`);
    const first = !seen.has(slot);
    seen.add(slot);
    if (claimState !== 'claimed') return claimState;
    if (!first) return 'in-progress'; // the same id twice in one call: its first copy holds the claim
    state.tokens.set(id, candidates[slot]!);
    claimed.push(id);
    return claimState;
  });
  return { states, claimed };
}

/** Marks `ids` processed for the store's ttl. */
export async function commitAll(state: StoreState, ids: readonly string[]): Promise<void> {
  await query(state, state.sql.commit, [distinctKeys(ids).keys, state.settings.ttl]);
  for (const id of ids) state.tokens.delete(id);
}

/** Drops this instance's claims of `ids` (rows that still hold our tokens). */
export async function releaseClaims(state: StoreState, ids: readonly string[]): Promise<void> {
  const held = new Map<string, string>(); // key → the token of our claim
  for (const id of ids) {
    const key = eventKey(id);
    if (!held.has(key)) held.set(key, state.tokens.get(id) ?? '');
    state.tokens.delete(id);
  }
  await query(state, state.sql.release, [[...held.keys()], [...held.values()]]);
}

/** Deletes lapsed rows in batches; resolves with how many. */
export async function cleanup(state: StoreState): Promise<number> {
  const batch = state.settings.cleanupBatch;
  let deleted = 0;
  for (let round = 0; round < 100; round++) {
    const { rowCount } = await query(state, state.sql.cleanup, [batch]);
    deleted += rowCount ?? 0;
    if ((rowCount ?? 0) < batch) break;
  }
  return deleted;
}

/** Starts a cleanup in the background when `cleanupInterval` has passed since the last one. */
export function maybeCleanup(state: StoreState): void {
  const interval = state.settings.cleanupInterval;
  if (interval === 0 || Date.now() - state.lastCleanup < interval) return;
  state.lastCleanup = Date.now();
  cleanup(state).catch(() => undefined);
}
