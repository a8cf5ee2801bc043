/**
 * Payload values as they may be printed: a log line is one line, whatever a WhatsApp user typed.
 * Shared word for word by the examples.
 */

/**
 * `text` as one quoted, escaped token: what a WhatsApp user writes (or a payload carries) can hold line
 * breaks, terminal escape sequences and bidi controls, which must not forge or hide log lines. JSON
 * escaping covers the C0 controls; C1 controls (0x7f-0x9f, which include an 8-bit CSI), line and
 * paragraph separators and bidi overrides are escaped on top.
 */
export function printable(text: unknown): string {
  return JSON.stringify(String(text)).replace(
    /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** An id, code or phone number as it is when it is a plain token (the usual case), else `printable()`. */
export function token(value: unknown): string {
  const text = String(value);
  return /^[\w.:+=/-]+$/.test(text) ? text : printable(text);
}
