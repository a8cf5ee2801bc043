/**
 * The bytes of a notification as Meta writes them. Meta sends compact JSON with `/` escaped as `\/` and
 * every non-ASCII character as a lower-case `\uXXXX` escape (UTF-16 code units, so an emoji becomes a
 * surrogate pair), e.g. `"caption":"caf\u00e9","mime_type":"image\/jpeg"`. Servers must verify the
 * signature on those exact bytes; re-serialising the parsed JSON gives different bytes. See docs/PAYLOADS.md
 * section 1.2 and `core/test/fixtures/payloads/_raw-bodies/`.
 */

import { TestingError } from './errors';

/** How a payload object is turned into a request body. */
export interface SerializeOptions {
  /**
   * Escape like Meta does (`/` → `\/`, non-ASCII → lower-case `\uXXXX`). Default `false`: plain
   * `JSON.stringify`. Turn it on to prove that your server verifies the bytes it received rather than
   * a re-serialised copy.
   */
  readonly metaEscaping?: boolean;
}

// Non-ASCII code units and `/`. Without the `u` flag the regex sees UTF-16 code units, so astral
// characters are escaped as two `\uXXXX` (a surrogate pair), as Meta's encoder does.
const META_ESCAPED = /[\u0080-\uffff/]/g;

function escapeChar(char: string): string {
  return char === '/' ? '\\/' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Serialises a payload to the compact JSON text that is signed and sent. Strings are returned as they
 * are (they are taken to be a body already), so a body read from a file is sent byte for byte.
 *
 * @example
 * ```ts
 * serializePayload({ caption: 'café', mime: 'image/jpeg' }, { metaEscaping: true });
 * // '{"caption":"caf\\u00e9","mime":"image\\/jpeg"}'
 * ```
 * @throws TestingError `INVALID_PAYLOAD` for a value JSON cannot represent (`undefined`, a function).
 */
export function serializePayload(payload: unknown, options: SerializeOptions = {}): string {
  if (typeof payload === 'string') return payload;
  const json = JSON.stringify(payload);
  if (json === undefined)
    throw new TestingError('INVALID_PAYLOAD', 'serializePayload: the payload cannot be serialised to JSON.');
  // `/` and non-ASCII only ever occur inside JSON strings, so escaping the whole text is safe.
  return options.metaEscaping === true ? json.replace(META_ESCAPED, escapeChar) : json;
}
