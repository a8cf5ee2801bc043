/**
 * UTF-8 decoding on Node. Meta escapes every non-ASCII character (`\u00e9`), so real bodies are pure
 * ASCII: `isAscii` (SIMD) plus a latin1 view decodes a 3 MB body about 5× faster than TextDecoder.
 * Anything else goes through the strict decoder.
 */
import { isAscii } from 'node:buffer';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes strict UTF-8; throws a TypeError on invalid bytes. */
export function decodeUtf8(bytes: Uint8Array): string {
  if (isAscii(bytes)) {
    // Node's readers hand over Buffers: decode in place rather than through a new view.
    const buffer = bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return buffer.toString('latin1');
  }
  return decoder.decode(bytes);
}
