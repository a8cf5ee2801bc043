/**
 * Redis keys of event ids. A key is the UTF-8 bytes of `prefix + id`, whatever the id holds (`:`, `{}`,
 * digits only, unicode, several KB). An id that is not well-formed UTF-16 (a lone surrogate, which only
 * a JSON `\ud800` escape can produce) would lose its surrogate to U+FFFD in UTF-8, so two such ids could
 * share a key: those get the surrogate's own three bytes (WTF-8) instead, which no valid UTF-8 holds.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** UTF-8 bytes of a string, with each lone surrogate as its generalised three-byte sequence. */
export function wtf8(text: string): Buffer {
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

/** The key of `id`: a string in all but the lone-surrogate case. */
export function eventKey(prefix: string, id: string): string | Buffer {
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(id) ? wtf8(prefix + id) : prefix + id;
}
