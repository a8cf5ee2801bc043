/**
 * Event ids: the keys of deduplication. Equal for a true duplicate delivery, different otherwise, and
 * unambiguous across kinds: each id starts with its kind, and the parts taken from the body are escaped
 * so that no part can forge another's separator (a message id `X:read:123` can never equal the `read`
 * status of `X` for recipient 123).
 *
 * | kind | id |
 * |---|---|
 * | message | `m:<wamid>` (`mh:<hash>` for a message without a string id) |
 * | status | `s:<wamid>:<status>:<recipient>` (`sh:<hash>` without a string id) |
 * | value-level error | `e:<hash of phone number id and error>` |
 * | change of another field | `c:<field>:<hash of entry id, entry time and value>` |
 * | anything that did not fit | `u:<hash of where it sits and what it holds>` |
 *
 * Parts are escaped with `%3A` for `:` and `%25` for `%`. An id longer than `MAX_EVENT_ID_LENGTH` is
 * replaced by `x:<hash of the id>`, so a signed body with a 3 MB id stores 31 bytes, not 3 MB.
 */
import { hashString } from './hash';

/** Longest id kept as it is; longer ones are hashed (Meta's wamids are about 60 characters). */
export const MAX_EVENT_ID_LENGTH = 256;

/** Escapes the separator and the escape character of one id part. */
function part(text: string): string {
  return text.includes(':') || text.includes('%') ? text.replaceAll('%', '%25').replaceAll(':', '%3A') : text;
}

/** Bounds the length of a finished id. */
function bounded(id: string): string {
  return id.length > MAX_EVENT_ID_LENGTH ? `x:${hashString(id)}` : id;
}

/** The id of an inbound message with Meta's `id`. */
export function messageId(wamid: string): string {
  return bounded(`m:${part(wamid)}`);
}

/** The id of a delivery status: one per message, status and recipient (the participant in groups). */
export function statusId(wamid: string, status: string, recipient: string): string {
  return bounded(`s:${part(wamid)}:${part(status)}:${part(recipient)}`);
}

/** The id of an item that has no id of its own: a hash of what it holds. */
export function hashedId(kind: 'mh' | 'sh' | 'e' | 'u', ...parts: unknown[]): string {
  return `${kind}:${hashString(serialize(parts))}`;
}

/** The id of a change of a field other than `messages`. */
export function changeId(field: string, entryId: string, entryTime: number | undefined, value: unknown): string {
  return bounded(`c:${part(field)}:${hashString(serialize([entryId, entryTime ?? null, value]))}`);
}

/**
 * JSON.stringify recurses, so a signed body nested thousands of levels deep would throw a RangeError
 * here and turn a 200 into a 500. Such values are serialised with an explicit stack instead (same
 * output for plain JSON data; only used for hashing ids).
 */
function serialize(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return serializeIteratively(value);
  }
}

/** `JSON.stringify` for JSON data, without recursion. Exported for tests only (not public). */
export function serializeIteratively(root: unknown): string {
  const out: string[] = [];
  // Either a value still to write, or a literal piece of punctuation.
  const stack: Array<{ value: unknown } | string> = [{ value: root }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (typeof next === 'string') {
      out.push(next);
      continue;
    }
    const { value } = next;
    if (Array.isArray(value)) {
      stack.push(']');
      for (let index = value.length - 1; index >= 0; index--) {
        stack.push({ value: value[index] });
        if (index > 0) stack.push(',');
      }
      out.push('[');
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      stack.push('}');
      for (let index = entries.length - 1; index >= 0; index--) {
        stack.push({ value: entries[index]![1] });
        stack.push(`${JSON.stringify(entries[index]![0])}:`);
        if (index > 0) stack.push(',');
      }
      out.push('{');
    } else {
      out.push(JSON.stringify(value) ?? 'null');
    }
  }
  return out.join('');
}
