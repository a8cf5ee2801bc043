/**
 * The one place where what happened to a request becomes the response an adapter writes back: the
 * challenge of a handshake, the empty 200 of an accepted notification, or the JSON error of a failure.
 */
import type { DispatchOutcome } from './dispatch';
import { EventInProgressError, HandlerError, type WebhookError } from './errors';
import type { WebhookResponse } from './http';

/** What happened to one request. */
export type Outcome =
  /** A handshake whose challenge is echoed. */
  | { readonly kind: 'challenge'; readonly challenge: string }
  /** A notification whose handlers ran (or were skipped as duplicates). */
  | { readonly kind: 'dispatched'; readonly result: DispatchOutcome }
  /** A notification accepted before its handlers ran (`ack: 'immediately'`). */
  | { readonly kind: 'acknowledged' }
  /** Anything refused or failed. */
  | { readonly kind: 'failed'; readonly error: WebhookError };

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8';
const OK: WebhookResponse = Object.freeze({
  status: 200,
  headers: Object.freeze({ 'content-type': TEXT_CONTENT_TYPE }),
  body: '',
});

/** The error a dispatch outcome is answered with, or undefined when it is a success. */
export function outcomeError(result: DispatchOutcome): WebhookError | undefined {
  const { failures } = result;
  if (failures.length === 1) return failures[0];
  if (failures.length > 1) {
    return new HandlerError(`Handlers failed for ${failures.length} events of this notification.`, {
      errors: failures.flatMap((failure) => failure.errors),
      events: failures.flatMap((failure) => failure.events),
    });
  }
  if (result.inProgress.length > 0) return new EventInProgressError(result.inProgress);
  return undefined;
}

function internalMessage(error: WebhookError): string {
  switch (error.code) {
    case 'HANDLER_FAILED':
      return 'A handler failed for this notification; it was not acknowledged, so Meta will retry it.';
    case 'HANDLER_TIMEOUT':
      return 'The handlers did not finish in time; the notification was not acknowledged, so Meta will retry it.';
    case 'DEDUPE_UNAVAILABLE':
      return 'The deduplication store is unavailable; nothing was processed, so Meta will retry.';
    default:
      return 'The server failed to process this notification; Meta will retry it.';
  }
}

/** The JSON error response for `error`: its code, and its message unless it is internal. */
export function errorResponse(error: WebhookError): WebhookResponse {
  const headers: Record<string, string> = { 'content-type': JSON_CONTENT_TYPE };
  switch (error.code) {
    case 'METHOD_NOT_ALLOWED':
      headers.allow = 'GET, POST';
      break;
    case 'PAYLOAD_TOO_LARGE':
      // Stop reading an oversized body: Node closes the connection after the response.
      headers.connection = 'close';
      break;
    case 'EVENT_IN_PROGRESS':
      headers['retry-after'] = '30';
      break;
    case 'BODY_BUDGET_EXCEEDED':
      headers['retry-after'] = '5';
      // The body was not read: close the connection rather than drain it.
      headers.connection = 'close';
      break;
  }
  const message = error.expose ? error.message : internalMessage(error);
  return { status: error.status ?? 500, headers, body: JSON.stringify({ error: { code: error.code, message } }) };
}

/** The response for `outcome`. */
export function respond(outcome: Outcome): WebhookResponse {
  switch (outcome.kind) {
    case 'challenge':
      return {
        status: 200,
        headers: {
          'content-type': TEXT_CONTENT_TYPE,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        },
        body: outcome.challenge,
      };
    case 'acknowledged':
      return OK;
    case 'dispatched': {
      const error = outcomeError(outcome.result);
      return error === undefined ? OK : errorResponse(error);
    }
    case 'failed':
      return errorResponse(outcome.error);
  }
}
