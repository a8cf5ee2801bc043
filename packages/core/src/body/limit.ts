/** Shared pieces of the body readers. */

/** Default body limit: Meta documents payloads of up to 3 MB; 3 MiB plus 512 KiB of margin. */
export const DEFAULT_BODY_LIMIT = 3 * 1024 * 1024 + 512 * 1024;

/** Options of the body readers. */
export interface ReadBodyOptions {
  /** Maximum number of bytes to accept. Default `DEFAULT_BODY_LIMIT`. */
  readonly limit?: number;
}

/** Joins chunks into one `Uint8Array` without a copy when there is only one. */
export function concatChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Returns the limit to use, rejecting nonsense early. */
export function resolveLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_BODY_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 0)
    throw new TypeError(`The body limit must be a non-negative integer, got ${String(limit)}.`);
  return limit;
}
