/** UTF-8 decoding with the standard strict TextDecoder (every runtime but Node). */

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes strict UTF-8; throws a TypeError on invalid bytes. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
