/**
 * A fast, deterministic, non-cryptographic string hash for event ids of notifications that carry no id
 * of their own. Pure JavaScript on purpose: Node and edge instances sharing one dedupe store must
 * compute the same id for the same notification. The input is always an authenticated (signed) body,
 * so collision resistance against an attacker is not needed; two independent 53-bit hashes make
 * accidental collisions negligible.
 */

function hash53(input: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = 0; index < input.length; index++) {
    const code = input.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** 106-bit hash of `input` as 28 hex characters. */
export function hashString(input: string): string {
  return (
    hash53(input, 0x9e3779b9).toString(16).padStart(14, '0') + hash53(input, 0x85ebca6b).toString(16).padStart(14, '0')
  );
}
