/**
 * Where a webhooks instance tells what happened: failures (to the logger, to `onError` handlers, and
 * to stderr when nobody else listens), warnings about signs of misconfiguration (rate-limited), and
 * instrumentation records for observers. Nothing here ever logs a body, a header value or a secret.
 */
import type { WebhookError } from './errors';
import { HandlerError } from './errors';
import type { KnownWebhookEvent, UnknownEvent } from './events';
import { defaultLogger, errorFields, type WebhooksLogger } from './logger';
import type { EventRecord, RequestRecord, WebhooksObserver } from './observe';

/** A handler for errors: handler failures, timeouts, store outages, setup problems. */
export type ErrorHandler = (error: WebhookError) => unknown;

/** The reporting side of one webhooks instance. */
export interface Reporter {
  /** Tells about a failure. */
  report(error: WebhookError): void;
  /** Warns at most once per `everyMs` for `key`; to the logger, or to stderr with `loud` and no logger. */
  warn(key: string, message: string, options?: { fields?: Record<string, unknown>; loud?: boolean }): void;
  /** Whether a logger or an observer wants records (checked per request: observers come and go). */
  isObserved(): boolean;
  /** Tells about an answered request. */
  request(record: RequestRecord): void;
  /** Tells about an event whose handlers ran; undefined when nobody listens. */
  readonly event: ((record: EventRecord, event: KnownWebhookEvent | UnknownEvent) => void) | undefined;
  addErrorHandler(handler: ErrorHandler): () => void;
  addObserver(observer: WebhooksObserver): () => void;
}

/** How often one kind of warning may be repeated. */
const WARN_EVERY_MS = 60_000;

/** The payload of an event, for debug logs with `logPayloads`. */
function payloadOf(event: KnownWebhookEvent | UnknownEvent): unknown {
  return event.raw;
}

/** Creates the reporter of one instance. */
export function createReporter(logger: WebhooksLogger | undefined, logPayloads: boolean): Reporter {
  let errorHandlers: readonly ErrorHandler[] = [];
  let observers: readonly WebhooksObserver[] = [];
  const lastWarned = new Map<string, number>();

  const tellObservers = <K extends 'onRequest' | 'onEvent'>(
    method: K,
    record: K extends 'onRequest' ? RequestRecord : EventRecord,
  ): void => {
    for (const observer of observers) {
      try {
        (observer[method] as ((record: unknown) => void) | undefined)?.(record);
      } catch {
        // Instrumentation must never change an answer.
      }
    }
  };

  const onEvent = (record: EventRecord, event: KnownWebhookEvent | UnknownEvent): void => {
    if (logger !== undefined) {
      const fields = { ...record, id: event.id, ...(logPayloads ? { payload: payloadOf(event) } : {}) };
      logger.debug(fields, 'webhook event');
    }
    tellObservers('onEvent', record);
  };

  return {
    report(error) {
      const fields = { ...errorFields(error), ...(error instanceof HandlerError ? { events: error.events } : {}) };
      if (logger !== undefined) logger.error(fields, error.message);
      // No logger and no onError handler: never lose a failure silently.
      else if (errorHandlers.length === 0) defaultLogger().error(fields, `${error.code}: ${error.message}`);
      for (const handler of errorHandlers) {
        try {
          const result = handler(error);
          if (result instanceof Promise) result.catch(() => undefined);
        } catch {
          // An error handler that throws must not take the server down.
        }
      }
    },
    warn(key, message, options = {}) {
      const target = logger ?? (options.loud === true ? defaultLogger() : undefined);
      if (target === undefined) return;
      const now = Date.now();
      if ((lastWarned.get(key) ?? -Infinity) > now - WARN_EVERY_MS) return;
      lastWarned.set(key, now);
      target.warn(options.fields ?? {}, message);
    },
    isObserved: () => logger !== undefined || observers.length > 0,
    request(record) {
      if (logger !== undefined) logger.info({ ...record }, 'webhook request');
      tellObservers('onRequest', record);
    },
    get event() {
      return logger !== undefined || observers.length > 0 ? onEvent : undefined;
    },
    addErrorHandler(handler) {
      errorHandlers = [...errorHandlers, handler];
      return () => {
        errorHandlers = errorHandlers.filter((one) => one !== handler);
      };
    },
    addObserver(observer) {
      observers = [...observers, observer];
      return () => {
        observers = observers.filter((one) => one !== observer);
      };
    },
  };
}
