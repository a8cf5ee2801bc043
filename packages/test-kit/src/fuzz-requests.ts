/**
 * The hostile requests of the fuzz suite, as fast-check arbitraries: random methods, header sets
 * (duplicated, oversized, latin1, several signatures, signatures of the wrong length or with non-hex
 * characters), bodies (truncated JSON, deep nesting, huge strings, invalid UTF-8, BOM, NUL bytes, valid
 * signatures over garbage or over the wrong shape) and query strings (repeated `hub.*` keys, odd
 * encodings). Each request is plain data, so a failing one prints and shrinks; `toWire` turns it into
 * the exact bytes sent.
 *
 * A request breaks HTTP itself in at most one way (`violation`): those are the ones the framework or
 * Node's parser answers before the adapter runs. `tags` mark what an adapter's framework may answer on its
 * own although the request is valid HTTP (an odd Host header, a method some routers do not know).
 */
import fc from 'fast-check';
import { SIGNATURE_HEADER } from '@wa-webhooks/core';
import { bodyArb, envelope, messagesValue, textItem } from './fuzz-bodies';
import {
  contentTypesArb,
  extraHeaderArb,
  goodHandshakeQueryArb,
  queryArb,
  signatureSpecArb,
  signatureValues,
  SIGNATURE_NAMES,
} from './fuzz-headers';
import { APP_SECRET, signBody } from './signer';

/** How the body is delimited on the wire. */
export type Framing =
  | { readonly kind: 'none' }
  | { readonly kind: 'length' }
  | { readonly kind: 'chunked'; readonly sizes: readonly number[] };

/** Ways a request breaks HTTP/1.1 (Node's parser, or the framework's, answers those). */
export type Violation =
  /** A method that is not a token Node's parser knows: lower case, made up, or with a digit. */
  | 'method-token'
  /** CONNECT: Node hands it to the server's `connect` event, never to the app. */
  | 'connect-method'
  /** A control byte (NUL, DEL, …) inside a header value. */
  | 'header-byte'
  /** A separator inside a header name. */
  | 'header-name'
  /** A byte outside printable ASCII in the request target. */
  | 'target-byte'
  /** No Host header (mandatory in HTTP/1.1). */
  | 'missing-host'
  /** Content-Length twice. */
  | 'duplicate-content-length'
  /** Content-Length and Transfer-Encoding: chunked together (a request-smuggling shape). */
  | 'length-and-chunked'
  /** A chunk size that is not hexadecimal. */
  | 'bad-chunk'
  /** A header section larger than Node's 16 KiB `maxHeaderSize`. */
  | 'header-too-large'
  /** `Expect:` with something other than `100-continue`. */
  | 'expect-unsupported';

/** Valid HTTP that some frameworks still answer on their own. */
export type SoftTag =
  /** A Host header that is not a valid host (spaces, `@`, `?`, brackets, latin1). */
  | 'odd-host'
  /** A method outside GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE. */
  | 'uncommon-method'
  /** The request target in absolute form (`http://host/path?query`), as sent to proxies. */
  | 'absolute-target';

/** One generated request. Header names and values are latin1 strings (one char per byte). */
export interface FuzzRequest {
  readonly method: string;
  /** The request target (origin form `/webhook?…` or absolute form), latin1. */
  readonly target: string;
  /** The Host header value; `undefined` leaves it out. */
  readonly host: string | undefined;
  /** Every other header, in order, as sent (Content-Length and Transfer-Encoding come from `framing`). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Uint8Array;
  readonly framing: Framing;
  readonly violation: Violation | undefined;
  readonly tags: readonly SoftTag[];
  /** What the generator meant, for reports: e.g. `POST json/truncated sig/correct`. */
  readonly label: string;
}

/** Placeholder in `host` and `target` replaced by `127.0.0.1:<port>` when the request is sent. */
export const AUTHORITY = '{authority}';

const encoder = new TextEncoder();
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

/** The bytes of `request` for a server on `port`. */
export function toWire(request: FuzzRequest, port: number): Buffer {
  const authority = `127.0.0.1:${port}`;
  const lines: Buffer[] = [latin1(`${request.method} ${request.target.replace(AUTHORITY, authority)} HTTP/1.1\r\n`)];
  const header = (name: string, value: string): void => {
    lines.push(latin1(`${name}: ${value}\r\n`));
  };
  if (request.host !== undefined) header('Host', request.host.replace(AUTHORITY, authority));
  for (const [name, value] of request.headers) header(name, value);
  const { framing, body } = request;
  if (framing.kind === 'length' || request.violation === 'length-and-chunked')
    header('Content-Length', String(body.byteLength));
  if (request.violation === 'duplicate-content-length') header('Content-Length', String(body.byteLength));
  if (framing.kind === 'chunked' || request.violation === 'length-and-chunked') header('Transfer-Encoding', 'chunked');
  lines.push(latin1('\r\n'));
  if (framing.kind === 'chunked' || request.violation === 'length-and-chunked') {
    const sizes = framing.kind === 'chunked' ? framing.sizes : [];
    let offset = 0;
    for (const size of [...sizes, body.byteLength]) {
      if (offset >= body.byteLength) break;
      const piece = body.subarray(offset, Math.min(body.byteLength, offset + Math.max(1, size)));
      const sizeLine =
        request.violation === 'bad-chunk' && offset === 0
          ? `${piece.byteLength.toString(16)}zz`
          : piece.byteLength.toString(16);
      lines.push(latin1(`${sizeLine}\r\n`), Buffer.from(piece), latin1('\r\n'));
      offset += piece.byteLength;
    }
    lines.push(latin1('0\r\n\r\n'));
  } else if (framing.kind === 'length') {
    lines.push(Buffer.from(body));
  }
  return Buffer.concat(lines);
}

const COMMON_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'] as const;
const UNCOMMON_METHODS = [
  'PROPFIND',
  'QUERY',
  'M-SEARCH',
  'PURGE',
  'MKCOL',
  'LOCK',
  'SUBSCRIBE',
  'REPORT',
  'SEARCH',
  'SOURCE',
] as const;
const BROKEN_METHODS = ['post', 'Get', 'P0ST', 'FOO', 'GETT', 'PO ST', 'G\u00e9T'] as const;

type MethodDraw = { readonly method: string; readonly violation?: Violation; readonly tags: readonly SoftTag[] };

const methodArb: fc.Arbitrary<MethodDraw> = fc.oneof<fc.MaybeWeightedArbitrary<MethodDraw>[]>(
  { weight: 60, arbitrary: fc.constant({ method: 'POST', tags: [] }) },
  { weight: 22, arbitrary: fc.constant({ method: 'GET', tags: [] }) },
  { weight: 8, arbitrary: fc.constantFrom(...COMMON_METHODS).map((method) => ({ method, tags: [] })) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...UNCOMMON_METHODS).map((method) => ({ method, tags: ['uncommon-method' as const] })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...BROKEN_METHODS)
      .map((method) => ({ method, violation: 'method-token' as const, tags: [] })),
  },
  { weight: 1, arbitrary: fc.constant({ method: 'CONNECT', violation: 'connect-method' as const, tags: [] }) },
);

const ODD_HOSTS = [
  'exa mple',
  'a?hub.mode=subscribe',
  'user@host',
  '[::1',
  'a:b:c',
  'h\u00e9',
  'x/y',
  '.',
  'a#b',
  '%41',
] as const;

type HostDraw = {
  readonly host: string | undefined;
  readonly violation?: Violation;
  readonly tags: readonly SoftTag[];
};

const hostArb: fc.Arbitrary<HostDraw> = fc.oneof<fc.MaybeWeightedArbitrary<HostDraw>[]>(
  { weight: 40, arbitrary: fc.constant({ host: AUTHORITY, tags: [] }) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_HOSTS).map((host) => ({ host, tags: ['odd-host' as const] })) },
  { weight: 1, arbitrary: fc.constant({ host: undefined, violation: 'missing-host' as const, tags: [] }) },
);

const violationArb: fc.Arbitrary<Violation | undefined> = fc.oneof(
  { weight: 40, arbitrary: fc.constant(undefined) },
  {
    weight: 4,
    arbitrary: fc.constantFrom<Violation>(
      'header-byte',
      'header-name',
      'target-byte',
      'duplicate-content-length',
      'length-and-chunked',
      'bad-chunk',
      'header-too-large',
      'expect-unsupported',
    ),
  },
);

/** Options of `fuzzRequestArb`. */
export interface FuzzRequestOptions {
  /** Path of the webhook route, e.g. `/webhook`. */
  readonly path: string;
  /** The webhooks' `bodyLimit`, so that sizes around it are generated. */
  readonly bodyLimit: number;
}

/** Everything one request is drawn from. */
function drawArb(options: FuzzRequestOptions) {
  return fc.record({
    method: methodArb,
    host: hostArb,
    violation: violationArb,
    query: fc.oneof(
      { weight: 3, arbitrary: queryArb },
      { weight: 2, arbitrary: goodHandshakeQueryArb },
      { weight: 1, arbitrary: fc.constant('') },
    ),
    absolute: fc.nat(19).map((n) => n === 0),
    contentTypes: contentTypesArb,
    signatureKind: signatureSpecArb,
    signatureName: fc.constantFrom(...SIGNATURE_NAMES),
    seed: fc.nat(),
    extras: fc.array(extraHeaderArb, { maxLength: 5 }),
    duplicateExtra: fc.boolean(),
    expectContinue: fc.nat(29).map((n) => n === 0),
    body: bodyArb(options.bodyLimit),
    bodyForOthers: fc.oneof(
      { weight: 5, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
    ),
    chunkedSizes: fc.option(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 8 }), { freq: 3 }),
  });
}

/** One draw of `drawArb`. */
type Draw = ReturnType<typeof drawArb> extends fc.Arbitrary<infer T> ? T : never;

/** The header lines, rotated by the seed so that the signature is not always first, plus a violation's. */
function headersOf(draw: Draw, body: Uint8Array, violation: Violation | undefined): Array<readonly [string, string]> {
  const headers: Array<readonly [string, string]> = [];
  for (const value of draw.contentTypes) headers.push(['Content-Type', value]);
  for (const header of signatureValues(draw.signatureKind, body, draw.seed)) headers.push([draw.signatureName, header]);
  for (const extra of draw.extras) headers.push(extra);
  if (draw.duplicateExtra && draw.extras[0]) headers.push(draw.extras[0]);
  if (draw.expectContinue && violation !== 'expect-unsupported') headers.push(['Expect', '100-continue']);
  const rotation = headers.length === 0 ? 0 : draw.seed % headers.length;
  const ordered = [...headers.slice(rotation), ...headers.slice(0, rotation)];
  if (violation === 'header-byte')
    ordered.push(['x-f-control', `a${String.fromCharCode([0, 1, 0x7f, 0x1b][draw.seed % 4]!)}b`]);
  if (violation === 'header-name') ordered.push([['x(f)', 'x f', 'x"f"', 'x/f', 'x@f'][draw.seed % 5]!, 'a']);
  if (violation === 'header-too-large') ordered.push(['x-f-large', 'a'.repeat(20_000 + (draw.seed % 4096))]);
  if (violation === 'expect-unsupported') ordered.push(['Expect', ['tea', '200-ok', '100-continu'][draw.seed % 3]!]);
  return ordered;
}

/** The request target: path and query, absolute-form sometimes, or a byte the parser refuses. */
function targetOf(draw: Draw, path: string, violation: Violation | undefined): string {
  if (violation === 'target-byte')
    return `${path}?hub.challenge=${['\u00e9', '\u00ff', '\u0000', '\u007f'][draw.seed % 4]}`;
  const target = `${path}${draw.query === '' ? '' : `?${draw.query}`}`;
  return draw.absolute ? `http://${AUTHORITY}${target}` : target;
}

/** POST bodies by length or chunked, other methods only sometimes with a body; framing violations. */
function framingOf(
  draw: Draw,
  body: Uint8Array,
  drawn: Violation | undefined,
): { framing: Framing; violation: Violation | undefined } {
  const isPost = draw.method.method === 'POST';
  let framing: Framing =
    body.byteLength === 0 && !isPost
      ? { kind: 'none' }
      : draw.chunkedSizes
        ? { kind: 'chunked', sizes: draw.chunkedSizes }
        : { kind: 'length' };
  let violation = drawn;
  if (
    (violation === 'bad-chunk' || violation === 'length-and-chunked') &&
    (body.byteLength === 0 || draw.method.method === 'GET' || draw.method.method === 'HEAD')
  ) {
    violation = undefined;
  }
  if (violation === 'bad-chunk') framing = { kind: 'chunked', sizes: draw.chunkedSizes ?? [] };
  if (violation === 'length-and-chunked') framing = { kind: 'length' };
  if (violation === 'duplicate-content-length' && framing.kind !== 'length') framing = { kind: 'length' };
  return { framing, violation };
}

/** Builds the request of one draw. */
function assemble(draw: Draw, options: FuzzRequestOptions): FuzzRequest {
  const isPost = draw.method.method === 'POST';
  const drawn: Violation | undefined = draw.method.violation ?? draw.host.violation ?? draw.violation;
  const body = isPost ? draw.body.bytes : (draw.bodyForOthers ?? new Uint8Array(0));
  const headers = headersOf(draw, body, drawn);
  const target = targetOf(draw, options.path, drawn);
  const { framing, violation } = framingOf(draw, body, drawn);
  const tags: SoftTag[] = [
    ...draw.method.tags,
    ...draw.host.tags,
    ...(draw.absolute && violation !== 'target-byte' ? ['absolute-target' as const] : []),
  ];
  const label = `${draw.method.method} ${isPost ? draw.body.kind : 'no-body'} sig/${draw.signatureKind}${violation ? ` !${violation}` : ''}`;
  return { method: draw.method.method, target, host: draw.host.host, headers, body, framing, violation, tags, label };
}

/** Arbitrary hostile (and sometimes valid) requests for the webhook route. */
export function fuzzRequestArb(options: FuzzRequestOptions): fc.Arbitrary<FuzzRequest> {
  return drawArb(options).map((draw) => assemble(draw, options));
}

/** A well-formed, correctly signed text notification for the route at `path`. */
export function signedNotification(path: string, text: string, wamid: string): FuzzRequest {
  const body = encoder.encode(
    JSON.stringify(envelope([{ field: 'messages', value: messagesValue({ messages: [textItem(wamid, text)] }) }])),
  );
  return {
    method: 'POST',
    target: path,
    host: AUTHORITY,
    headers: [
      ['Content-Type', 'application/json'],
      [SIGNATURE_HEADER, signBody(body, APP_SECRET)],
    ],
    body,
    framing: { kind: 'length' },
    violation: undefined,
    tags: [],
    label: 'POST signed notification',
  };
}
