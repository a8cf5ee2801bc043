import { describe, expect, it, vi } from 'vitest';
import { createWebhooks, DEFAULT_BODY_LIMIT, RawBodyUnavailableError, type WebhookResponse } from '../src/index';
import { envelope, fakeRequest, messagesValue, readRaw, sign, signedPost, SECRET, textItem, TOKEN } from './helpers';

const webhooks = (options: Partial<Parameters<typeof createWebhooks>[0]> = {}) =>
  createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, ...options });

function errorOf(response: WebhookResponse): { code: string; message: string } {
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  return (JSON.parse(response.body) as { error: { code: string; message: string } }).error;
}

const oneText = () => envelope([[{ field: 'messages', value: messagesValue({ messages: [textItem()] }) }]]);

describe('createWebhooks configuration', () => {
  it.each([
    [{ appSecret: '', verifyToken: TOKEN }, /appSecret/],
    [{ appSecret: '  ', verifyToken: TOKEN }, /appSecret/],
    [{ verifyToken: TOKEN }, /appSecret/],
    [{ appSecret: SECRET, verifyToken: '' }, /verifyToken/],
    [{ appSecret: SECRET }, /verifyToken/],
    [{ appSecret: SECRET, verifyToken: TOKEN, additionalAppSecrets: [''] }, /additionalAppSecrets\[0\]/],
    [{ appSecret: SECRET, verifyToken: TOKEN, bodyLimit: 0 }, /bodyLimit/],
    [{ appSecret: SECRET, verifyToken: TOKEN, ack: 'later' }, /ack/],
    [{ appSecret: SECRET, verifyToken: TOKEN, handlerTimeout: -1 }, /handlerTimeout/],
    [{ appSecret: SECRET, verifyToken: TOKEN, dedupe: {} }, /dedupe/],
  ])('throws ConfigurationError synchronously for %j', (options, message) => {
    expect(() => createWebhooks(options as never)).toThrowError(message);
    try {
      createWebhooks(options as never);
    } catch (error) {
      expect(error).toMatchObject({ name: 'ConfigurationError', code: 'CONFIGURATION_INVALID' });
    }
  });

  it('rejects unknown event names and non-function handlers at registration', () => {
    const hooks = webhooks();
    expect(() => hooks.on('messages.poll' as never, () => undefined)).toThrowError(
      /unknown event name "messages.poll"/,
    );
    expect(() => hooks.on('messages.text', 'nope' as never)).toThrowError(/function/);
  });
});

describe('GET handshake', () => {
  const get = (query: string) => webhooks().handle(fakeRequest({ method: 'GET', url: `/webhook${query}` }));

  it('echoes the challenge as text/plain', async () => {
    const response = await get(`?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=1158201444`);
    expect(response).toMatchObject({ status: 200, body: '1158201444' });
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('echoes non-numeric and URL-encoded challenges exactly as decoded', async () => {
    const challenge = 'abc DEF/+=?&é✓';
    const response = await get(
      `?hub.challenge=${encodeURIComponent(challenge)}&hub.mode=subscribe&hub.verify_token=${TOKEN}`,
    );
    expect(response).toMatchObject({ status: 200, body: challenge });
  });

  it('parses the query from an absolute URL too', async () => {
    const response = await webhooks().handle(
      fakeRequest({
        method: 'get',
        url: `https://example.com/webhook?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=x`,
      }),
    );
    expect(response).toMatchObject({ status: 200, body: 'x' });
  });

  it('never reads a body and needs no signature', async () => {
    const request = fakeRequest({
      method: 'GET',
      url: `/?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=1`,
    });
    await webhooks().handle(request);
    expect(request.reads).toBe(0);
  });

  it.each([
    ['', /hub.mode, hub.verify_token, hub.challenge/],
    [`?hub.mode=subscribe&hub.verify_token=${TOKEN}`, /missing hub.challenge/],
    [`?hub.mode=subscribe&hub.challenge=1`, /missing hub.verify_token/],
    [`?hub.verify_token=${TOKEN}&hub.challenge=1`, /missing hub.mode/],
    [`?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=`, /missing hub.challenge/],
    [`?hub.mode=unsubscribe&hub.verify_token=${TOKEN}&hub.challenge=1`, /subscribe/],
    [`?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=1&hub.challenge=2`, /2 times/],
  ])('answers 400 HANDSHAKE_INVALID for %s', async (query, message) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('HANDSHAKE_INVALID');
    expect(error.message).toMatch(message);
  });

  it('answers 403 VERIFY_TOKEN_MISMATCH for a wrong token, without echoing either token', async () => {
    const response = await get('?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1');
    expect(response.status).toBe(403);
    expect(errorOf(response).code).toBe('VERIFY_TOKEN_MISMATCH');
    expect(response.body).not.toContain(TOKEN);
    expect(response.body).not.toContain('guess');
  });
});

describe('POST notification', () => {
  it('answers 200 with an empty body and runs the handler', async () => {
    const hooks = webhooks();
    const handler = vi.fn();
    hooks.on('messages.text', handler);
    const response = await hooks.handle(signedPost(oneText()));
    expect(response).toEqual({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'])('answers %s with 405 and Allow', async (method) => {
    const response = await webhooks().handle(fakeRequest({ method }));
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, POST');
    expect(errorOf(response).code).toBe('METHOD_NOT_ALLOWED');
  });

  it.each([undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', 'multipart/form-data'])(
    'answers 415 for content-type %s without reading the body',
    async (contentType) => {
      const text = JSON.stringify(oneText());
      const request = fakeRequest({
        body: text,
        headers: { 'content-type': contentType, 'x-hub-signature-256': sign(text) },
      });
      const response = await webhooks().handle(request);
      expect(response.status).toBe(415);
      expect(errorOf(response).code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(request.reads).toBe(0);
    },
  );

  it.each(['application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8'])(
    'accepts %s',
    async (contentType) => {
      const response = await webhooks().handle(signedPost(oneText(), { headers: { 'content-type': contentType } }));
      expect(response.status).toBe(200);
    },
  );

  it('looks headers up case-insensitively in plain records', async () => {
    const text = JSON.stringify(oneText());
    const response = await webhooks().handle(
      fakeRequest({ body: text, headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': sign(text) } }),
    );
    expect(response.status).toBe(200);
  });

  it('answers 401 SIGNATURE_MISSING without reading the body', async () => {
    const request = fakeRequest({ body: '{}', headers: { 'content-type': 'application/json' } });
    const response = await webhooks().handle(request);
    expect(response.status).toBe(401);
    expect(errorOf(response).code).toBe('SIGNATURE_MISSING');
    expect(request.reads).toBe(0);
  });

  it.each([
    'sha256=abc',
    `sha1=${'0'.repeat(64)}`,
    `sha256=${'z'.repeat(64)}`,
    ['sha256=' + '0'.repeat(64), 'sha256=' + '1'.repeat(64)],
  ])('answers 401 SIGNATURE_MALFORMED for %j', async (header) => {
    const response = await webhooks().handle(
      fakeRequest({ body: '{}', headers: { 'content-type': 'application/json', 'x-hub-signature-256': header } }),
    );
    expect(response.status).toBe(401);
    expect(errorOf(response).code).toBe('SIGNATURE_MALFORMED');
  });

  it('answers 401 SIGNATURE_MISMATCH for a wrong secret and never runs handlers', async () => {
    const hooks = webhooks();
    const handler = vi.fn();
    hooks.onAny(handler);
    const response = await hooks.handle(signedPost(oneText(), { secret: 'wrong' }));
    expect(response.status).toBe(401);
    expect(errorOf(response).code).toBe('SIGNATURE_MISMATCH');
    expect(handler).not.toHaveBeenCalled();
  });

  it('accepts a signature by an additional (rotated) secret and upper-case hex', async () => {
    const hooks = webhooks({ appSecret: 'new', additionalAppSecrets: ['old'] });
    const text = JSON.stringify(oneText());
    const header = `sha256=${sign(text, 'old').slice(7).toUpperCase()}`;
    const response = await hooks.handle(
      fakeRequest({ body: text, headers: { 'content-type': 'application/json', 'x-hub-signature-256': header } }),
    );
    expect(response.status).toBe(200);
  });

  it('answers 400 INVALID_JSON for a signed body that is not JSON', async () => {
    const response = await webhooks().handle(signedPost('{"object":'));
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('INVALID_JSON');
  });

  it('answers 400 INVALID_JSON for a signed body that is not UTF-8', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]);
    const response = await webhooks().handle(
      fakeRequest({ body: bytes, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(bytes) } }),
    );
    expect(response.status).toBe(400);
    expect(errorOf(response).message).toMatch(/UTF-8/);
  });

  it('accepts a body of exactly the limit and answers 413 for limit + 1 byte', async () => {
    const limit = 1000;
    const build = (size: number) => {
      const base = JSON.stringify(oneText());
      return base.slice(0, -1) + ',"pad":"' + 'x'.repeat(size - base.length - 9) + '"}';
    };
    const exact = build(limit);
    expect(exact.length).toBe(limit);
    const hooks = webhooks({ bodyLimit: limit });
    expect((await hooks.handle(signedPost(exact))).status).toBe(200);
    const over = build(limit + 1);
    // Without Content-Length (chunked), the bytes handed over are counted.
    const response = await hooks.handle(signedPost(over));
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
    expect(errorOf(response).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 413 from Content-Length alone without reading the body', async () => {
    const request = fakeRequest({
      body: '{}',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': sign('{}'),
        'content-length': String(DEFAULT_BODY_LIMIT + 1),
      },
    });
    const response = await webhooks().handle(request);
    expect(response.status).toBe(413);
    expect(request.reads).toBe(0);
  });

  it('answers 500 RAW_BODY_UNAVAILABLE with the fix in the message when the body was consumed', async () => {
    const hooks = webhooks();
    const onError = vi.fn();
    hooks.onError(onError);
    const request = fakeRequest({
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign('{}') },
      readBody: () => Promise.reject(new RawBodyUnavailableError('Mount the webhook route before express.json().')),
    });
    const response = await hooks.handle(request);
    expect(response.status).toBe(500);
    expect(errorOf(response)).toEqual({
      code: 'RAW_BODY_UNAVAILABLE',
      message: 'Mount the webhook route before express.json().',
    });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'RAW_BODY_UNAVAILABLE' }));
  });

  it('answers 400 BODY_READ_FAILED when reading fails for another reason', async () => {
    const request = fakeRequest({
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign('{}') },
      readBody: () => Promise.reject(new Error('ECONNRESET')),
    });
    const response = await webhooks().handle(request);
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('BODY_READ_FAILED');
  });

  it('verifies a real unicode-escaped body on its exact bytes', async () => {
    const raw = readRaw('_raw-bodies/messages-image-caption-unicode-escaped.raw.json');
    const hooks = webhooks();
    const handler = vi.fn();
    hooks.on('messages.image', handler);
    const response = await hooks.handle(
      fakeRequest({ body: raw, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) } }),
    );
    expect(response.status).toBe(200);
    expect(handler.mock.calls[0]![0].message.image.caption).toBe('Hola quiero un café');
  });

  it('handleFetch answers a Fetch Request', async () => {
    const hooks = webhooks();
    const handler = vi.fn();
    hooks.on('messages', handler);
    const text = JSON.stringify(oneText());
    const response = await hooks.handleFetch(
      new Request('http://localhost/webhook', {
        method: 'POST',
        body: text,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(text) },
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(handler).toHaveBeenCalledTimes(1);
    const handshake = await hooks.handleFetch(
      new Request(`http://localhost/webhook?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=42`),
    );
    expect(await handshake.text()).toBe('42');
  });

  it('handleFetch answers 500 RAW_BODY_UNAVAILABLE when the Request body was already read', async () => {
    const hooks = webhooks();
    hooks.onError(() => undefined);
    const request = new Request('http://localhost/webhook', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign('{}') },
    });
    await request.text();
    const response = await hooks.handleFetch(request);
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('RAW_BODY_UNAVAILABLE');
  });

  it('never rejects, even when an adapter passes garbage', async () => {
    const hooks = webhooks();
    hooks.onError(() => undefined);
    const response = await hooks.handle({ method: 'POST', url: '/', headers: null, readBody: null } as never);
    expect(response.status).toBe(500);
    expect(errorOf(response).code).toBe('INTERNAL_ERROR');
  });
});

describe('UTF-8 decoding', () => {
  it('decodes ASCII (Meta-escaped) and raw UTF-8 bodies alike, on both implementations', async () => {
    const node = await import('../src/text/node');
    const web = await import('../src/text/web');
    for (const impl of [node, web]) {
      expect(impl.decodeUtf8(new TextEncoder().encode('{"a":"caf\\u00e9"}'))).toBe('{"a":"caf\\u00e9"}');
      expect(impl.decodeUtf8(new TextEncoder().encode('{"a":"café ✓ 🙏"}'))).toBe('{"a":"café ✓ 🙏"}');
      expect(() => impl.decodeUtf8(new Uint8Array([0x22, 0xc3, 0x28, 0x22]))).toThrow(TypeError);
      const sliced = new TextEncoder().encode('xx{"b":1}xx').subarray(2, 9);
      expect(impl.decodeUtf8(sliced)).toBe('{"b":1}');
    }
  });
});
