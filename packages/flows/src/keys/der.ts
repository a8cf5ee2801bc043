/**
 * The little DER (ASN.1) the Web Crypto build needs to read and write private key containers: a TLV
 * reader, OIDs, integers, and a TLV writer. Not a general ASN.1 library: definite lengths only, which is
 * all DER allows.
 */

/** One DER element: its tag and where its content lies in the buffer. */
export interface Tlv {
  readonly tag: number;
  /** Offset of the first content byte. */
  readonly start: number;
  /** Offset just past the last content byte. */
  readonly end: number;
}

/** DER tags used by key containers. */
export const TAG = { INTEGER: 0x02, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30 } as const;

/** Thrown for bytes that are not the DER expected. */
export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

/** Reads the element at `offset`, checking that it fits in `limit` (default: the whole buffer). */
export function readTlv(bytes: Uint8Array, offset: number, limit: number = bytes.byteLength): Tlv {
  if (offset + 2 > limit) throw new DerError('truncated element');
  const tag = bytes[offset]!;
  let length = bytes[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) throw new DerError('unsupported length');
    length = 0;
    for (let index = 0; index < count; index++) length = length * 256 + bytes[start + index]!;
    start += count;
  }
  if (start + length > limit) throw new DerError('element longer than its container');
  return { tag, start, end: start + length };
}

/** Reads `element` and checks its tag. */
export function expectTlv(bytes: Uint8Array, offset: number, tag: number, limit?: number): Tlv {
  const element = readTlv(bytes, offset, limit);
  if (element.tag !== tag) throw new DerError(`expected tag 0x${tag.toString(16)}, got 0x${element.tag.toString(16)}`);
  return element;
}

/** The elements inside a constructed element (a SEQUENCE). */
export function childrenOf(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const children: Tlv[] = [];
  for (let offset = parent.start; offset < parent.end;) {
    const child = readTlv(bytes, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** An OBJECT IDENTIFIER as dotted text. */
export function readOid(bytes: Uint8Array, element: Tlv): string {
  if (element.tag !== TAG.OID || element.end <= element.start) throw new DerError('expected an OID');
  const first = bytes[element.start]!;
  const parts = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (let index = element.start + 1; index < element.end; index++) {
    value = value * 128 + (bytes[index]! & 0x7f);
    if (!(bytes[index]! & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** A non-negative INTEGER that fits a JavaScript number (iteration counts, key lengths). */
export function readSmallInteger(bytes: Uint8Array, element: Tlv): number {
  if (element.tag !== TAG.INTEGER || element.end - element.start > 6) throw new DerError('expected a small INTEGER');
  let value = 0;
  for (let index = element.start; index < element.end; index++) value = value * 256 + bytes[index]!;
  return value;
}

/** The number of significant bits of an unsigned INTEGER (an RSA modulus). */
export function integerBits(bytes: Uint8Array, element: Tlv): number {
  let index = element.start;
  while (index < element.end && bytes[index] === 0) index++;
  if (index === element.end) return 0;
  return (element.end - index - 1) * 8 + (32 - Math.clz32(bytes[index]!));
}

/** Encodes one element. */
export function writeTlv(tag: number, content: Uint8Array): Uint8Array {
  const length = content.byteLength;
  const header: number[] = [tag];
  if (length < 0x80) header.push(length);
  else {
    const digits: number[] = [];
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) digits.unshift(rest % 256);
    header.push(0x80 | digits.length, ...digits);
  }
  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  out.set(content, header.length);
  return out;
}

/** Concatenates byte arrays. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
