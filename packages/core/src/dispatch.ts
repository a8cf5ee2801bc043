/**
 * Dispatching one notification: plan its events, claim their ids in the dedupe store, run the handlers
 * in order, then commit the events whose handlers all succeeded and release the others. It returns the
 * outcome directly when nothing had to wait (synchronous handlers and store), a promise otherwise, and
 * throws or rejects only with `DedupeStoreError`: handler failures are returned (and reported).
 */
import { buildEvent } from './build-event';
import type { ClaimState, DedupeStore } from './dedupe';
import { deliver } from './deliver';
import { DedupeStoreError, HandlerError } from './errors';
import type { KnownWebhookEvent, UnknownEvent } from './events';
import type { EventRecord } from './observe';
import { plan, type UnknownWork, type Work } from './plan';
import type { Registry } from './registry';

/** What happened to one notification. */
export interface DispatchOutcome {
  /** Events handed to handlers. */
  readonly delivered: number;
  /** Events skipped because they were already processed (or repeated within the same notification). */
  readonly duplicates: number;
  /** Events skipped because they are older than `maxEventAge`. */
  readonly stale: number;
  /** Ids of events being processed by another delivery right now. */
  readonly inProgress: readonly string[];
  /** Handler failures; empty when every handler succeeded. */
  readonly failures: readonly HandlerError[];
}

/** Settings of dispatch, fixed per webhooks instance. */
export interface DispatchSettings {
  readonly registry: Registry;
  readonly dedupe: DedupeStore | undefined;
  /** How long a claim holds, in ms (longer than any handler may take). */
  readonly claimTtl: number;
  /** Events older than this many ms are skipped; undefined keeps every event. */
  readonly maxEventAge: number | undefined;
  /** Told about every failure as it happens. */
  readonly report: (error: HandlerError | DedupeStoreError) => void;
  /** Told about events that fit no schema while no `onUnknown`/`onAny` handler listens. */
  readonly unheard: (works: readonly UnknownWork[]) => void;
  /** Told about every event whose handlers ran (metrics, debug logs); absent when nobody listens. */
  readonly observeEvent: ((record: EventRecord, event: KnownWebhookEvent | UnknownEvent) => void) | undefined;
}

function storeFailure(operation: string, error: unknown): DedupeStoreError {
  return new DedupeStoreError(
    `The dedupe store failed to ${operation}; nothing was marked processed and Meta will retry.`,
    { cause: error },
  );
}

// The store's operations as module-level functions: calling one through `storeCall` allocates nothing.
const CLAIM = (store: DedupeStore, ids: readonly string[], claimTtl: number) => store.claim(ids, claimTtl);
const COMMIT = (store: DedupeStore, ids: readonly string[]) => store.commit(ids);
const RELEASE = (store: DedupeStore, ids: readonly string[]) => store.release(ids);

/** Calls the store; synchronous stores (the memory store) cost no promise. */
function storeCall<T>(
  operation: string,
  call: (store: DedupeStore, ids: readonly string[], claimTtl: number) => Promise<T> | T,
  store: DedupeStore,
  ids: readonly string[],
  claimTtl = 0,
): Promise<T> | T {
  let result: Promise<T> | T;
  try {
    result = call(store, ids, claimTtl);
  } catch (error) {
    throw storeFailure(operation, error);
  }
  if (result instanceof Promise) {
    return result.catch((error: unknown) => {
      throw storeFailure(operation, error);
    });
  }
  return result;
}

/**
 * One dispatch while its handlers run. What most notifications need (every handler succeeded) costs
 * nothing extra: the failure lists are made at the first failure.
 */
interface RunState {
  readonly settings: DispatchSettings;
  readonly runnable: readonly Work[];
  /** The ids claimed, when they are exactly the ids of `runnable` in order: committed as they are. */
  readonly claimed: readonly string[] | undefined;
  readonly duplicates: number;
  readonly stale: number;
  readonly inProgress: readonly string[];
  /** Collects the failures of the event being delivered; emptied after each event. */
  readonly errors: unknown[];
  failures: HandlerError[] | undefined;
  /** Indexes in `runnable` of the events whose handlers failed, ascending. */
  failed: number[] | undefined;
}

function record(
  state: RunState,
  index: number,
  event: KnownWebhookEvent | UnknownEvent,
  observe: DispatchSettings['observeEvent'],
  started: number,
): void {
  const { errors } = state;
  if (observe !== undefined) {
    const outcome = errors.length === 0 ? 'ok' : 'failed';
    observe({ name: event.name, kind: event.kind, outcome, durationMs: performance.now() - started }, event);
  }
  if (errors.length === 0) return;
  (state.failed ??= []).push(index);
  const failure = new HandlerError(
    `${errors.length === 1 ? 'A handler' : `${errors.length} handlers`} failed for the event "${event.name}" (id ${event.id}).`,
    { errors: errors.splice(0), events: [{ name: event.name, id: event.id }] },
  );
  (state.failures ??= []).push(failure);
  state.settings.report(failure);
}

/** Runs the events from `from` on, one after another; synchronous until a handler returns a promise. */
function run(state: RunState, from: number): DispatchOutcome | Promise<DispatchOutcome> {
  const { runnable, settings } = state;
  const observe = settings.observeEvent;
  for (let index = from; index < runnable.length; index++) {
    const work = runnable[index]!;
    const started = observe === undefined ? 0 : performance.now();
    const event = buildEvent(work);
    const chain = work.kind === 'unknown' ? undefined : work.route.chain;
    const pending = deliver(event, chain, settings.registry, state.errors);
    if (pending !== undefined) {
      return pending.then(() => {
        record(state, index, event, observe, started);
        return run(state, index + 1);
      });
    }
    record(state, index, event, observe, started);
  }
  return finish(state);
}

const NONE: string[] = [];
const NO_FAILURES: HandlerError[] = [];

function idsOf(works: readonly Work[]): string[] {
  const ids = new Array<string>(works.length);
  for (let index = 0; index < works.length; index++) ids[index] = works[index]!.id;
  return ids;
}

/** Commits the events whose handlers succeeded (first: a failed release only delays a retry), releases the others. */
function finish(state: RunState): DispatchOutcome | Promise<DispatchOutcome> {
  const { settings, runnable, failed } = state;
  const outcome: DispatchOutcome = {
    delivered: runnable.length,
    duplicates: state.duplicates,
    stale: state.stale,
    inProgress: state.inProgress,
    failures: state.failures ?? NO_FAILURES,
  };
  const dedupe = settings.dedupe;
  if (dedupe === undefined || runnable.length === 0) return outcome;
  if (failed === undefined) {
    const committed = storeCall('commit processed events', COMMIT, dedupe, state.claimed ?? idsOf(runnable));
    return committed instanceof Promise ? committed.then(() => outcome) : outcome;
  }
  const succeeded: string[] = [];
  const failedIds: string[] = [];
  for (let index = 0, next = 0; index < runnable.length; index++) {
    if (index === failed[next]) {
      failedIds.push(runnable[index]!.id);
      next++;
    } else succeeded.push(runnable[index]!.id);
  }
  const release = (): DispatchOutcome | Promise<DispatchOutcome> => {
    const released = storeCall('release failed events', RELEASE, dedupe, failedIds);
    return released instanceof Promise ? released.then(() => outcome) : outcome;
  };
  if (succeeded.length === 0) return release();
  const committed = storeCall('commit processed events', COMMIT, dedupe, succeeded);
  return committed instanceof Promise ? committed.then(release) : release();
}

function runState(
  settings: DispatchSettings,
  runnable: readonly Work[],
  claimed: readonly string[] | undefined,
  duplicates: number,
  stale: number,
  inProgress: readonly string[],
): RunState {
  return {
    settings,
    runnable,
    claimed,
    duplicates,
    stale,
    inProgress,
    errors: [],
    failures: undefined,
    failed: undefined,
  };
}

/** Drops events repeated within one notification (same id); the caller counts them from the lengths. */
function withoutRepeats(works: Work[]): Work[] {
  // Most notifications carry one event: no set needed then.
  if (works.length < 2) return works;
  const seen = new Set<string>();
  const unique: Work[] = [];
  for (const work of works) {
    if (seen.has(work.id)) continue;
    seen.add(work.id);
    unique.push(work);
  }
  return unique;
}

/** Runs the claimed events (all of them without a store), counting the others. */
function start(
  settings: DispatchSettings,
  works: readonly Work[],
  repeats: number,
  stale: number,
  ids: readonly string[] | undefined,
  states: readonly ClaimState[] | undefined,
): DispatchOutcome | Promise<DispatchOutcome> {
  if (states === undefined) return run(runState(settings, works, undefined, repeats, stale, NONE), 0);
  let all = true;
  for (let index = 0; index < states.length && all; index++) all = states[index] === 'claimed';
  // Most claims are all 'claimed': keep the planned list and its ids then, without a copy.
  if (all) return run(runState(settings, works, ids, repeats, stale, NONE), 0);
  const kept: Work[] = [];
  const inProgress: string[] = [];
  let skipped = repeats;
  for (let index = 0; index < works.length; index++) {
    const state = states[index];
    if (state === 'claimed') kept.push(works[index]!);
    else if (state === 'processed') skipped++;
    else inProgress.push(works[index]!.id);
  }
  return run(runState(settings, kept, undefined, skipped, stale, inProgress), 0);
}

/** Dispatches every wanted event of a notification (see the module comment). */
export function dispatch(payload: unknown, settings: DispatchSettings): DispatchOutcome | Promise<DispatchOutcome> {
  const staleBefore = settings.maxEventAge === undefined ? undefined : (Date.now() - settings.maxEventAge) / 1000;
  const planned = plan(payload, { registry: settings.registry, staleBefore });
  if (planned.unheard !== undefined) settings.unheard(planned.unheard);
  const works = withoutRepeats(planned.works);
  const repeats = planned.works.length - works.length;
  const dedupe = settings.dedupe;
  if (dedupe === undefined || works.length === 0)
    return start(settings, works, repeats, planned.stale, undefined, undefined);
  const ids = idsOf(works);
  const states = storeCall('claim events', CLAIM, dedupe, ids, settings.claimTtl);
  return states instanceof Promise
    ? states.then((claimed) => start(settings, works, repeats, planned.stale, ids, claimed))
    : start(settings, works, repeats, planned.stale, ids, states);
}
