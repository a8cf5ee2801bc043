/**
 * HMAC-SHA256 and constant-time comparison on node:crypto. Selected by the `node` condition of the
 * `#crypto` import (see package.json `imports`); about ten times faster than Web Crypto on Node
 * (docs/ARCHITECTURE.md, "Build-time switches").
 */
import { createHash, createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

/**
 * Builds a verifier that checks a 32-byte digest against the body with each secret in turn. The HMAC
 * is taken as a latin1 string (one char per byte) and written into a buffer the verifier owns:
 * `digest()` without an encoding allocates a new Buffer per call, which cost more than the rest of the
 * comparison. The check is synchronous, so one buffer serves every call.
 */
export function createHmacVerifier(secrets: readonly string[]): (body: Uint8Array, digest: Uint8Array) => boolean {
  const keys = secrets.map((secret) => createSecretKey(Buffer.from(secret, 'utf8')));
  const actual = Buffer.alloc(32);
  return (body, digest) => {
    if (digest.byteLength !== actual.byteLength) return false;
    for (const key of keys) {
      // 'binary' is Node's name for latin1 in the digest encodings of @types/node.
      actual.write(createHmac('sha256', key).update(body).digest('binary'), 'latin1');
      if (timingSafeEqual(actual, digest)) return true;
    }
    return false;
  };
}

/**
 * The 32 bytes of a digest written as 64 hexadecimal digits (either case), or undefined when any of them
 * is not one. Buffer's native decoder stops at the first pair that is not hex, so a short result is the
 * refusal; its Buffer comes from Node's pool, cheaper than a new typed array per request.
 */
export function decodeDigestHex(hex: string): Uint8Array | undefined {
  if (hex.length !== 64) return undefined;
  const bytes = Buffer.from(hex, 'hex');
  return bytes.byteLength === 32 ? bytes : undefined;
}

/** HMAC-SHA256 of `body` with `secret`, as lower-case hex. */
export function hmacSha256Hex(secret: string, body: Uint8Array | string): Promise<string> {
  return Promise.resolve(createHmac('sha256', secret).update(body).digest('hex'));
}

/**
 * Compares two strings in time that does not depend on where they differ or on their lengths: both are
 * hashed to 32 bytes first, then compared with `timingSafeEqual`.
 */
export function constantTimeEqual(expected: string, actual: string): boolean {
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(actual, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** Which implementation this build uses; reported by benchmarks and tests. */
export const CRYPTO_IMPLEMENTATION = 'node:crypto' as const;
