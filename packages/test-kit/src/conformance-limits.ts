/**
 * The conformance cases about what is refused and what else the app does: content type and method,
 * body size, and a body parser in front of the webhook route. One row per case.
 */
import { createWebhooks, DEFAULT_BODY_LIMIT, SIGNATURE_HEADER, type WebhookEvent } from '@wa-webhooks/core';
import { expect } from 'vitest';
import type {
  AdapterConformanceOptions,
  ConformanceCase,
  ConformanceSection,
  ConsumedBodyVariant,
} from './conformance-types';
import {
  expectAccepted,
  expectError,
  fetchReply,
  parsed,
  rawReply,
  sendSigned,
  signedPost,
  UNICODE_RAW_BODY,
} from './conformance-http';
import { sendRaw } from './http';
import { notificationOfSize, readFixtureBytes, textNotification } from './notifications';
import { APP_SECRET, VERIFY_TOKEN, signBody } from './signer';

/** A POST (or other method) of a signed text notification with `contentType`, answered with an error. */
function refused(name: string, method: string, contentType: string, status: number, code: string): ConformanceCase {
  return {
    name,
    run: async ({ boot }) => {
      const { url, texts } = await boot();
      const { body } = textNotification();
      const headers = { 'content-type': contentType, [SIGNATURE_HEADER]: signBody(body) };
      const reply = await fetchReply(url, { method, headers, body });
      expectError(reply, status, code);
      if (status === 405) expect(reply.header('allow')).toBe('GET, POST');
      expect(texts).toHaveLength(0);
    },
  };
}

const contentTypeAndMethod: ConformanceSection = {
  name: 'content type and method',
  cases: [
    refused('answers 415 UNSUPPORTED_MEDIA_TYPE for text/plain', 'POST', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'),
    {
      name: 'answers 415 UNSUPPORTED_MEDIA_TYPE without a Content-Type',
      run: async ({ boot }) => {
        const { url } = await boot();
        const { body } = textNotification();
        const headers = { 'content-length': String(Buffer.byteLength(body)), [SIGNATURE_HEADER]: signBody(body) };
        expectError(rawReply(await sendRaw(url, { headers, chunks: [body] })), 415, 'UNSUPPORTED_MEDIA_TYPE');
      },
    },
    refused(
      'answers 415 UNSUPPORTED_MEDIA_TYPE for a Content-Type that is not a media type',
      'POST',
      'json please',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ),
    refused(
      'answers 405 METHOD_NOT_ALLOWED with allow: GET, POST for PUT',
      'PUT',
      'application/json',
      405,
      'METHOD_NOT_ALLOWED',
    ),
    {
      name: 'answers 405 METHOD_NOT_ALLOWED with allow: GET, POST for DELETE',
      run: async ({ boot }) => {
        const { url } = await boot();
        const reply = await fetchReply(url, { method: 'DELETE' });
        expectError(reply, 405, 'METHOD_NOT_ALLOWED');
        expect(reply.header('allow')).toBe('GET, POST');
      },
    },
  ],
};

const SMALL_LIMIT = 2048;
const MIB = 1024 * 1024;

/** One body-size row: the webhooks' `bodyLimit` (default: the default), the body size, framing, outcome. */
type SizeRow = readonly [
  name: string,
  bodyLimit: number | undefined,
  size: number,
  mode: 'chunked' | 'content-length',
  piece: number,
  accepted: boolean,
];

const SIZES: readonly SizeRow[] = [
  ['accepts a body of exactly bodyLimit bytes', SMALL_LIMIT, SMALL_LIMIT, 'content-length', 64 * 1024, true],
  [
    'answers 413 PAYLOAD_TOO_LARGE for bodyLimit + 1 bytes with Content-Length',
    SMALL_LIMIT,
    SMALL_LIMIT + 1,
    'content-length',
    64 * 1024,
    false,
  ],
  [
    'answers 413 PAYLOAD_TOO_LARGE for bodyLimit + 1 bytes sent chunked',
    SMALL_LIMIT,
    SMALL_LIMIT + 1,
    'chunked',
    512,
    false,
  ],
  [
    'accepts a body of exactly DEFAULT_BODY_LIMIT bytes with the default settings',
    undefined,
    DEFAULT_BODY_LIMIT,
    'content-length',
    MIB,
    true,
  ],
  [
    'answers 413 PAYLOAD_TOO_LARGE for DEFAULT_BODY_LIMIT + 1 bytes with Content-Length',
    undefined,
    DEFAULT_BODY_LIMIT + 1,
    'content-length',
    MIB,
    false,
  ],
  [
    'accepts a body above DEFAULT_BODY_LIMIT when the webhooks bodyLimit allows it (the adapter follows it)',
    DEFAULT_BODY_LIMIT + MIB,
    DEFAULT_BODY_LIMIT + 1000,
    'content-length',
    MIB,
    true,
  ],
  [
    'answers 413 PAYLOAD_TOO_LARGE for DEFAULT_BODY_LIMIT + 1 bytes sent chunked',
    undefined,
    DEFAULT_BODY_LIMIT + 1,
    'chunked',
    256 * 1024,
    false,
  ],
];

const bodySize: ConformanceSection = {
  name: 'body size',
  cases: SIZES.map(([name, bodyLimit, size, mode, piece, accepted]) => ({
    name,
    run: async ({ boot }) => {
      const { url, texts } = await boot(bodyLimit === undefined ? {} : { bodyLimit });
      const { body, wamid } = notificationOfSize(size);
      const reply = await sendSigned(url, body, mode, piece);
      if (accepted) {
        expectAccepted(reply);
        expect(texts.map((event) => event.id)).toEqual([`m:${wamid}`]);
      } else {
        expectError(reply, 413, 'PAYLOAD_TOO_LARGE');
        expect(texts).toHaveLength(0);
      }
    },
  })),
};

/** The case for one server where a parser read the body first. */
function consumedBodyCase(variant: ConsumedBodyVariant): ConformanceCase {
  if (variant.expect === 'raw-body-unavailable') {
    return {
      name: `answers 500 RAW_BODY_UNAVAILABLE at once when ${variant.name}`,
      run: async ({ boot }) => {
        const { url, texts, errors } = await boot({}, variant.start);
        expectError(await signedPost(url, textNotification().body), 500, 'RAW_BODY_UNAVAILABLE');
        expect(texts).toHaveLength(0);
        expect(errors.map((error) => error.code)).toEqual(['RAW_BODY_UNAVAILABLE']);
      },
    };
  }
  return {
    name: `recovers the exact bytes when ${variant.name}`,
    run: async ({ boot }) => {
      const { webhooks, url, texts, errors } = await boot({}, variant.start);
      const images: Array<WebhookEvent<'messages.image'>> = [];
      webhooks.on('messages.image', (event) => {
        images.push(event);
      });
      const { body, wamid } = textNotification('after a parser');
      expectAccepted(await signedPost(url, body));
      expectAccepted(await signedPost(url, readFixtureBytes(UNICODE_RAW_BODY)));
      expect(texts.map((event) => event.id)).toEqual([`m:${wamid}`]);
      expect(images).toHaveLength(1);
      expect(errors).toEqual([]);
    },
  };
}

const siblingRoute: ConformanceCase = {
  name: 'leaves JSON parsing of the other routes of the app alone',
  run: async ({ options, track }) => {
    const webhooks = createWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });
    const texts: string[] = [];
    webhooks.on('messages.text', (event) => {
      texts.push(event.message.text.body);
    });
    const server = await options.siblingRoute(webhooks);
    track(server);
    const reply = await fetchReply(server.siblingUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hello: 'wörld', list: [1, 2] }),
    });
    expect({ status: reply.status, contentType: reply.header('content-type'), body: parsed(reply.body) }).toEqual({
      status: 200,
      contentType: expect.stringMatching(/^application\/json/),
      body: { parsed: { hello: 'wörld', list: [1, 2] } },
    });
    expectAccepted(await signedPost(server.url, textNotification('next to a JSON route').body));
    expect(texts).toEqual(['next to a JSON route']);
  },
};

/** The sections about limits and the rest of the app, for one adapter's setups. */
export function limitSections(options: AdapterConformanceOptions): readonly ConformanceSection[] {
  return [
    contentTypeAndMethod,
    bodySize,
    { name: 'raw body and the rest of the app', cases: [...options.consumedBody.map(consumedBodyCase), siblingRoute] },
  ];
}
