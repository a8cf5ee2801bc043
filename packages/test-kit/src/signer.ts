/**
 * The test-kit's own signer. It uses `node:crypto` directly and never core's `signPayload`, so a wrong
 * verifier in core cannot agree with a wrong signer here (STYLE.md section 2.10).
 */
import { createHmac } from 'node:crypto';

/** App secret every conformance webhooks instance is created with. */
export const APP_SECRET = 'conformance-app-secret';

/** An older app secret, still accepted while the app rotates (`additionalAppSecrets`). */
export const ROTATED_APP_SECRET = 'conformance-previous-app-secret';

/** Verify token every conformance webhooks instance is created with. */
export const VERIFY_TOKEN = 'conformance-verify-token';

/** Name of the header Meta signs notifications with (spelled out here, not imported from core). */
export const SIGNATURE_HEADER_NAME = 'x-hub-signature-256';

/**
 * Returns the `X-Hub-Signature-256` value for `body`: `sha256=` and the lower-case hex HMAC-SHA256 of the
 * exact bytes (strings are signed as UTF-8).
 */
export function signBody(body: string | Uint8Array, secret: string = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
