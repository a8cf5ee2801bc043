/**
 * The test-kit's own signer: the project's one **independent** HMAC implementation, on purpose. It uses
 * `node:crypto.createHmac` directly and shares no code with core's `signPayload`, so that core's
 * verifiers (node:crypto and Web Crypto) are tested against something that is not core: a wrong
 * verifier in core cannot agree with a wrong signer here. Every test helper that needs an HMAC (the
 * conformance and fuzz suites, the fuzz model, the examples' tests) uses this file; production code
 * and `@wa-webhooks/testing` use core's `signPayload`.
 */
import { createHmac } from 'node:crypto';

/** App secret every conformance webhooks instance is created with. */
export const APP_SECRET = 'conformance-app-secret';

/** An older app secret, still accepted while the app rotates (`additionalAppSecrets`). */
export const ROTATED_APP_SECRET = 'conformance-previous-app-secret';

/** Verify token every conformance webhooks instance is created with. */
export const VERIFY_TOKEN = 'conformance-verify-token';

/** The raw HMAC-SHA256 of the exact bytes (strings as UTF-8), keyed with `secret`. */
export function hmacSha256(body: string | Uint8Array, secret: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

/**
 * Returns the `X-Hub-Signature-256` value for `body`: `sha256=` and the lower-case hex HMAC-SHA256 of the
 * exact bytes (strings are signed as UTF-8).
 */
export function signBody(body: string | Uint8Array, secret: string = APP_SECRET): string {
  return `sha256=${hmacSha256(body, secret).toString('hex')}`;
}
