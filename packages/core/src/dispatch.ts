/**
 * Dispatching one notification: plan its events, claim their ids in the dedupe store, run the handlers
 * in order, then commit the events whose handlers all succeeded and release the others. It returns the
 * outcome directly when nothing had to wait (synchronous handlers and store), a promise otherwise, and
 * throws or rejects only with `DedupeStoreError`: handler failures are returned (and reported).
 */
import { buildEvent } from './build-event';
import type { DedupeStore } from './dedupe';
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

/** Calls the store; synchronous stores (the memory store) cost no promise. */
function storeCall<T>(operation: string, call: () => Promise<T> | T): Promise<T> | T {
  let result: Promise<T> | T;
  try {
    result = call();
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

interface RunState {
  readonly settings: DispatchSettings;
  readonly runnable: readonly Work[];
  readonly duplicates: number;
  readonly stale: number;
  readonly inProgress: readonly string[];
  readonly failures: HandlerError[];
  readonly succeeded: string[];
  readonly failed: string[];
}

function record(
  state: RunState,
  work: Work,
  event: KnownWebhookEvent | UnknownEvent,
  errors: unknown[],
  started: number,
): void {
  const observe = state.settings.observeEvent;
  if (observe !== undefined) {
    const outcome = errors.length === 0 ? 'ok' : 'failed';
    observe({ name: event.name, kind: event.kind, outcome, durationMs: performance.now() - started }, event);
  }
  if (errors.length === 0) {
    state.succeeded.push(work.id);
    return;
  }
  state.failed.push(work.id);
  const failure = new HandlerError(
    `${errors.length === 1 ? 'A handler' : `${errors.length} handlers`} failed for the event "${event.name}" (id ${event.id}).`,
    { errors, events: [{ name: event.name, id: event.id }] },
  );
  state.failures.push(failure);
  state.settings.report(failure);
}

/** Runs the events from `from` on, one after another; synchronous until a handler returns a promise. */
function run(state: RunState, from: number): DispatchOutcome | Promise<DispatchOutcome> {
  const { runnable, settings } = state;
  for (let index = from; index < runnable.length; index++) {
    const work = runnable[index]!;
    const started = settings.observeEvent === undefined ? 0 : performance.now();
    const event = buildEvent(work);
    const errors: unknown[] = [];
    const chain = work.kind === 'unknown' ? undefined : work.route.chain;
    const pending = deliver(event, chain, settings.registry, errors);
    if (pending !== undefined) {
      return pending.then(() => {
        record(state, work, event, errors, started);
        return run(state, index + 1);
      });
    }
    record(state, work, event, errors, started);
  }
  return finish(state);
}

/** Commits the events whose handlers succeeded (first: a failed release only delays a retry), releases the others. */
function finish(state: RunState): DispatchOutcome | Promise<DispatchOutcome> {
  const { settings, succeeded, failed } = state;
  const outcome: DispatchOutcome = {
    delivered: state.runnable.length,
    duplicates: state.duplicates,
    stale: state.stale,
    inProgress: state.inProgress,
    failures: state.failures,
  };
  const dedupe = settings.dedupe;
  if (dedupe === undefined) return outcome;
  const release = (): DispatchOutcome | Promise<DispatchOutcome> => {
    if (failed.length === 0) return outcome;
    const released = storeCall('release failed events', () => dedupe.release(failed));
    return released instanceof Promise ? released.then(() => outcome) : outcome;
  };
  if (succeeded.length === 0) return release();
  const committed = storeCall('commit processed events', () => dedupe.commit(succeeded));
  return committed instanceof Promise ? committed.then(release) : release();
}

const NONE: string[] = [];

function runState(
  settings: DispatchSettings,
  runnable: readonly Work[],
  duplicates: number,
  stale: number,
  inProgress: readonly string[],
): RunState {
  return { settings, runnable, duplicates, stale, inProgress, failures: [], succeeded: [], failed: [] };
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
  states: readonly string[] | undefined,
): DispatchOutcome | Promise<DispatchOutcome> {
  if (states === undefined) return run(runState(settings, works, repeats, stale, NONE), 0);
  let runnable = works;
  let inProgress: string[] = NONE;
  let skipped = repeats;
  // Most claims are all 'claimed': keep the planned list then, without a copy.
  if (!states.every((state) => state === 'claimed')) {
    const kept: Work[] = [];
    inProgress = [];
    for (let index = 0; index < works.length; index++) {
      const state = states[index];
      if (state === 'claimed') kept.push(works[index]!);
      else if (state === 'processed') skipped++;
      else inProgress.push(works[index]!.id);
    }
    runnable = kept;
  }
  return run(runState(settings, runnable, skipped, stale, inProgress), 0);
}

/** Dispatches every wanted event of a notification (see the module comment). */
export function dispatch(payload: unknown, settings: DispatchSettings): DispatchOutcome | Promise<DispatchOutcome> {
  const staleBefore = settings.maxEventAge === undefined ? undefined : (Date.now() - settings.maxEventAge) / 1000;
  const planned = plan(payload, { registry: settings.registry, staleBefore });
  if (planned.unheard.length > 0) settings.unheard(planned.unheard);
  const works = withoutRepeats(planned.works);
  const repeats = planned.works.length - works.length;
  const dedupe = settings.dedupe;
  if (dedupe === undefined || works.length === 0) return start(settings, works, repeats, planned.stale, undefined);
  const ids = new Array<string>(works.length);
  for (let index = 0; index < works.length; index++) ids[index] = works[index]!.id;
  const states = storeCall('claim events', () => dedupe.claim(ids, settings.claimTtl));
  return states instanceof Promise
    ? states.then((claimed) => start(settings, works, repeats, planned.stale, claimed))
    : start(settings, works, repeats, planned.stale, states);
}
