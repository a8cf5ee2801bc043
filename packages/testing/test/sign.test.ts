import { readFileSync } from 'node:fs';
import { createWebhooks, verifySignature } from '@wa-webhooks/core';
import { describe, expect, it } from 'vitest';
import {
  buildFixture,
  buildTextMessage,
  createSignedRequest,
  serializePayload,
  signBody,
  signPayload,
} from '../src/index';

const RAW_BODIES = new URL('../../core/test/fixtures/payloads/_raw-bodies/', import.meta.url);
const encoder = new TextEncoder();

/** An HMAC-SHA256 computed with Web Crypto: a second, independent implementation to compare with. */
async function webCryptoSignature(body: string, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return `sha256=${Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

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

describe('signPayload', () => {
  it('computes sha256=<lower-case hex HMAC> over the exact bytes, as Web Crypto does', async () => {
    const body = serializePayload(buildFixture('image'), { metaEscaping: true });
    const signature = signPayload(body, 'app-secret');
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signature).toBe(await webCryptoSignature(body, 'app-secret'));
    expect(signPayload(encoder.encode(body), 'app-secret')).toBe(signature);
  });

  it("is accepted by core's verifier, and only with the same secret and bytes", async () => {
    const body = encoder.encode(serializePayload(buildTextMessage({ body: 'naïve / café' }), { metaEscaping: true }));
    await expect(verifySignature(body, signPayload(body, 'right'), 'right')).resolves.toBe(true);
    await expect(verifySignature(body, signPayload(body, 'wrong'), 'right')).resolves.toBe(false);
    const reserialised = encoder.encode(JSON.stringify(JSON.parse(new TextDecoder().decode(body))));
    await expect(verifySignature(reserialised, signPayload(body, 'right'), 'right')).resolves.toBe(false);
  });

  it('refuses an empty secret', () => {
    expect(() => signPayload('{}', '')).toThrowError(
      expect.objectContaining({ name: 'TestingError', code: 'INVALID_OPTION' }),
    );
  });
});

describe('signBody', () => {
  it('returns the signed bytes and the headers Meta sends', () => {
    const { body, headers } = signBody(buildTextMessage(), {
      secret: 's',
      metaEscaping: true,
      headers: { 'x-extra': '1' },
    });
    expect(headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      'x-hub-signature-256': signPayload(body, 's'),
      'x-hub-signature': expect.stringMatching(/^sha1=[0-9a-f]{40}$/),
      'x-extra': '1',
    });
  });

  it('sends bytes and strings exactly as given', () => {
    const bytes = encoder.encode('{ "pretty": true }\n');
    expect(signBody(bytes, { secret: 's' }).body).toBe(bytes);
    expect(new TextDecoder().decode(signBody('{"a":"\\/"}', { secret: 's', metaEscaping: true }).body)).toBe(
      '{"a":"\\/"}',
    );
  });
});

describe('createSignedRequest', () => {
  it('builds a Request that core accepts through handleFetch and routes to the handler', async () => {
    const webhooks = createWebhooks({ appSecret: 'fetch-secret', verifyToken: 't' });
    const bodies: string[] = [];
    webhooks.on('messages.text', (event) => void bodies.push(event.message.text.body));
    const request = createSignedRequest(buildTextMessage({ body: 'über / unter' }), {
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
      createSignedRequest(buildTextMessage(), { secret: 'other', url: 'https://example.test/hook' }),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'SIGNATURE_MISMATCH' } });
  });
});
