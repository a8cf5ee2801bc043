/**
 * `sendNotification()`: sign a payload and POST it the way Meta does, then read the answer.
 */
import { SendError } from './errors';
import { signBody, type PayloadInput } from './sign';
import type { SerializeOptions } from './wire';

/** A fetch-like function: `globalThis.fetch`, or e.g. Hono's `app.request`. */
export type FetchLike = (request: Request) => Response | Promise<Response>;

/** Options of `sendNotification`. */
export interface SendOptions extends SerializeOptions {
  /** The app secret the server verifies with. */
  readonly secret: string;
  /** Extra headers, added after (and able to replace) the ones Meta sends. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Give up after this many milliseconds (the request counts as unreachable, code `TIMEOUT`). Default 10 000. */
  readonly timeout?: number;
  /** Cancels the request. */
  readonly signal?: AbortSignal;
  /** Sends the request. Default `globalThis.fetch`; pass `app.request` to test a Hono app without a server. */
  readonly fetch?: FetchLike;
}

/** The server's answer to one notification. */
export interface SendResult {
  /** The URL that was called. */
  readonly url: string;
  /** The HTTP status. Meta counts only 200 as delivered and retries anything else. */
  readonly status: number;
  /** Whether the status is 200. */
  readonly ok: boolean;
  /** The response headers. Redirects are not followed (Meta does not follow them either). */
  readonly headers: Headers;
  /** The response body as text. */
  readonly body: string;
  /** `error.code` of a JSON error body such as `{"error":{"code":"SIGNATURE_MISMATCH","message":"…"}}`, when there is one. */
  readonly errorCode?: string;
  /** `error.message` of a JSON error body, when there is one. */
  readonly errorMessage?: string;
  /** Milliseconds from sending to the end of the response body. */
  readonly durationMs: number;
  /** Size of the request body in bytes. */
  readonly bytes: number;
}

/** Reads `{"error":{"code","message"}}` (the shape `@wa-webhooks/core` answers with), or `{"error":"…"}`. */
export function parseErrorBody(body: string): { code?: string; message?: string } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const error = (parsed as { error?: unknown }).error;
    if (typeof error === 'string') return { message: error };
    if (typeof error !== 'object' || error === null) return {};
    const { code, message } = error as { code?: unknown; message?: unknown };
    return {
      ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
      ...(typeof message === 'string' ? { message } : {}),
    };
  } catch {
    return {};
  }
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** The system error code behind a failed fetch (`ECONNREFUSED`, `ENOTFOUND`, a TLS code, …), if any. */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { code, errors, cause } = current as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof code === 'string' && code !== 'ERR_INVALID_URL') return code;
    if (Array.isArray(errors) && errors.length > 0) current = errors[0];
    else current = cause;
  }
  return undefined;
}

/** Turns a failed fetch into a `SendError` whose message says what to check. */
export function toSendError(error: unknown, url: string, timeout: number): SendError {
  if (error instanceof SendError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError') {
    return new SendError('TIMEOUT', url, `No answer from ${url} within ${timeout} ms.`, { cause: error });
  }
  const code = causeCode(error);
  const details = code === undefined ? { cause: error } : { cause: error, systemCode: code };
  if (code !== undefined && TLS_CODES.has(code)) {
    return new SendError(
      'TLS',
      url,
      `The TLS handshake with ${url} failed (${code}). Meta only calls HTTPS URLs with a valid certificate from a public authority; self-signed certificates are not supported.`,
      details,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new SendError(
      'UNREACHABLE',
      url,
      `Could not reach ${url}: the host name ${new URL(url).hostname} does not resolve (${code}).`,
      details,
    );
  }
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new SendError('UNREACHABLE', url, `Could not reach ${url} (${reason}).`, details);
}

/** Parses `url`, or throws `SendError` with code `INVALID_URL`. */
export function parseUrl(url: string | URL): URL {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError('not http(s)');
    return parsed;
  } catch (error) {
    throw new SendError('INVALID_URL', String(url), `"${String(url)}" is not an http:// or https:// URL.`, {
      cause: error,
    });
  }
}

/**
 * Signs `payload` with `secret` and POSTs it to `url` with the headers Meta sends, and resolves with
 * the server's answer, whatever its status. An object payload is serialised (with Meta's escaping when
 * `metaEscaping` is set); a string or bytes are sent as they are.
 *
 * @example
 * ```ts
 * const result = await sendNotification('http://127.0.0.1:3000/webhook', buildTextMessage({ body: 'hi' }), { secret: 'dev-app-secret' });
 * if (!result.ok) console.error(result.status, result.errorCode);
 * ```
 * @throws SendError when no answer arrived: `INVALID_URL`, `UNREACHABLE`, `TIMEOUT` or `TLS`.
 */
export async function sendNotification(
  url: string | URL,
  payload: PayloadInput,
  options: SendOptions,
): Promise<SendResult> {
  const target = parseUrl(url);
  const timeout = options.timeout ?? 10_000;
  const { body, headers } = await signBody(payload, options);
  const timer = AbortSignal.timeout(timeout);
  const signal = options.signal === undefined ? timer : AbortSignal.any([timer, options.signal]);
  const request = new Request(target, { method: 'POST', headers, body, redirect: 'manual', signal });
  const send = options.fetch ?? ((input: Request) => fetch(input));
  const started = performance.now();
  try {
    const response = await send(request);
    const text = await response.text();
    const error = response.status === 200 ? {} : parseErrorBody(text);
    return {
      url: target.href,
      status: response.status,
      ok: response.status === 200,
      headers: response.headers,
      body: text,
      ...(error.code === undefined ? {} : { errorCode: error.code }),
      ...(error.message === undefined ? {} : { errorMessage: error.message }),
      durationMs: performance.now() - started,
      bytes: body.byteLength,
    };
  } catch (error) {
    if (options.signal?.aborted === true && !timer.aborted) throw error;
    throw toSendError(error, target.href, timeout);
  }
}
