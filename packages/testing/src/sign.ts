/**
 * Signing, the way Meta signs: `X-Hub-Signature-256: sha256=<lower-case hex HMAC-SHA256 of the exact
 * body bytes, keyed with the app secret>`. This is the kit's own `node:crypto` signer; it shares no
 * code with `@wa-webhooks/core`, so a test that signs here and verifies there checks both.
 */
import { createHmac } from 'node:crypto';
import { TestingError } from './errors';
import { serializePayload, type SerializeOptions } from './wire';

/** Name of the header Meta signs notifications with. */
export const SIGNATURE_256_HEADER = 'x-hub-signature-256';

/** Name of the legacy SHA-1 signature header Meta still sends next to the SHA-256 one. */
export const SIGNATURE_SHA1_HEADER = 'x-hub-signature';

/** The body a notification is sent as: an object (serialised), a string or bytes (sent as they are). */
export type PayloadInput = object | string | Uint8Array;

/**
 * Returns the `X-Hub-Signature-256` value for `body`: `sha256=` and the lower-case hex HMAC-SHA256 of
 * the exact bytes (a string is signed as its UTF-8 bytes). Sign what you send: an object must be
 * serialised first (`serializePayload`), and the same text sent.
 *
 * @throws TestingError `INVALID_OPTION` when `secret` is empty.
 */
export function signPayload(body: string | Uint8Array, secret: string): string {
  if (typeof secret !== 'string' || secret === '')
    throw new TestingError('INVALID_OPTION', 'signPayload needs a non-empty app secret.');
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The legacy `X-Hub-Signature` value (`sha1=<hex>`), which Meta sends alongside the SHA-256 one. */
function signSha1(body: string | Uint8Array, secret: string): string {
  return `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
}

/** Options of `createSignedRequest`. */
export interface SignedRequestOptions extends SerializeOptions {
  /** The app secret the server verifies with. */
  readonly secret: string;
  /** The webhook URL, e.g. `http://127.0.0.1:3000/webhook`. Default `http://localhost/webhook` (for `app.request()` / `handleFetch()`). */
  readonly url?: string | URL;
  /** Extra headers, added after (and able to replace) the ones Meta sends. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A body ready to send: its bytes and the headers Meta would send with it. */
export interface SignedBody {
  /** The exact bytes that were signed. */
  readonly body: Uint8Array;
  /** `content-type`, `x-hub-signature-256`, `x-hub-signature` and `user-agent`, as Meta sends them, plus any extra headers. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Serialises (unless it already is a string or bytes) and signs a payload, returning the bytes and the
 * headers of a POST as Meta sends it.
 */
export function signBody(payload: PayloadInput, options: SignedRequestOptions): SignedBody {
  const text = payload instanceof Uint8Array ? undefined : serializePayload(payload, options);
  const body = text === undefined ? (payload as Uint8Array) : new TextEncoder().encode(text);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      [SIGNATURE_256_HEADER]: signPayload(body, options.secret),
      [SIGNATURE_SHA1_HEADER]: signSha1(body, options.secret),
      ...options.headers,
    },
  };
}

/**
 * Builds a signed `POST` as a fetch `Request`, ready for `fetch()`, Hono's `app.request()` or
 * `webhooks.handleFetch()`.
 *
 * @example
 * ```ts
 * const request = createSignedRequest(buildTextMessage({ body: 'hi' }), { secret: 'test-secret' });
 * const response = await app.request(request); // Hono; or await webhooks.handleFetch(request)
 * ```
 */
export function createSignedRequest(payload: PayloadInput, options: SignedRequestOptions): Request {
  const { body, headers } = signBody(payload, options);
  return new Request(options.url ?? 'http://localhost/webhook', { method: 'POST', headers, body });
}
