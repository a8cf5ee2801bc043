/**
 * The request path, one way: the transport hands over a `WebhookRequest`; GET is the handshake; a POST
 * is read and verified (`readSignedBody`), parsed, then acknowledged (`ack.ts`, which dispatches); the
 * outcome becomes the response in one place (`respond`). Anything else is 405. Never rejects.
 */
import { decodeUtf8 } from '#text';
import type { Acknowledge } from './ack';
import { RequestError, toWebhookError, type WebhookError } from './errors';
import { verifyHandshake } from './handshake';
import type { WebhookRequest, WebhookResponse } from './http';
import type { RequestRecord } from './observe';
import type { Reporter } from './reporter';
import { outcomeError, respond, type Outcome } from './respond';
import { readSignedBodyThen, type SignedBodyOptions } from './signed-body';

/** What the request path needs from a webhooks instance. */
export interface Endpoint {
  readonly verifyToken: string;
  readonly signed: SignedBodyOptions;
  readonly acknowledge: Acknowledge;
  readonly reporter: Reporter;
}

/** Failed signature checks in a row after which a server without a logger warns on stderr. */
const MISMATCH_STREAK = 3;

const SIGNATURE_HINT =
  'POSTs fail the signature check (X-Hub-Signature-256). If every delivery fails, appSecret is not the app secret of ' +
  'the app Meta sends for (App Dashboard → App settings → Basic; keep the old one in additionalAppSecrets while ' +
  'rotating), or something re-serialises or decompresses the body before the webhook route (mount it before ' +
  'any body parser). Meta retries refused deliveries for up to 7 days.';

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

/** Signs of misconfiguration, told to the logger (and to stderr for a wrong app secret). */
function watchFailures(endpoint: Endpoint & { streak: number }, error: WebhookError): void {
  if (error.code === 'SIGNATURE_MISMATCH') {
    endpoint.streak++;
    endpoint.reporter.warn('signature', SIGNATURE_HINT, { loud: endpoint.streak >= MISMATCH_STREAK });
  } else if (error.code === 'VERIFY_TOKEN_MISMATCH') {
    endpoint.reporter.warn(
      'token',
      'A verification request carried the wrong verify token. Use the same string in the App Dashboard and in createWebhooks({ verifyToken }).',
    );
  }
}

/**
 * The response to `request`: synchronously for a handshake or a refusal; for a POST, one promise that
 * reads, verifies, parses, acknowledges and answers in the same callback (no hop between the steps).
 */
function answer(
  endpoint: Endpoint & { streak: number },
  method: string,
  request: WebhookRequest,
  finish: (outcome: Outcome) => WebhookResponse,
  fail: (thrown: unknown) => WebhookResponse,
): WebhookResponse | Promise<WebhookResponse> {
  if (method === 'GET') {
    const { challenge } = verifyHandshake(String(request.url ?? ''), endpoint.verifyToken);
    return finish({ kind: 'challenge', challenge });
  }
  if (method !== 'POST') {
    throw new RequestError(
      'METHOD_NOT_ALLOWED',
      `The method ${method.slice(0, 20) || '(none)'} is not allowed: use GET for the verification handshake and POST for notifications.`,
    );
  }
  return readSignedBodyThen(
    request,
    endpoint.signed,
    (body) => {
      endpoint.streak = 0;
      const outcome = endpoint.acknowledge(parseJson(body), request.waitUntil);
      return outcome instanceof Promise ? outcome.then(finish, fail) : finish(outcome);
    },
    fail,
  );
}

function recordOf(method: string, response: WebhookResponse, outcome: Outcome, started: number): RequestRecord {
  const result = outcome.kind === 'dispatched' ? outcome.result : undefined;
  const error = outcome.kind === 'failed' ? outcome.error : result === undefined ? undefined : outcomeError(result);
  return {
    method: method.slice(0, 16),
    status: response.status,
    outcome: error?.code ?? (outcome.kind === 'challenge' ? 'challenge' : 'ok'),
    durationMs: performance.now() - started,
    events: result?.delivered ?? 0,
    duplicates: result?.duplicates ?? 0,
    inProgress: result?.inProgress.length ?? 0,
    stale: result?.stale ?? 0,
  };
}

/** Creates the request path of one instance: `handle()` of the public object. */
export function createHandle(endpoint: Endpoint): (request: WebhookRequest) => Promise<WebhookResponse> {
  const state = { ...endpoint, streak: 0 };
  const failed = (thrown: unknown): Outcome => {
    const error = toWebhookError(thrown, 'Unexpected failure while handling a webhook request.');
    // Handler failures were reported as they happened; a full budget is load, not a failure.
    if ((error.status ?? 500) >= 500 && error.code !== 'HANDLER_FAILED' && error.code !== 'BODY_BUDGET_EXCEEDED') {
      state.reporter.report(error);
    }
    watchFailures(state, error);
    return { kind: 'failed', error };
  };
  // Without observers (the default), every request shares these two: no closures per request.
  const failUnobserved = (thrown: unknown): WebhookResponse => respond(failed(thrown));
  return (request) => {
    const observed = state.reporter.isObserved();
    const given = request?.method;
    // What adapters hand over is upper case already; anything else is normalised.
    const method = given === 'POST' || given === 'GET' ? given : typeof given === 'string' ? given.toUpperCase() : '';
    let finish: (outcome: Outcome) => WebhookResponse = respond;
    let fail = failUnobserved;
    if (observed) {
      const started = performance.now();
      finish = (outcome) => {
        const response = respond(outcome);
        try {
          state.reporter.request(recordOf(method, response, outcome, started));
        } catch {
          // A logger that throws must not change the answer (observers are already guarded).
        }
        return response;
      };
      fail = (thrown) => finish(failed(thrown));
    }
    try {
      const response = answer(state, method, request, finish, fail);
      return response instanceof Promise ? response : Promise.resolve(response);
    } catch (thrown) {
      return Promise.resolve(fail(thrown));
    }
  };
}
