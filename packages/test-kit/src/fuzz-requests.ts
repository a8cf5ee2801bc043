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
import { APP_SECRET, ROTATED_APP_SECRET, SIGNATURE_HEADER_NAME, VERIFY_TOKEN, signBody } from './signer';

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

// ---------------------------------------------------------------------------------------------------
// Bodies

/** A body and what it is. `depth` > 0 marks deeply nested JSON. */
interface Body {
  readonly bytes: Uint8Array;
  readonly kind: string;
  readonly depth: number;
}

const wamidArb = fc
  .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=_-'), minLength: 4, maxLength: 40 })
  .map((id) => `wamid.FUZZ${id}`);
const anyTextArb = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

function textItem(id: string, body: string): Record<string, unknown> {
  return { from: '15551234567', id, timestamp: '1749416383', type: 'text', text: { body } };
}

function envelope(changes: unknown[]): Record<string, unknown> {
  return { object: 'whatsapp_business_account', entry: [{ id: '102938475600', time: 1749416384, changes }] };
}

function messagesValue(items: Record<string, unknown>): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550001111', phone_number_id: '106540352242922' },
    contacts: [{ profile: { name: 'Fuzz' }, wa_id: '15551234567' }],
    ...items,
  };
}

/** Notification-shaped JSON values: well-formed, batches, statuses, unknown types and fields, odd shapes. */
const notificationArb: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(wamidArb, anyTextArb)
    .map(([id, text]) => envelope([{ field: 'messages', value: messagesValue({ messages: [textItem(id, text)] }) }])),
  fc
    .array(fc.tuple(wamidArb, anyTextArb), { minLength: 1, maxLength: 8 })
    .map((items) =>
      envelope([
        { field: 'messages', value: messagesValue({ messages: items.map(([id, text]) => textItem(id, text)) }) },
      ]),
    ),
  fc.tuple(wamidArb, fc.constantFrom('sent', 'delivered', 'read', 'failed', 'deleted', '')).map(([id, status]) =>
    envelope([
      {
        field: 'messages',
        value: messagesValue({ statuses: [{ id, status, timestamp: '1749416383', recipient_id: '15551234567' }] }),
      },
    ]),
  ),
  fc.tuple(wamidArb, fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 })).map(([id, type, extra]) =>
    envelope([
      {
        field: 'messages',
        value: messagesValue({ messages: [{ from: '15551234567', id, timestamp: '1', type, [type]: extra }] }),
      },
    ]),
  ),
  fc
    .tuple(fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 3 }))
    .map(([field, value]) => envelope([{ field, value }])),
  fc
    .tuple(
      fc.constantFrom('security', 'account_update', 'message_template_status_update', 'flows'),
      fc.jsonValue({ maxDepth: 3 }),
    )
    .map(([field, value]) => envelope([{ field, value }])),
  fc.record({
    object: fc.oneof(fc.constant('whatsapp_business_account'), fc.string({ maxLength: 20 })),
    entry: fc.jsonValue({ maxDepth: 3 }),
  }),
);

const anyJsonArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: notificationArb },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

/** JSON text of a value, compact or with random (JSON-legal) whitespace. */
const jsonTextArb: fc.Arbitrary<string> = fc
  .tuple(anyJsonArb, fc.constantFrom(undefined, 1, '\t', ' \r\n'))
  .map(([value, space]) => JSON.stringify(value, null, space) ?? 'null');

const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff],
  [0xc3, 0x28],
  [0xed, 0xa0, 0x80], // an encoded UTF-16 surrogate
  [0xc0, 0xaf], // overlong "/"
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82], // truncated sequence
  [0x80],
];

function spliceBytes(text: string, at: number, insert: readonly number[]): Uint8Array {
  const bytes = encoder.encode(text);
  const index = Math.min(bytes.byteLength, Math.floor(at * (bytes.byteLength + 1)));
  return new Uint8Array([...bytes.subarray(0, index), ...insert, ...bytes.subarray(index)]);
}

function nested(depth: number, shape: 'array' | 'object'): string {
  return shape === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** A body of about `size` bytes: a notification padded with a long string. */
function padded(size: number, char: string): string {
  const head = '{"object":"whatsapp_business_account","entry":[],"pad":"';
  const tail = '"}';
  return (
    head + char.repeat(Math.max(0, Math.floor((size - head.length - tail.length) / Buffer.byteLength(char)))) + tail
  );
}

function bodyArb(limit: number): fc.Arbitrary<Body> {
  const of =
    (kind: string) =>
    (text: string): Body => ({ bytes: encoder.encode(text), kind, depth: 0 });
  return fc.oneof(
    { weight: 6, arbitrary: jsonTextArb.map(of('json')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(jsonTextArb, fraction)
        .map(([text, at]) => of('truncated')(text.slice(0, Math.floor(at * text.length)))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(fc.integer({ min: 2, max: 2000 }), fc.integer({ min: 2000, max: 120_000 })),
          fc.constantFrom('array' as const, 'object' as const),
          fc.boolean(),
        )
        .map(([depth, shape, wrapped]) => {
          const inner = nested(depth, shape);
          const text = wrapped
            ? JSON.stringify(envelope([{ field: 'security', value: 0 }])).replace('"value":0', `"value":${inner}`)
            : inner;
          return { bytes: encoder.encode(text), kind: `deep/${shape}`, depth };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.constantFrom(limit - 1, limit, limit + 1),
            fc.integer({ min: 1024, max: limit * 4 }),
            fc.integer({ min: limit * 4, max: 1024 * 1024 }),
          ),
          fc.constantFrom('x', 'é', '\u{1F600}', '\\u0000'),
        )
        .map(([size, char]) => of('huge-string')(padded(size, char))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(jsonTextArb, fraction, fc.constantFrom(...INVALID_UTF8))
        .map(([text, at, bad]) => ({ bytes: spliceBytes(text, at, bad), kind: 'invalid-utf8', depth: 0 })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          jsonTextArb,
          fc.constantFrom([0xef, 0xbb, 0xbf], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
        )
        .map(([text, bom]) => ({
          bytes: new Uint8Array([...bom, ...encoder.encode(text)]),
          kind: 'bom',
          depth: 0,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(jsonTextArb, fraction)
        .map(([text, at]) => ({ bytes: spliceBytes(text, at, [0]), kind: 'nul', depth: 0 })),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes, kind: 'random-bytes', depth: 0 })),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ bytes: new Uint8Array(0), kind: 'empty', depth: 0 }) },
  );
}

// ---------------------------------------------------------------------------------------------------
// Headers

/** Printable latin1 without control characters: what a header value may hold. */
const valueChar = fc
  .oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
    { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
    { weight: 1, arbitrary: fc.constant(0x09) },
  )
  .map((code) => String.fromCharCode(code));

/** Values do not start or end with whitespace here (parsers trim it, which the signature cases test on purpose). */
const headerValueArb = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: valueChar, maxLength }).map((value) => value.replace(/^[\t ]+|[\t ]+$/g, ''));

const tokenChar = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~");

/** Extra headers nobody reads; none of them collides with a header that changes HTTP semantics. */
const extraHeaderArb: fc.Arbitrary<readonly [string, string]> = fc.tuple(
  fc.oneof(
    fc.constantFrom(
      'accept',
      'user-agent',
      'accept-encoding',
      'cookie',
      'authorization',
      'x-forwarded-for',
      'referer',
      'origin',
      'x-hub-signature',
      'content-language',
      'X-Request-Id',
    ),
    fc.string({ unit: tokenChar, minLength: 1, maxLength: 20 }).map((name) => `x-f-${name}`),
  ),
  fc.oneof({ weight: 9, arbitrary: headerValueArb(80) }, { weight: 1, arbitrary: headerValueArb(4000) }),
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'Application/Json;charset=latin1',
  'application/json ; x=y',
  'application/json; charset=utf-16; ;;==',
  'application/jsonp',
  'application/json, text/plain',
  'application/x-www-form-urlencoded',
  'text/plain',
  'text/json',
  'multipart/form-data; boundary=x',
  'json please',
  '*/*',
  '',
] as const;

/** Zero, one or two Content-Type headers. */
const contentTypesArb: fc.Arbitrary<readonly string[]> = fc.oneof(
  { weight: 12, arbitrary: fc.constant(['application/json']) },
  { weight: 6, arbitrary: fc.constantFrom(...CONTENT_TYPES).map((value) => [value]) },
  { weight: 1, arbitrary: headerValueArb(60).map((value) => [value]) },
  { weight: 2, arbitrary: fc.constant([]) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...CONTENT_TYPES), fc.constantFrom(...CONTENT_TYPES)).map(([a, b]) => [a, b]),
  },
);

/** Which signature to send, decided before the body is known. */
type SignatureSpec =
  | 'none'
  | 'correct'
  | 'rotated-secret'
  | 'wrong-secret'
  | 'other-bytes'
  | 'upper-hex'
  | 'upper-prefix'
  | 'padded'
  | 'wrong-length'
  | 'non-hex'
  | 'sha1'
  | 'no-prefix'
  | 'empty'
  | 'prefix-only'
  | 'random'
  | 'two-correct'
  | 'correct-and-wrong'
  | 'wrong-and-correct'
  | 'correct-and-empty';

const signatureSpecArb: fc.Arbitrary<SignatureSpec> = fc.oneof(
  { weight: 14, arbitrary: fc.constant<SignatureSpec>('correct') },
  { weight: 2, arbitrary: fc.constant<SignatureSpec>('rotated-secret') },
  { weight: 4, arbitrary: fc.constant<SignatureSpec>('none') },
  {
    weight: 12,
    arbitrary: fc.constantFrom<SignatureSpec>(
      'wrong-secret',
      'other-bytes',
      'upper-hex',
      'upper-prefix',
      'padded',
      'wrong-length',
      'non-hex',
      'sha1',
      'no-prefix',
      'empty',
      'prefix-only',
      'random',
      'two-correct',
      'correct-and-wrong',
      'wrong-and-correct',
      'correct-and-empty',
    ),
  },
);

const NON_HEX = ['g', 'z', 'G', 'x', ' ', '-', '+', '=', '\u00e9', '\u00ff', '\u00a0'];

/** The header values for `spec` over `body`; `seed` picks lengths and positions. */
function signatureValues(spec: SignatureSpec, body: Uint8Array, seed: number): string[] {
  const correct = signBody(body);
  const hex = correct.slice('sha256='.length);
  const wrong = signBody(body, 'not-the-app-secret');
  switch (spec) {
    case 'none':
      return [];
    case 'correct':
      return [correct];
    case 'rotated-secret':
      return [signBody(body, ROTATED_APP_SECRET)];
    case 'wrong-secret':
      return [wrong];
    case 'other-bytes':
      return [signBody(new Uint8Array([...body, 0x20]))];
    case 'upper-hex':
      return [`sha256=${hex.toUpperCase()}`];
    case 'upper-prefix':
      return [`SHA256=${hex}`];
    case 'padded':
      return [[' ', '\t', '  '][seed % 3] + correct + [' ', '\t', ''][(seed >> 2) % 3]];
    case 'wrong-length': {
      const length = [0, 1, 62, 63, 65, 66, 128][seed % 7]!;
      return [`sha256=${(hex + hex).slice(0, length)}`];
    }
    case 'non-hex': {
      const at = seed % 64;
      return [`sha256=${hex.slice(0, at)}${NON_HEX[seed % NON_HEX.length]}${hex.slice(at + 1)}`];
    }
    case 'sha1':
      return [`sha1=${hex.slice(0, 40)}`];
    case 'no-prefix':
      return [hex];
    case 'empty':
      return [''];
    case 'prefix-only':
      return ['sha256='];
    case 'random':
      return [`sha256=${Buffer.from(String(seed)).toString('hex').padEnd(64, 'q').slice(0, 64)}`];
    case 'two-correct':
      return [correct, correct];
    case 'correct-and-wrong':
      return [correct, wrong];
    case 'wrong-and-correct':
      return [wrong, correct];
    case 'correct-and-empty':
      return [correct, ''];
  }
}

const SIGNATURE_NAMES = [SIGNATURE_HEADER_NAME, 'X-Hub-Signature-256', 'X-HUB-SIGNATURE-256'] as const;

// ---------------------------------------------------------------------------------------------------
// Query strings

/** A piece of query text: raw where the character is safe, percent-encoded (UTF-8) otherwise or by choice. */
function encodeQueryPart(text: string, style: number): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const safe = code > 0x20 && code < 0x7f && !'&=#+%'.includes(char);
    if (safe && style % 3 !== 0) out += char;
    else if (char === ' ' && style % 2 === 0) out += '+';
    else
      out += [...encoder.encode(char)]
        .map(
          (byte) =>
            `%${byte
              .toString(16)
              .padStart(2, style % 5 === 0 ? '0' : '0')
              .toUpperCase()}`,
        )
        .join('');
  }
  return out;
}

const challengeArb = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 31 }).map(String),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constant(''),
  fc.string({ unit: fc.constantFrom(...'{}|^`"<>\\\'[]!$()*,;:@/?'), maxLength: 12 }),
);

const queryParamArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .oneof(
        fc.constant('subscribe'),
        fc.constantFrom('unsubscribe', 'Subscribe', 'subscribe ', ''),
        fc.string({ maxLength: 10 }),
      )
      .map((value) => `hub.mode=${value}`),
  },
  {
    weight: 6,
    arbitrary: fc
      .oneof(
        { weight: 4, arbitrary: fc.constant(VERIFY_TOKEN) },
        fc.constantFrom(
          VERIFY_TOKEN.toUpperCase(),
          `${VERIFY_TOKEN} `,
          VERIFY_TOKEN.slice(1),
          `${VERIFY_TOKEN}x`,
          APP_SECRET,
          '',
        ),
        fc.string({ maxLength: 30 }),
      )
      .map((value) => `hub.verify_token=${value}`),
  },
  { weight: 6, arbitrary: challengeArb.map((value) => `hub.challenge=${value}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'hub.mode',
      'hub.challenge',
      'hub.verify_token',
      'hub.',
      'hub.challenge=',
      'hub.mode=subscribe=again',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }))
      .map(([key, value]) => `${key}=${value}`),
  },
);

/** A query string (without `?`), each parameter encoded its own way; sometimes keys encoded too. */
const queryArb: fc.Arbitrary<string> = fc
  .array(fc.tuple(queryParamArb, fc.nat(30)), { maxLength: 6 })
  .chain((params) =>
    fc.tuple(fc.constant(params), fc.constantFrom('&', '&&', '&amp;', ';'), fc.constantFrom('', '#frag', '#', '&')),
  )
  .map(
    ([params, separator, suffix]) =>
      params
        .map(([param, style]) => {
          const equals = param.indexOf('=');
          if (equals === -1) return encodeQueryPart(param, style);
          const key = param.slice(0, equals);
          const value = param.slice(equals + 1);
          // `hub%2Emode` decodes to `hub.mode`: keys are encoded sometimes too.
          const safeKey = encodeQueryPart(key, 1);
          const encodedKey =
            style % 7 === 0 ? safeKey.replace('.', '%2E') : style % 11 === 0 ? safeKey.replace('.', '%2e') : safeKey;
          return `${encodedKey}=${encodeQueryPart(value, style)}`;
        })
        .join(separator === ';' ? '&' : separator) + suffix,
  );

/** The three parameters once each, in some order and encoding, mostly with the right token. */
const goodHandshakeQueryArb: fc.Arbitrary<string> = fc
  .tuple(
    challengeArb.filter((challenge) => challenge !== ''),
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(VERIFY_TOKEN) },
      fc.constantFrom(VERIFY_TOKEN.toUpperCase(), VERIFY_TOKEN.slice(0, -1), `${VERIFY_TOKEN}\u0000`, APP_SECRET),
      fc.string({ maxLength: 30 }),
    ),
    fc.nat(30),
    fc.nat(5),
  )
  .map(([challenge, presented, style, order]) => {
    const params = [
      `hub.mode=subscribe`,
      `hub.verify_token=${encodeQueryPart(presented, style)}`,
      `hub.challenge=${encodeQueryPart(challenge, style)}`,
    ];
    const rotated = [...params.slice(order % 3), ...params.slice(0, order % 3)];
    return rotated.join('&');
  });

// ---------------------------------------------------------------------------------------------------
// Requests

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

/** Arbitrary hostile (and sometimes valid) requests for the webhook route. */
export function fuzzRequestArb(options: FuzzRequestOptions): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
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
    })
    .map((draw): FuzzRequest => {
      const isPost = draw.method.method === 'POST';
      let violation: Violation | undefined = draw.method.violation ?? draw.host.violation ?? draw.violation;
      const { signatureKind } = draw;
      const body = isPost ? draw.body.bytes : (draw.bodyForOthers ?? new Uint8Array(0));
      const headers: Array<readonly [string, string]> = [];
      for (const value of draw.contentTypes) headers.push(['Content-Type', value]);
      for (const header of signatureValues(signatureKind, body, draw.seed)) headers.push([draw.signatureName, header]);
      for (const extra of draw.extras) headers.push(extra);
      if (draw.duplicateExtra && draw.extras[0]) headers.push(draw.extras[0]);
      if (draw.expectContinue && violation !== 'expect-unsupported') headers.push(['Expect', '100-continue']);
      // Headers are shuffled by the seed so that the signature is not always first.
      const rotation = headers.length === 0 ? 0 : draw.seed % headers.length;
      const ordered = [...headers.slice(rotation), ...headers.slice(0, rotation)];
      let target = `${options.path}${draw.query === '' ? '' : `?${draw.query}`}`;
      if (draw.absolute) target = `http://${AUTHORITY}${target}`;
      switch (violation) {
        case 'header-byte':
          ordered.push(['x-f-control', `a${String.fromCharCode([0, 1, 0x7f, 0x1b][draw.seed % 4]!)}b`]);
          break;
        case 'header-name':
          ordered.push([['x(f)', 'x f', 'x"f"', 'x/f', 'x@f'][draw.seed % 5]!, 'a']);
          break;
        case 'target-byte':
          target = `${options.path}?hub.challenge=${['\u00e9', '\u00ff', '\u0000', '\u007f'][draw.seed % 4]}`;
          break;
        case 'header-too-large':
          ordered.push(['x-f-large', 'a'.repeat(20_000 + (draw.seed % 4096))]);
          break;
        case 'expect-unsupported':
          ordered.push(['Expect', ['tea', '200-ok', '100-continu'][draw.seed % 3]!]);
          break;
        default:
          break;
      }
      // Framing: POST bodies by length or chunked; other methods only carry a body sometimes.
      let framing: Framing =
        body.byteLength === 0 && !isPost
          ? { kind: 'none' }
          : draw.chunkedSizes
            ? { kind: 'chunked', sizes: draw.chunkedSizes }
            : { kind: 'length' };
      if (
        (violation === 'bad-chunk' || violation === 'length-and-chunked') &&
        (body.byteLength === 0 || draw.method.method === 'GET' || draw.method.method === 'HEAD')
      ) {
        violation = undefined;
      }
      if (violation === 'bad-chunk') framing = { kind: 'chunked', sizes: draw.chunkedSizes ?? [] };
      if (violation === 'length-and-chunked') framing = { kind: 'length' };
      if (violation === 'duplicate-content-length' && framing.kind !== 'length') framing = { kind: 'length' };
      const tags: SoftTag[] = [
        ...draw.method.tags,
        ...draw.host.tags,
        ...(draw.absolute && violation !== 'target-byte' ? ['absolute-target' as const] : []),
      ];
      return {
        method: draw.method.method,
        target,
        host: draw.host.host,
        headers: ordered,
        body,
        framing,
        violation,
        tags,
        label: `${draw.method.method} ${isPost ? draw.body.kind : 'no-body'} sig/${signatureKind}${violation ? ` !${violation}` : ''}`,
      };
    });
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
      [SIGNATURE_HEADER_NAME, signBody(body, APP_SECRET)],
    ],
    body,
    framing: { kind: 'length' },
    violation: undefined,
    tags: [],
    label: 'POST signed notification',
  };
}
