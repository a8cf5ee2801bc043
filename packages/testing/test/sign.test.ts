import { readFileSync } from 'node:fs';
import { createWebhooks, signPayload as coreSignPayload, verifySignature } from '@wa-webhooks/core';
import { describe, expect, it } from 'vitest';
import {
  buildFixture,
  buildTextMessage,
  createSignedRequest,
  serializePayload,
  signBody,
  signPayload,
  SIGNATURE_HEADER,
} from '../src/index';
// The independent signer (node:crypto, no code shared with core), by path: test-kit depends on this package.
import { signBody as independentSignature } from '../../test-kit/src/signer';

const RAW_BODIES = new URL('../../core/test/fixtures/payloads/_raw-bodies/', import.meta.url);
const encoder = new TextEncoder();

describe('serializePayload', () => {
  it('is plain compact JSON by default', () => {
    const payload = { caption: 'café ☕', url: 'https://example.com/a' };
    expect(serializePayload(payload)).toBe(JSON.stringify(payload));
  });

  it('escapes "/" and non-ASCII as lower-case \\uXXXX with metaEscaping, emoji as surrogate pairs', () => {
    expect(
      serializePayload(
        { caption: 'Hola quiero un café', mime: 'image/jpeg', emoji: '👇', umlaut: 'äöå' },
        { metaEscaping: true },
      ),
    ).toBe(
      '{"caption":"Hola quiero un caf\\u00e9","mime":"image\\/jpeg","emoji":"\\ud83d\\udc47","umlaut":"\\u00e4\\u00f6\\u00e5"}',
    );
  });

  it.each(['messages-image-caption-unicode-escaped.raw.json', 'dashboard-test-text-legacy.raw.json'])(
    'reproduces the real wire body %s byte for byte',
    (file) => {
      const raw = readFileSync(new URL(file, RAW_BODIES), 'utf8');
      expect(serializePayload(JSON.parse(raw), { metaEscaping: true })).toBe(raw);
    },
  );

  it('parses back to the same value', () => {
    const payload = buildFixture('image');
    expect(JSON.parse(serializePayload(payload, { metaEscaping: true }))).toEqual(payload);
  });

  it('refuses what JSON cannot represent', () => {
    expect(() => serializePayload(undefined)).toThrowError(expect.objectContaining({ code: 'INVALID_PAYLOAD' }));
  });

  it('returns strings unchanged', () => {
    expect(serializePayload('{"a": "b/c"}', { metaEscaping: true })).toBe('{"a": "b/c"}');
  });
});

describe("signPayload (issue 15: one signer, core's)", () => {
  it("is core's signPayload, not a second signer with another signature", () => {
    expect(signPayload).toBe(coreSignPayload);
    expect(SIGNATURE_HEADER).toBe('x-hub-signature-256');
  });

  it('computes sha256=<lower-case hex HMAC> over the exact bytes, as the independent test-kit signer does', async () => {
    const body = serializePayload(buildFixture('image'), { metaEscaping: true });
    const signature = await signPayload(body, 'app-secret');
    expect(signature).toBe(independentSignature(body, 'app-secret'));
    await expect(signPayload(encoder.encode(body), 'app-secret')).resolves.toBe(signature);
  });
});

describe('signBody', () => {
  it('returns the signed bytes and the headers Meta sends', async () => {
    const { body, headers } = await signBody(buildTextMessage(), {
      secret: 's',
      metaEscaping: true,
      headers: { 'x-extra': '1' },
    });
    expect(headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      'x-hub-signature-256': independentSignature(body, 's'),
      'x-hub-signature': expect.stringMatching(/^sha1=[0-9a-f]{40}$/),
      'x-extra': '1',
    });
  });

  it("is accepted by core's verifier, and only with the same secret and bytes", async () => {
    const payload = serializePayload(buildTextMessage({ body: 'naïve / café' }), { metaEscaping: true });
    const { body, headers } = await signBody(payload, { secret: 'right' });
    const signature = headers['x-hub-signature-256'];
    await expect(verifySignature(body, signature, 'right')).resolves.toBe(true);
    await expect(verifySignature(body, signature, 'wrong')).resolves.toBe(false);
    const reserialised = encoder.encode(JSON.stringify(JSON.parse(payload)));
    await expect(verifySignature(reserialised, signature, 'right')).resolves.toBe(false);
  });

  it('sends bytes and strings exactly as given', async () => {
    const bytes = encoder.encode('{ "pretty": true }\n');
    expect((await signBody(bytes, { secret: 's' })).body).toBe(bytes);
    expect(new TextDecoder().decode((await signBody('{"a":"\\/"}', { secret: 's', metaEscaping: true })).body)).toBe(
      '{"a":"\\/"}',
    );
  });

  it('refuses an empty secret', async () => {
    await expect(signBody('{}', { secret: '' })).rejects.toMatchObject({
      name: 'TestingError',
      code: 'INVALID_OPTION',
    });
  });
});

describe('createSignedRequest', () => {
  it('builds a Request that core accepts through handleFetch and routes to the handler', async () => {
    const webhooks = createWebhooks({ appSecret: 'fetch-secret', verifyToken: 't' });
    const bodies: string[] = [];
    webhooks.on('messages.text', (event) => void bodies.push(event.message.text.body));
    const request = await createSignedRequest(buildTextMessage({ body: 'über / unter' }), {
      secret: 'fetch-secret',
      metaEscaping: true,
    });
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://localhost/webhook');
    const response = await webhooks.handleFetch(request);
    expect(response.status).toBe(200);
    expect(bodies).toEqual(['über / unter']);
  });

  it('is refused with the wrong secret', async () => {
    const webhooks = createWebhooks({ appSecret: 'fetch-secret', verifyToken: 't' });
    const response = await webhooks.handleFetch(
      await createSignedRequest(buildTextMessage(), { secret: 'other', url: 'https://example.test/hook' }),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'SIGNATURE_MISMATCH' } });
  });
});
