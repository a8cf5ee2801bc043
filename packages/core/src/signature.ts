/**
 * The `X-Hub-Signature-256` check: `sha256=` followed by the HMAC-SHA256 of the exact request bytes,
 * keyed with the app secret (docs/PAYLOADS.md section 1.2). The HMAC runs on node:crypto on Node and on Web
 * Crypto elsewhere, chosen at build time through the `#crypto` import.
 */
import { createHmacVerifier, hmacSha256Hex } from '#crypto';

/** Name of the header Meta signs every POST with (lower case, as Node and Fetch report it). */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

const PREFIX = 'sha256=';
const DIGEST_BYTES = 32;

/** Outcome of reading the signature header before any body is read. */
export type SignatureHeaderResult =
  { readonly ok: true; readonly digest: Uint8Array } | { readonly ok: false; readonly reason: 'missing' | 'malformed' };

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 0x20; // A-F and a-f
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/**
 * Validates `sha256=` + 64 hex digits (either case) and decodes the digest. Never throws: anything else is
 * `malformed`, an absent or empty header is `missing`.
 */
export function parseSignatureHeader(header: string | null | undefined): SignatureHeaderResult {
  if (header === undefined || header === null || header === '') return { ok: false, reason: 'missing' };
  if (
    header.length !== PREFIX.length + DIGEST_BYTES * 2 ||
    (!header.startsWith(PREFIX) && header.slice(0, PREFIX.length).toLowerCase() !== PREFIX)
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const digest = new Uint8Array(DIGEST_BYTES);
  for (let index = 0; index < DIGEST_BYTES; index++) {
    const high = hexValue(header.charCodeAt(PREFIX.length + index * 2));
    const low = hexValue(header.charCodeAt(PREFIX.length + index * 2 + 1));
    if (high < 0 || low < 0) return { ok: false, reason: 'malformed' };
    digest[index] = (high << 4) | low;
  }
  return { ok: true, digest };
}

/** A verifier bound to a list of secrets (current secret first, then any being rotated out). */
export type SignatureVerifier = (body: Uint8Array, digest: Uint8Array) => boolean | Promise<boolean>;

/** Builds a verifier for `secrets` with cached keys. Used by `createWebhooks`; exported for advanced use. */
export function createSignatureVerifier(secrets: string | readonly string[]): SignatureVerifier {
  const list = typeof secrets === 'string' ? [secrets] : [...secrets];
  if (list.length === 0 || list.some((secret) => typeof secret !== 'string' || secret === '')) {
    throw new TypeError('createSignatureVerifier needs at least one non-empty secret.');
  }
  return createHmacVerifier(list);
}

/**
 * Checks an `X-Hub-Signature-256` header against the exact body bytes with one secret or several
 * (secret rotation). Resolves `false` for a missing, malformed or wrong signature; never rejects for bad
 * input.
 *
 * @example
 * ```ts
 * const ok = await verifySignature(rawBytes, request.headers.get('x-hub-signature-256'), process.env.WHATSAPP_APP_SECRET!);
 * ```
 */
export async function verifySignature(
  body: Uint8Array,
  header: string | null | undefined,
  secrets: string | readonly string[],
): Promise<boolean> {
  const parsed = parseSignatureHeader(header);
  if (!parsed.ok) return false;
  return createSignatureVerifier(secrets)(body, parsed.digest);
}

/**
 * Computes the `X-Hub-Signature-256` header value (`sha256=<lower-case hex>`) for a body, exactly as Meta
 * does. Pass the bytes (or string) you will send, not an object.
 */
export async function signPayload(body: Uint8Array | string, secret: string): Promise<string> {
  if (typeof secret !== 'string' || secret === '') throw new TypeError('signPayload needs a non-empty secret.');
  return PREFIX + (await hmacSha256Hex(secret, body));
}
