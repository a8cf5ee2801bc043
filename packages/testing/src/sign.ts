/**
 * Signing, the way Meta signs: `X-Hub-Signature-256: sha256=<lower-case hex HMAC-SHA256 of the exact
 * body bytes, keyed with the app secret>`. The kit signs with `@wa-webhooks/core`'s own `signPayload`
 * (node:crypto on Node, Web Crypto elsewhere): one production signer in the project. Core's verifiers
 * are tested against an independent signer in the repository's private test kit, not against this one.
 */
import { createHmac } from 'node:crypto';
import { SIGNATURE_HEADER, signPayload } from '@wa-webhooks/core';
import { TestingError } from './errors';
import { serializePayload, type SerializeOptions } from './wire';

/**
 * Name of the legacy SHA-1 signature header Meta still sends next to `X-Hub-Signature-256`. Receivers
 * should ignore it; it is sent so that requests look like Meta's.
 */
export const SIGNATURE_SHA1_HEADER = 'x-hub-signature';

/** The body a notification is sent as: an object (serialised), a string or bytes (sent as they are). */
export type PayloadInput = object | string | Uint8Array;

/** The legacy `X-Hub-Signature` value (`sha1=<hex>`). SHA-1 is only a header filler here, never verified. */
function signSha1(body: Uint8Array, secret: string): string {
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
 *
 * @throws TestingError `INVALID_OPTION` when `secret` is empty.
 */
export async function signBody(payload: PayloadInput, options: SignedRequestOptions): Promise<SignedBody> {
  if (typeof options.secret !== 'string' || options.secret === '')
    throw new TestingError('INVALID_OPTION', 'Signing needs a non-empty app secret (options.secret).');
  const text = payload instanceof Uint8Array ? undefined : serializePayload(payload, options);
  const body = text === undefined ? (payload as Uint8Array) : new TextEncoder().encode(text);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      [SIGNATURE_HEADER]: await signPayload(body, options.secret),
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
 * const request = await createSignedRequest(buildTextMessage({ body: 'hi' }), { secret: 'test-secret' });
 * const response = await app.request(request); // Hono; or await webhooks.handleFetch(request)
 * ```
 */
export async function createSignedRequest(payload: PayloadInput, options: SignedRequestOptions): Promise<Request> {
  const { body, headers } = await signBody(payload, options);
  return new Request(options.url ?? 'http://localhost/webhook', { method: 'POST', headers, body });
}
