/**
 * Keys of event ids in the `id` column. An id is stored as it is when PostgreSQL can hold it in a
 * primary key: well-formed Unicode, no NUL character (a `text` value cannot hold U+0000), at most
 * `MAX_RAW_KEY_BYTES` bytes of UTF-8 (a btree entry must stay far below its 2 704-byte limit), and not
 * starting with `#`. Any other id is stored as `#` and the SHA-256 of its bytes (lone surrogates as
 * their own three bytes), so the two forms never meet and the mapping stays deterministic.
 */
import { createHash } from 'node:crypto';

/** Longest id, in bytes of UTF-8, stored as it is. */
export const MAX_RAW_KEY_BYTES = 512;

// NUL is the one character a `text` value cannot hold.
// eslint-disable-next-line no-control-regex
const NEEDS_HASH = /^#|\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** UTF-8 bytes of a string, with each lone surrogate as its generalised three-byte sequence. */
function wtf8(text: string): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (const match of text.matchAll(LONE_SURROGATE)) {
    const unit = match[0].charCodeAt(0);
    parts.push(
      Buffer.from(text.slice(from, match.index), 'utf8'),
      Buffer.from([0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]),
    );
    from = match.index + 1;
  }
  parts.push(Buffer.from(text.slice(from), 'utf8'));
  return Buffer.concat(parts);
}

/** The key of an event id in the table. */
export function eventKey(id: string): string {
  // Three bytes per UTF-16 unit at most: short ids skip the byte count.
  if (id.length * 3 <= MAX_RAW_KEY_BYTES || Buffer.byteLength(id, 'utf8') <= MAX_RAW_KEY_BYTES) {
    if (!NEEDS_HASH.test(id)) return id;
  }
  return `#${createHash('sha256').update(wtf8(id)).digest('hex')}`;
}
