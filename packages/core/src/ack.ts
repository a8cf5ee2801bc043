/**
 * When a verified notification is answered. `after-handlers` (the default) waits for the handlers, up
 * to `handlerTimeout`, so that a failure answers 500 and Meta retries; `immediately` answers first and
 * runs the handlers afterwards (kept alive with `waitUntil` on isolate runtimes).
 */
import { createWatchdog } from '#watchdog';
import type { DispatchOutcome } from './dispatch';
import { HandlerError, toWebhookError, type WebhookError } from './errors';
import type { WebhookRequest } from './http';
import { outcomeError, type Outcome } from './respond';
import { TIMED_OUT } from './watchdog/shared';

/** When a POST is answered. */
export type AckMode = 'after-handlers' | 'immediately';

/** Runs the handlers of a verified notification and says what to answer. */
export type Acknowledge = (payload: unknown, waitUntil: WebhookRequest['waitUntil']) => Outcome | Promise<Outcome>;

/** What the acknowledgement policy needs. */
export interface AckSettings {
  readonly ack: AckMode;
  readonly handlerTimeout: number | false;
  readonly dispatch: (payload: unknown) => DispatchOutcome | Promise<DispatchOutcome>;
  readonly report: (error: WebhookError) => void;
}

const DISPATCH_FAILED = 'Unexpected failure while dispatching a notification.';

function dispatched(result: DispatchOutcome): Outcome {
  return { kind: 'dispatched', result };
}

/** Creates the acknowledgement policy of one webhooks instance. */
export function createAcknowledge(settings: AckSettings): Acknowledge {
  const { dispatch, report, handlerTimeout } = settings;
  if (settings.ack === 'immediately') {
    return (payload, waitUntil) => {
      const work = Promise.resolve()
        .then(() => dispatch(payload))
        .then(
          (result) => {
            // Handler failures were reported as they happened; only a held event is left to tell.
            const error = outcomeError(result);
            if (error !== undefined && !(error instanceof HandlerError)) report(error);
          },
          (error: unknown) => report(toWebhookError(error, DISPATCH_FAILED)),
        );
      waitUntil?.(work);
      return { kind: 'acknowledged' };
    };
  }
  const watch = handlerTimeout === false ? undefined : createWatchdog(handlerTimeout);
  const timedOut = (running: Promise<DispatchOutcome>, waitUntil: WebhookRequest['waitUntil']): Outcome => {
    // The handlers go on; their outcome is still committed or released, and failures still reported.
    const settled = running.then(
      () => undefined,
      (error: unknown) => report(toWebhookError(error, DISPATCH_FAILED)),
    );
    waitUntil?.(settled);
    const error = new HandlerError(
      `The handlers did not finish within handlerTimeout (${String(handlerTimeout)} ms); Meta will retry the notification.`,
      { errors: [], events: [], code: 'HANDLER_TIMEOUT' },
    );
    report(error);
    return { kind: 'failed', error };
  };
  // Synchronous handlers with the memory store finish without a single promise: no watchdog needed.
  return (payload, waitUntil) => {
    const running = dispatch(payload);
    if (!(running instanceof Promise)) return dispatched(running);
    if (watch === undefined) return running.then(dispatched);
    return watch(running).then((result) => (result === TIMED_OUT ? timedOut(running, waitUntil) : dispatched(result)));
  };
}
