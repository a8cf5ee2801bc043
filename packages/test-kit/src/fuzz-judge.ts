/**
 * How the fuzz suite judges one answer: against the documented answer core must give (`fuzz-model.ts`),
 * for leaked secrets, and for failures the process or the framework reported; and how it records the
 * handler calls that only authentic bodies may cause.
 */
import { createWebhooks, type UnknownEvent, type WebhookEvent, type Webhooks } from '@wa-webhooks/core';
import type { CoreExpectation } from './fuzz-model';
import { toWire, type FuzzRequest } from './fuzz-requests';
import type { RunningServer } from './http';
import type { WireOutcome, WireResponse } from './raw-http';
import { APP_SECRET, ROTATED_APP_SECRET, VERIFY_TOKEN, signBody } from './signer';

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

const header = (response: WireResponse, name: string): string | undefined => response.headers[name]?.join(', ');

/** Why `outcome` is not the answer core must give, or `undefined` when it is. */
export function coreMismatch(
  request: FuzzRequest,
  outcome: WireOutcome,
  expected: CoreExpectation,
): string | undefined {
  if (outcome.kind !== 'response')
    return expected.mayClose && outcome.kind === 'closed'
      ? undefined
      : `expected ${expected.status} ${expected.code ?? ''}, got ${describeOutcome(outcome)}`;
  const { response } = outcome;
  const text = response.body.toString('utf8');
  const got = `${response.status} ${header(response, 'content-type') ?? '-'} ${JSON.stringify(text.slice(0, 160))}`;
  if (response.status !== expected.status) return `expected ${expected.status} ${expected.code ?? ''}, got ${got}`;
  if (expected.status === 200) {
    if (header(response, 'content-type') !== TEXT_TYPE) return `expected ${TEXT_TYPE}, got ${got}`;
    const body = expected.challenge ?? '';
    return text === body ? undefined : `expected the body ${JSON.stringify(body)}, got ${got}`;
  }
  if (header(response, 'content-type') !== JSON_TYPE) return `expected ${JSON_TYPE}, got ${got}`;
  if (expected.status === 405 && header(response, 'allow') !== 'GET, POST')
    return `expected allow: GET, POST, got ${got}`;
  if (expected.status === 413 && !/\bclose\b/i.test(header(response, 'connection') ?? ''))
    return `expected connection: close on a 413, got ${got}`;
  if (expected.isHead) return response.body.byteLength === 0 ? undefined : `expected no body for HEAD, got ${got}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `expected a JSON error body, got ${got}`;
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } }).error;
  const isShape =
    Object.keys(parsed as object).join() === 'error' &&
    error !== null &&
    typeof error === 'object' &&
    Object.keys(error).sort().join() === 'code,message';
  if (!isShape || typeof error.message !== 'string' || error.message.trim() === '')
    return `expected {"error":{"code","message"}}, got ${got}`;
  if (error.code !== expected.code) return `expected the code ${expected.code}, got ${got}`;
  void request;
  return undefined;
}

export function describeOutcome(outcome: WireOutcome): string {
  if (outcome.kind === 'closed')
    return `the connection closed without an answer${outcome.error ? ` (${outcome.error})` : ''}`;
  if (outcome.kind === 'timeout') return 'no answer in time';
  return `${outcome.response.status} ${JSON.stringify(outcome.response.body.toString('utf8').slice(0, 160))}`;
}

/**
 * Secrets that appear in an answer although the request did not carry them: the app secrets, the verify
 * token, the HMAC of the body. (Echoing what the caller sent, as a handshake challenge or a framework's
 * 404 page does, reveals nothing.)
 */
export function leaks(request: FuzzRequest, outcome: WireOutcome, port: number): string | undefined {
  if (outcome.kind !== 'response') return undefined;
  const answer = (outcome.response.body.toString('latin1') + JSON.stringify(outcome.response.headers)).toLowerCase();
  const sent = toWire(request, port).toString('latin1').toLowerCase();
  const hmacs = [APP_SECRET, ROTATED_APP_SECRET].map((secret) =>
    signBody(request.body, secret).slice('sha256='.length),
  );
  const found = [APP_SECRET, ROTATED_APP_SECRET, VERIFY_TOKEN, ...hmacs].find(
    // secret-compare-ok: a test oracle searching answers for the secrets; timing does not matter here.
    (secret) => answer.includes(secret.toLowerCase()) && !sent.includes(secret.toLowerCase()),
  );
  return found === undefined
    ? undefined
    : `the answer contains a secret, the verify token or the HMAC (${found.slice(0, 6)}…) that the request did not`;
}

/** A short, printable form of a request for failure messages. */
export function printRequest(request: FuzzRequest): string {
  const body = Buffer.from(request.body);
  return JSON.stringify({
    label: request.label,
    method: request.method,
    target: request.target.slice(0, 200),
    host: request.host,
    headers: request.headers.map(([name, value]) => [
      name,
      value.length > 100 ? `${value.slice(0, 100)}…(${value.length})` : value,
    ]),
    framing: request.framing.kind,
    body:
      body.byteLength > 200
        ? `${body.subarray(0, 200).toString('latin1')}…(${body.byteLength} bytes)`
        : body.toString('latin1'),
  });
}

/** One handler call, reduced to what identifies it. */
function callKey(hook: 'any' | 'unknown', event: WebhookEvent | UnknownEvent): string {
  return `${hook} ${event.kind} ${event.name} ${event.id}`;
}

function recordCalls(webhooks: Webhooks, calls: string[]): void {
  webhooks.onAny((event) => {
    calls.push(callKey('any', event));
  });
  webhooks.onUnknown((event) => {
    calls.push(callKey('unknown', event));
  });
}

/** A logger that drops everything: the suite forges thousands of signatures on purpose. */
const QUIET_LOGGER = { debug() {}, info() {}, warn() {}, error() {} };

/** A webhooks instance for the suite: both secrets, no deduplication (generated ids repeat), every call recorded. */
export function recordingWebhooks(calls: string[], bodyLimit?: number): Webhooks {
  const webhooks = createWebhooks({
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    additionalAppSecrets: [ROTATED_APP_SECRET],
    dedupe: false,
    // Thousands of forged signatures on purpose: keep core's wrong-secret warning off stderr.
    logger: QUIET_LOGGER,
    ...(bodyLimit === undefined ? {} : { bodyLimit }),
  });
  recordCalls(webhooks, calls);
  return webhooks;
}

export function portOf(server: RunningServer): number {
  return Number(new URL(server.url).port);
}

export function pathOf(server: RunningServer): string {
  return new URL(server.url).pathname;
}

/** Failures the process reported while `run` ran: unhandled rejections and uncaught exceptions. */
export async function watchProcess<T>(run: (failures: string[]) => Promise<T>): Promise<T> {
  const failures: string[] = [];
  const onRejection = (reason: unknown): void => {
    failures.push(`unhandledRejection: ${String(reason)}`);
  };
  const onException = (error: Error): void => {
    failures.push(`uncaughtException: ${String(error)}`);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  try {
    return await run(failures);
  } finally {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
}

/** Client-side socket errors a framework may report out of band (a peer that sent garbage, went away or was too slow). */
export function isClientError(error: unknown): boolean {
  const code = String((Object(error) as { code?: unknown }).code ?? '');
  const message = String((Object(error) as { message?: unknown }).message ?? '');
  return (
    /^(HPE_|ECONNRESET$|EPIPE$|ERR_STREAM_PREMATURE_CLOSE$|ECONNABORTED$|ERR_HTTP_REQUEST_TIMEOUT$)/.test(code) ||
    /^(aborted|Parse Error)/.test(message)
  );
}
