/**
 * The `X-Hub-Signature-256` check: `sha256=` followed by the HMAC-SHA256 of the exact request bytes,
 * keyed with the app secret (docs/PAYLOADS.md section 1.2). The HMAC runs on node:crypto on Node and on Web
 * Crypto elsewhere, chosen at build time through the `#crypto` import.
 */
import { createHmacVerifier, decodeDigestHex, hmacSha256Hex } from '#crypto';

/** Name of the header Meta signs every POST with (lower case, as Node and Fetch report it). */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

const PREFIX = 'sha256=';
const DIGEST_BYTES = 32;

/** Outcome of reading the signature header before any body is read. */
export type SignatureHeaderResult =
  { readonly ok: true; readonly digest: Uint8Array } | { readonly ok: false; readonly reason: 'missing' | 'malformed' };

const MISSING: SignatureHeaderResult = Object.freeze({ ok: false, reason: 'missing' });
const MALFORMED: SignatureHeaderResult = Object.freeze({ ok: false, reason: 'malformed' });

/**
 * Validates `sha256=` + 64 hex digits (either case) and decodes the digest. Never throws: anything else is
 * `malformed`, an absent or empty header is `missing`.
 */
export function parseSignatureHeader(header: string | null | undefined): SignatureHeaderResult {
  if (header === undefined || header === null || header === '') return MISSING;
  if (
    header.length !== PREFIX.length + DIGEST_BYTES * 2 ||
    (!header.startsWith(PREFIX) && header.slice(0, PREFIX.length).toLowerCase() !== PREFIX)
  ) {
    return MALFORMED;
  }
  // Node decodes with Buffer's native hex decoder (a pooled allocation), other runtimes with a table.
  const digest = decodeDigestHex(header.slice(PREFIX.length));
  return digest === undefined ? MALFORMED : { ok: true, digest };
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
