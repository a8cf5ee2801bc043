/**
 * HMAC-SHA256 and constant-time comparison on Web Crypto, for edge runtimes (Cloudflare Workers, Deno,
 * Bun, browsers). Keys are imported once per verifier and cached, because importing a key costs more
 * than the HMAC itself (docs/ARCHITECTURE.md, "Build-time switches").
 */

const encoder = new TextEncoder();
const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;

type CryptoKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

function importKey(secret: string): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('raw', encoder.encode(secret), HMAC, false, ['sign', 'verify']);
}

/** Builds a verifier that checks a 32-byte digest against the body with each secret in turn. */
export function createHmacVerifier(
  secrets: readonly string[],
): (body: Uint8Array, digest: Uint8Array) => Promise<boolean> {
  let keys: Promise<CryptoKey[]> | undefined;
  return async (body, digest) => {
    keys ??= Promise.all(secrets.map(importKey));
    let imported: CryptoKey[];
    try {
      imported = await keys;
    } catch (error) {
      keys = undefined;
      throw error;
    }
    for (const key of imported) {
      // subtle.verify compares in constant time.
      if (
        await globalThis.crypto.subtle.verify(
          'HMAC',
          key,
          digest as Uint8Array<ArrayBuffer>,
          body as Uint8Array<ArrayBuffer>,
        )
      )
        return true;
    }
    return false;
  };
}

/** Hex digit values by character code (ASCII), -1 for anything else. */
const HEX_VALUES = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit++) {
  HEX_VALUES['0123456789abcdef'.charCodeAt(digit)] = digit;
  HEX_VALUES['0123456789ABCDEF'.charCodeAt(digit)] = digit;
}

/** The 32 bytes of a digest written as 64 hexadecimal digits (either case), or undefined when any of them is not one. */
export function decodeDigestHex(hex: string): Uint8Array | undefined {
  if (hex.length !== 64) return undefined;
  const digest = new Uint8Array(32);
  // One table lookup per digit and no branch on the digits: a non-hex one turns `invalid` negative.
  let invalid = 0;
  for (let index = 0; index < 32; index++) {
    const high = hex.charCodeAt(2 * index);
    const low = hex.charCodeAt(2 * index + 1);
    const highValue = high < 128 ? HEX_VALUES[high]! : -1;
    const lowValue = low < 128 ? HEX_VALUES[low]! : -1;
    invalid |= highValue | lowValue;
    digest[index] = (highValue << 4) | lowValue;
  }
  return invalid < 0 ? undefined : digest;
}

/** HMAC-SHA256 of `body` with `secret`, as lower-case hex. */
export async function hmacSha256Hex(secret: string, body: Uint8Array | string): Promise<string> {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const signature = new Uint8Array(
    await globalThis.crypto.subtle.sign('HMAC', await importKey(secret), bytes as Uint8Array<ArrayBuffer>),
  );
  let hex = '';
  for (const byte of signature) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Compares two strings without an early exit: the loop runs over every byte of `actual` (the
 * untrusted side) whatever the content, and a length difference is folded into the result.
 */
export function constantTimeEqual(expected: string, actual: string): boolean {
  const a = encoder.encode(expected);
  const b = encoder.encode(actual);
  let diff = a.length ^ b.length;
  for (let index = 0; index < b.length; index++) {
    diff |= (index < a.length ? a[index]! : 0) ^ b[index]!;
  }
  return diff === 0;
}

/** Which implementation this build uses; reported by benchmarks and tests. */
export const CRYPTO_IMPLEMENTATION = 'web-crypto' as const;
