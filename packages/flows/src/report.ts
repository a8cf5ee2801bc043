/**
 * Where the endpoint tells about what happened: `onError` handlers and the optional logger. Records
 * carry the action, status, outcome and duration, and for failures the error's code, message and
 * cause; never a key, a flow token or decrypted data.
 */
import type { WebhooksLogger } from '@wa-webhooks/core';
import type { FlowEndpointError } from './errors';
import type { FlowRequestRecord } from './handle';

/** A handler for failures: handler errors, timeouts, invalid screen data, an unusable key. */
export type FlowErrorHandler = (error: FlowEndpointError) => unknown;

/** The reporting side of an endpoint. */
export interface Reporter {
  /** Tells `onError` handlers and the logger about a failure (or `console.error` when neither exists). */
  readonly report: (error: FlowEndpointError) => void;
  /** Logs an answered request; `undefined` without a logger, so that nothing is timed for nobody. */
  readonly finished: ((record: FlowRequestRecord) => void) | undefined;
  /** Adds an `onError` handler. */
  readonly addErrorHandler: (handler: FlowErrorHandler) => void;
}

function describeRecord(record: FlowRequestRecord): Record<string, unknown> {
  return {
    action: record.action,
    status: record.status,
    outcome: record.outcome,
    durationMs: Math.round(record.durationMs * 10) / 10,
  };
}

function errorFields(error: FlowEndpointError): Record<string, unknown> {
  const fields: Record<string, unknown> = { code: error.code, error: error.message };
  const cause = error.cause;
  if (cause !== undefined) fields.cause = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  if (cause instanceof Error && cause.stack !== undefined) fields.stack = cause.stack;
  return fields;
}

const WARNINGS: Readonly<Record<number, string>> = {
  421: 'Flows request could not be decrypted: is the public key uploaded to Meta the one of this private key?',
  432: 'Flows request signature does not match: check appSecret.',
};

/** Creates the reporter of one endpoint. */
export function createReporter(logger: WebhooksLogger | undefined): Reporter {
  let handlers: readonly FlowErrorHandler[] = [];
  const report = (error: FlowEndpointError): void => {
    if (logger !== undefined) logger.error(errorFields(error), error.message);
    // Without a logger and an onError handler, a failure must not vanish.
    else if (handlers.length === 0) console.error(`[wa-webhooks/flows] ${error.code}: ${error.message}`);
    for (const handler of handlers) {
      try {
        const result = handler(error);
        if (result instanceof Promise) result.catch(() => undefined);
      } catch {
        // an onError handler may not throw; ignored
      }
    }
  };
  const finished =
    logger === undefined
      ? undefined
      : (record: FlowRequestRecord) => {
          logger.info(describeRecord(record), 'Flows request');
          const warning = WARNINGS[record.status];
          if (warning !== undefined) logger.warn(describeRecord(record), warning);
        };
  return {
    report,
    finished,
    addErrorHandler: (handler) => {
      handlers = [...handlers, handler];
    },
  };
}
