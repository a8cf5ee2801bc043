/**
 * The HTTP rules of the Flows endpoint, once for every adapter: WebhookRequest → WebhookResponse.
 * POST only (Meta never sends anything else; other methods get 405 with `Allow: POST`); the body is
 * read and its `X-Hub-Signature-256` checked by core's `readSignedBody` (same limits and pre-
 * authentication budget as webhooks); then the envelope is opened, the request answered and the answer
 * encrypted. Never rejects. Status codes: 432 signature, 421 decryption, 427 flow token (Meta's), 400
 * malformed, 405/413/415/503 as for webhooks, 500 for everything on the server's side with a generic
 * message. Nothing secret (keys, flow tokens, decrypted data) is put in a response or a log record.
 */
import {
  isWebhookError,
  readSignedBody,
  type BodyBudget,
  type SignatureVerifier,
  type WebhookRequest,
  type WebhookResponse,
} from '@wa-webhooks/core';
import type { FlowCrypto, LoadedPrivateKey } from './crypto/types';
import { answerRequest, type DispatchContext } from './dispatch';
import { openEnvelope, parseEnvelope, sealAnswer } from './envelope';
import { FLOW_ERROR_STATUS, FlowEndpointError, isFlowEndpointError, type FlowErrorCode } from './errors';
import { parseDecryptedRequest } from './payload';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** What one request's handling reports, for logs. */
export interface FlowRequestRecord {
  /** The decrypted action (`ping`, `INIT`, …), once known; `other` for an action the endpoint does not know. */
  readonly action: string | undefined;
  readonly status: number;
  /** `ok`, or the error code answered with. */
  readonly outcome: 'ok' | FlowErrorCode;
  readonly durationMs: number;
}

/** What `handleFlowRequest` needs from the endpoint. */
export interface FlowHandleContext extends DispatchContext {
  readonly crypto: FlowCrypto;
  readonly key: LoadedPrivateKey;
  readonly verifier: SignatureVerifier;
  readonly bodyLimit: number;
  readonly budget: BodyBudget;
  /** Told about every answered request, when someone listens. */
  readonly finished: ((record: FlowRequestRecord) => void) | undefined;
}

function toFlowError(error: unknown): FlowEndpointError {
  if (isFlowEndpointError(error)) return error;
  if (isWebhookError(error)) {
    // Core's checks (signature, media type, size, budget, body read): same code, Flows' status for it.
    const code = Object.hasOwn(FLOW_ERROR_STATUS, error.code) ? (error.code as FlowErrorCode) : 'INTERNAL_ERROR';
    return new FlowEndpointError(code, error.message, { cause: error });
  }
  return new FlowEndpointError('INTERNAL_ERROR', 'Unexpected failure while answering a Flows request.', {
    cause: error,
  });
}

function genericMessage(code: FlowErrorCode): string {
  if (code === 'HANDLER_TIMEOUT') return 'The Flows handler did not answer in time.';
  if (code === 'PRIVATE_KEY_INVALID' || code === 'PASSPHRASE_MISSING' || code === 'PASSPHRASE_WRONG') {
    return "The endpoint's private key is not usable; see the server's logs.";
  }
  return "The endpoint failed to answer this Flows request; see the server's logs.";
}

/** The plain-JSON error answer for `error` (Meta reads only the status, and `error_msg` for 427). */
export function errorResponse(error: FlowEndpointError): WebhookResponse {
  const headers: Record<string, string> = { 'content-type': JSON_CONTENT_TYPE, 'cache-control': 'no-store' };
  if (error.code === 'METHOD_NOT_ALLOWED') headers.allow = 'POST';
  if (error.code === 'PAYLOAD_TOO_LARGE') headers.connection = 'close';
  if (error.code === 'BODY_BUDGET_EXCEEDED') {
    headers['retry-after'] = '5';
    headers.connection = 'close';
  }
  const body: Record<string, unknown> = {
    error: { code: error.code, message: error.expose ? error.message : genericMessage(error.code) },
  };
  // Meta: a 427 body may carry `error_msg`, which WhatsApp shows to the user.
  const userMessage = (error as { userMessage?: unknown }).userMessage;
  if (error.code === 'FLOW_TOKEN_INVALID' && typeof userMessage === 'string') body.error_msg = userMessage;
  return { status: error.status, headers, body: JSON.stringify(body) };
}

function ok(body: string): WebhookResponse {
  return {
    status: 200,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}

async function answer(
  context: FlowHandleContext,
  request: WebhookRequest,
  seen: { action?: string },
): Promise<WebhookResponse> {
  const method = typeof request?.method === 'string' ? request.method.toUpperCase() : '';
  if (method !== 'POST') {
    throw new FlowEndpointError(
      'METHOD_NOT_ALLOWED',
      `The method ${method.slice(0, 20) || '(none)'} is not allowed: WhatsApp calls a Flows endpoint with POST only.`,
    );
  }
  const body = await readSignedBody(request, context);
  const envelope = parseEnvelope(body, context.crypto);
  try {
    await context.key.ready;
  } catch (error) {
    throw toFlowError(error);
  }
  const opened = await openEnvelope(context.key, context.crypto, envelope);
  const decrypted = parseDecryptedRequest(opened.plaintext);
  seen.action =
    decrypted.kind === 'ping'
      ? 'ping'
      : ['INIT', 'BACK', 'data_exchange'].includes(decrypted.action)
        ? decrypted.action
        : 'other';
  const result = await answerRequest(context, decrypted, request.waitUntil);
  let json: string;
  try {
    json = JSON.stringify(result);
  } catch (error) {
    throw new FlowEndpointError('INVALID_HANDLER_RESPONSE', "The handler's answer cannot be serialised to JSON.", {
      cause: error,
    });
  }
  return ok(await sealAnswer(context.crypto, opened.aesKey, envelope.iv, json));
}

/** Answers one request to the Flows endpoint. Never rejects. */
export async function handleFlowRequest(
  context: FlowHandleContext,
  request: WebhookRequest,
  report: (error: FlowEndpointError) => void,
): Promise<WebhookResponse> {
  const started = context.finished === undefined ? 0 : performance.now();
  const seen: { action?: string } = {};
  let response: WebhookResponse;
  let outcome: FlowRequestRecord['outcome'] = 'ok';
  try {
    response = await answer(context, request, seen);
  } catch (error) {
    const flowError = toFlowError(error);
    // Server-side failures are reported; a full budget is load, and 4xx are the caller's doing.
    if (flowError.status >= 500 && flowError.code !== 'BODY_BUDGET_EXCEEDED') report(flowError);
    outcome = flowError.code;
    response = errorResponse(flowError);
  }
  context.finished?.({
    action: seen.action,
    status: response.status,
    outcome,
    durationMs: performance.now() - started,
  });
  return response;
}
