/**
 * The fuzz suite's own parts: the generator really produces every kind of hostile input it claims to,
 * the model predicts the documented answers for hand-written requests, and the wire client frames
 * requests and responses correctly.
 */
import { createServer } from 'node:http';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APP_SECRET,
  FUZZ_BODY_LIMIT,
  ROTATED_APP_SECRET,
  VERIFY_TOKEN,
  WirePool,
  fuzzRequestArb,
  listen,
  predict,
  signBody,
  signedNotification,
  toWire,
  type FuzzRequest,
  type HeaderSemantics,
} from '../src/index';

const settings = (semantics: HeaderSemantics = 'node') => ({
  semantics,
  bodyLimit: FUZZ_BODY_LIMIT,
  secrets: [APP_SECRET, ROTATED_APP_SECRET],
  verifyToken: VERIFY_TOKEN,
});
const encoder = new TextEncoder();

function post(
  body: string | Uint8Array,
  headers: Array<[string, string]>,
  extra: Partial<FuzzRequest> = {},
): FuzzRequest {
  return {
    method: 'POST',
    target: '/webhook',
    host: 'h',
    headers,
    body: typeof body === 'string' ? encoder.encode(body) : body,
    framing: { kind: 'length' },
    violation: undefined,
    tags: [],
    label: 'hand-written',
    ...extra,
  };
}

describe('fuzzRequestArb', () => {
  const sample = fc.sample(fuzzRequestArb({ path: '/webhook', bodyLimit: FUZZ_BODY_LIMIT }), {
    numRuns: 3000,
    seed: 42,
  });
  const labels = sample.map((request) => request.label).join('\n');

  it.each([
    'json',
    'truncated',
    'deep/array',
    'deep/object',
    'huge-string',
    'invalid-utf8',
    'bom',
    'nul',
    'random-bytes',
    'empty',
  ])('generates %s bodies', (kind) => {
    expect(labels).toContain(`POST ${kind} `);
  });

  it.each([
    'correct',
    'rotated-secret',
    'none',
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
    'two-correct',
    'correct-and-wrong',
  ])('generates the signature kind %s', (kind) => {
    expect(labels).toContain(`sig/${kind}`);
  });

  it.each([
    'method-token',
    'connect-method',
    'header-byte',
    'header-name',
    'target-byte',
    'missing-host',
    'duplicate-content-length',
    'length-and-chunked',
    'bad-chunk',
    'header-too-large',
    'expect-unsupported',
  ])('generates the violation %s', (violation) => {
    expect(sample.some((request) => request.violation === violation)).toBe(true);
  });

  it('generates duplicated headers, latin1 bytes, chunked bodies, repeated hub.* keys, encoded keys and absolute targets', () => {
    expect(
      sample.some((request) => request.headers.filter(([name]) => name.toLowerCase() === 'content-type').length > 1),
    ).toBe(true);
    expect(
      sample.some(
        (request) => request.headers.filter(([name]) => name.toLowerCase() === 'x-hub-signature-256').length > 1,
      ),
    ).toBe(true);
    expect(sample.some((request) => request.headers.some(([, value]) => /[\u0080-\u00ff]/.test(value)))).toBe(true);
    expect(sample.some((request) => request.framing.kind === 'chunked')).toBe(true);
    expect(sample.some((request) => (request.target.match(/hub\.challenge=/g) ?? []).length > 1)).toBe(true);
    expect(sample.some((request) => /hub%2[Ee]/.test(request.target))).toBe(true);
    expect(sample.some((request) => request.tags.includes('absolute-target'))).toBe(true);
    expect(sample.some((request) => request.body.byteLength > FUZZ_BODY_LIMIT)).toBe(true);
  });

  it('signs deeply nested bodies too (core hashes their ids without recursion since the fuzz suite found the overflow)', () => {
    const depth = (request: FuzzRequest): number => {
      const text = Buffer.from(request.body).toString('latin1');
      return (text.match(/\[/g)?.length ?? 0) + (text.match(/\{"a":/g)?.length ?? 0);
    };
    const deepAccepted = sample.filter(
      (request) =>
        request.label.includes(' deep/') && depth(request) > 3000 && predict(request, settings())?.status === 200,
    );
    expect(deepAccepted.length).toBeGreaterThan(0);
  });
});

describe('predict (the documented table)', () => {
  const body = '{"object":"whatsapp_business_account","entry":[]}';

  it.each<[string, FuzzRequest, number, string | undefined]>([
    [
      'signed JSON',
      post(body, [
        ['Content-Type', 'application/json'],
        ['X-Hub-Signature-256', signBody(body)],
      ]),
      200,
      undefined,
    ],
    [
      'the rotated secret, upper-case hex and prefix',
      post(body, [
        ['content-type', 'application/json'],
        ['x-hub-signature-256', `SHA256=${signBody(body, ROTATED_APP_SECRET).slice(7).toUpperCase()}`],
      ]),
      200,
      undefined,
    ],
    [
      'a BOM before signed JSON (the decoder drops it)',
      post(new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(body)]), [
        ['content-type', 'application/json'],
        ['x-hub-signature-256', signBody(new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(body)]))],
      ]),
      200,
      undefined,
    ],
    [
      'two signature headers',
      post(body, [
        ['content-type', 'application/json'],
        ['x-hub-signature-256', signBody(body)],
        ['x-hub-signature-256', signBody(body)],
      ]),
      401,
      'SIGNATURE_MALFORMED',
    ],
    [
      'an empty signature',
      post(body, [
        ['content-type', 'application/json'],
        ['x-hub-signature-256', ''],
      ]),
      401,
      'SIGNATURE_MISSING',
    ],
    [
      'a signature over other bytes',
      post(body, [
        ['content-type', 'application/json'],
        ['x-hub-signature-256', signBody(`${body} `)],
      ]),
      401,
      'SIGNATURE_MISMATCH',
    ],
    [
      'signed invalid UTF-8',
      post(new Uint8Array([0xff]), [
        ['content-type', 'application/json'],
        ['x-hub-signature-256', signBody(new Uint8Array([0xff]))],
      ]),
      400,
      'INVALID_JSON',
    ],
    ['text/plain', post(body, [['content-type', 'text/plain']]), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'too large, unsigned (size is checked first)',
      post('x'.repeat(FUZZ_BODY_LIMIT + 1), [['content-type', 'application/json']]),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['PUT', post(body, [], { method: 'PUT' }), 405, 'METHOD_NOT_ALLOWED'],
    [
      'a valid handshake',
      post('', [], {
        method: 'GET',
        target: `/webhook?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=a%20b`,
      }),
      200,
      undefined,
    ],
    [
      'a handshake with the key encoded',
      post('', [], {
        method: 'GET',
        target: `/webhook?hub%2Emode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`,
      }),
      200,
      undefined,
    ],
    [
      'a repeated hub.mode',
      post('', [], {
        method: 'GET',
        target: `/webhook?hub.mode=subscribe&hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`,
      }),
      400,
      'HANDSHAKE_INVALID',
    ],
    [
      'a wrong verify token',
      post('', [], { method: 'GET', target: '/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1' }),
      403,
      'VERIFY_TOKEN_MISMATCH',
    ],
  ])('%s', (_label, request, status, code) => {
    expect(predict(request, settings())).toMatchObject({ status, ...(code ? { code } : {}) });
  });

  it('reads a repeated Content-Type as Node does (first wins) or as Fetch Headers do (joined)', () => {
    const request = post(body, [
      ['content-type', 'application/json'],
      ['content-type', 'text/plain'],
      ['x-hub-signature-256', signBody(body)],
    ]);
    expect([predict(request, settings('node'))?.status, predict(request, settings('fetch'))?.status]).toEqual([
      200, 415,
    ]);
  });

  it('leaves requests that break HTTP to the framework', () => {
    expect(predict(post(body, [], { violation: 'header-byte' }), settings())).toBeUndefined();
  });
});

describe('the wire client', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  it('sends chunked and Content-Length bodies byte for byte and reuses keep-alive connections', async () => {
    const seen: Array<{ body: string; socket: unknown }> = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ body: Buffer.concat(chunks).toString('latin1'), socket: req.socket });
        res.setHeader('transfer-encoding', 'chunked');
        res.write('ok ');
        res.end(String(seen.length));
      });
    });
    const { origin, close } = await listen(server);
    closers.push(close);
    const port = Number(new URL(origin).port);
    const pool = new WirePool(port);
    const base = signedNotification('/webhook', 'wire', 'wamid.WIRE');
    const first = await pool.send(toWire({ ...base, framing: { kind: 'chunked', sizes: [1, 2, 3] } }, port));
    const second = await pool.send(toWire(base, port));
    pool.close();
    expect([
      first.outcome.kind === 'response' && first.outcome.response.body.toString(),
      second.outcome.kind === 'response' && second.outcome.response.body.toString(),
    ]).toEqual(['ok 1', 'ok 2']);
    expect(seen.map((one) => one.body)).toEqual([
      Buffer.from(base.body).toString('latin1'),
      Buffer.from(base.body).toString('latin1'),
    ]);
    expect(seen[0]!.socket).toBe(seen[1]!.socket);
  });
});
