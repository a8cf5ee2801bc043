/** Case-insensitive header lookup over the header shapes adapters hand to the core. */

/** Header shapes the core accepts: a Fetch `Headers`, Node's `IncomingHttpHeaders`, or a plain record. */
export type HeadersInput = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Sentinel for a header that was sent more than once with different values. */
export const REPEATED_HEADER = Symbol('repeated header');

function isFetchHeaders(headers: HeadersInput): headers is Headers {
  return typeof (headers as Headers).get === 'function' && typeof (headers as Headers).has === 'function';
}

/**
 * Returns the header value, `undefined` when absent, or `REPEATED_HEADER` when a record holds an array of
 * several values. (Node and Fetch join repeated custom headers with ", ", which the callers reject as
 * malformed anyway.) `name` must be lower case.
 */
export function readHeader(headers: HeadersInput, name: string): string | undefined | typeof REPEATED_HEADER {
  if (isFetchHeaders(headers)) return headers.get(name) ?? undefined;
  let value = headers[name];
  if (value === undefined) {
    // Node's own header objects are lower-case already; this scan serves hand-made records.
    for (const key in headers) {
      if (key.length === name.length && Object.hasOwn(headers, key) && key.toLowerCase() === name) {
        value = headers[key];
        break;
      }
    }
  }
  if (value === undefined || typeof value === 'string') return value;
  if (value.length === 0) return undefined;
  if (value.length === 1) return value[0];
  return REPEATED_HEADER;
}
