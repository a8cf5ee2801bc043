/**
 * The HTTP rules, written once for every adapter: WebhookRequest → WebhookResponse. GET is the
 * handshake; POST is a notification (content type, size, signature over the exact bytes, JSON, then
 * dispatch); anything else is 405. `handleRequest` never rejects.
 */
import { HandlerError, RequestError, type WebhookError, toWebhookError, type WebhookErrorCode } from './errors';
import { decodeUtf8 } from '#text';
import type { BodyBudget } from './budget';
import { verifyHandshake } from './handshake';
import { readSignedBody } from './signed-body';
import type { WebhookRequest, WebhookResponse } from './http';
import type { RequestRecord } from './observe';
import type { SignatureVerifier } from './signature';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8';
const OK: WebhookResponse = Object.freeze({
  status: 200,
  headers: Object.freeze({ 'content-type': TEXT_CONTENT_TYPE }),
  body: '',
});

/** What `handleRequest` needs from the webhooks instance. */
export interface HandleContext {
  readonly verifyToken: string;
  readonly verifier: SignatureVerifier;
  readonly bodyLimit: number;
  readonly budget: BodyBudget;
  /** Dispatches a verified, parsed notification and answers for it (directly when nothing had to wait). */
  readonly process: (
    payload: unknown,
    stats: RequestStats,
    waitUntil: WebhookRequest['waitUntil'],
  ) => WebhookResponse | Promise<WebhookResponse>;
  /** Whether a logger or an observer wants request records (checked per request: observers come and go). */
  readonly isObserved: () => boolean;
  /** Told about every answered request when `isObserved()` said so. */
  readonly finished: (record: RequestRecord) => void;
  /** Told about server-side failures (500s) that handlers did not already report. */
  readonly report: (error: WebhookError) => void;
}

/** The JSON error response for `error`. */
export function errorResponse(error: WebhookError): WebhookResponse {
  const headers: Record<string, string> = { 'content-type': JSON_CONTENT_TYPE };
  if (error.code === 'METHOD_NOT_ALLOWED') headers.allow = 'GET, POST';
  // Stop reading an oversized body: Node closes the connection after the response.
  if (error.code === 'PAYLOAD_TOO_LARGE') headers.connection = 'close';
  if (error.code === 'EVENT_IN_PROGRESS') headers['retry-after'] = '30';
  if (error.code === 'BODY_BUDGET_EXCEEDED') {
    headers['retry-after'] = '5';
    // The body was not read: close the connection rather than drain it.
    headers.connection = 'close';
  }
  const message = error.expose ? error.message : internalMessage(error);
  return { status: error.status, headers, body: JSON.stringify({ error: { code: error.code, message } }) };
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

/** 200 with an empty body: the notification was accepted. */
export function okResponse(): WebhookResponse {
  return OK;
}

function parseJson(body: Uint8Array): unknown {
  let text: string;
  try {
    text = decodeUtf8(body);
  } catch (error) {
    throw new RequestError('INVALID_JSON', 'The notification body is not valid UTF-8.', { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestError('INVALID_JSON', 'The notification body is not valid JSON.', { cause: error });
  }
}

/** What a POST's dispatch fills in, for the request record. */
export interface RequestStats {
  events: number;
  duplicates: number;
  inProgress: number;
  /** The code of the error response `process()` answered with, if any. */
  code?: WebhookErrorCode;
}

/** Answers one request. Never rejects: every failure becomes a `WebhookResponse`. */
export async function handleRequest(context: HandleContext, request: WebhookRequest): Promise<WebhookResponse> {
  // Timing and counting only when a logger or an observer will read them.
  const observed = context.isObserved();
  const started = observed ? performance.now() : 0;
  const method = typeof request?.method === 'string' ? request.method.toUpperCase() : '';
  const stats: RequestStats = { events: 0, duplicates: 0, inProgress: 0 };
  let response: WebhookResponse;
  try {
    if (method === 'GET') {
      const { challenge } = verifyHandshake(String(request.url ?? ''), context.verifyToken);
      response = {
        status: 200,
        headers: {
          'content-type': TEXT_CONTENT_TYPE,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        },
        body: challenge,
      };
    } else {
      if (method !== 'POST') {
        throw new RequestError(
          'METHOD_NOT_ALLOWED',
          `The method ${method.slice(0, 20) || '(none)'} is not allowed: use GET for the verification handshake and POST for notifications.`,
        );
      }
      const body = await readSignedBody(request, context);
      const processed = context.process(parseJson(body), stats, request.waitUntil);
      response = processed instanceof Promise ? await processed : processed;
    }
  } catch (error) {
    const webhookError = toWebhookError(error, 'Unexpected failure while handling a webhook request.');
    // Handler failures were reported as they happened; a full budget is load, not a failure.
    if (
      webhookError.status >= 500 &&
      !(webhookError instanceof HandlerError) &&
      webhookError.code !== 'BODY_BUDGET_EXCEEDED'
    )
      context.report(webhookError);
    stats.code = webhookError.code;
    response = errorResponse(webhookError);
  }
  if (observed) {
    context.finished({
      method: method.slice(0, 16),
      status: response.status,
      outcome: stats.code ?? (method === 'GET' ? 'challenge' : 'ok'),
      durationMs: performance.now() - started,
      events: stats.events,
      duplicates: stats.duplicates,
      inProgress: stats.inProgress,
    });
  }
  return response;
}
