/**
 * The headers and query strings of the fuzz suite's requests, as fast-check arbitraries: extra and
 * duplicated headers, Content-Type variants, signature headers of every malformation, and `hub.*` query
 * strings with repeated keys and odd encodings.
 */
import fc from 'fast-check';
import { SIGNATURE_HEADER } from '@wa-webhooks/core';
import { APP_SECRET, ROTATED_APP_SECRET, VERIFY_TOKEN, signBody } from './signer';

const encoder = new TextEncoder();

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
export const extraHeaderArb: fc.Arbitrary<readonly [string, string]> = fc.tuple(
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
export const contentTypesArb: fc.Arbitrary<readonly string[]> = fc.oneof(
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
export type SignatureSpec =
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

export const signatureSpecArb: fc.Arbitrary<SignatureSpec> = fc.oneof(
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
export function signatureValues(spec: SignatureSpec, body: Uint8Array, seed: number): string[] {
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

export const SIGNATURE_NAMES = [SIGNATURE_HEADER, 'X-Hub-Signature-256', 'X-HUB-SIGNATURE-256'] as const;

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
export const queryArb: fc.Arbitrary<string> = fc
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
export const goodHandshakeQueryArb: fc.Arbitrary<string> = fc
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
