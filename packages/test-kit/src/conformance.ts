/**
 * The conformance suite: one list of HTTP cases that every adapter must answer identically, on a real
 * server on 127.0.0.1 and real HTTP (STYLE.md section 2.10). Every case checks the status, the
 * content type and the body. An adapter's test file calls `runAdapterConformance` once per supported
 * framework major, then adds its framework-specific cases.
 */
import {
  createWebhooks,
  DEFAULT_BODY_LIMIT,
  type WebhookError,
  type WebhookEvent,
  type Webhooks,
  type WebhooksOptions,
} from '@wa-webhooks/core';
import { afterEach, describe, expect, it } from 'vitest';
import { sendRaw, type RawResponse, type RunningServer } from './http';
import {
  messagesChange,
  notification,
  notificationOfSize,
  readFixtureBytes,
  textMessage,
  textNotification,
} from './notifications';
import { APP_SECRET, ROTATED_APP_SECRET, SIGNATURE_HEADER_NAME, VERIFY_TOKEN, signBody } from './signer';

/** Boots the adapter under test around `webhooks` on 127.0.0.1, port 0. */
export type StartServer = (webhooks: Webhooks) => Promise<RunningServer>;

/** A server where something already ran on the request body before the webhook route. */
export interface ConsumedBodyVariant {
  /** What ran first, e.g. `express.json() before the webhook route`. */
  readonly name: string;
  /** Boots that server. */
  readonly start: StartServer;
  /**
   * `raw-body-unavailable`: the exact bytes are gone and the adapter must fail fast with 500
   * `RAW_BODY_UNAVAILABLE` (never hang, never re-serialise). `exact-bytes`: the adapter recovers the bytes
   * the parser kept, so signed POSTs (including a unicode-escaped real body) pass.
   */
  readonly expect: 'raw-body-unavailable' | 'exact-bytes';
}

/** A server with the webhook route and a sibling route that parses JSON the framework's usual way. */
export interface SiblingRouteServer extends RunningServer {
  /**
   * A route of the same app that parses a JSON POST with the framework's usual parser and answers 200
   * with `{"parsed": <the parsed body>}` as JSON.
   */
  readonly siblingUrl: string;
}

/** Options of `runAdapterConformance`. */
export interface AdapterConformanceOptions {
  /** Shown in the test names, e.g. `express 5`. */
  readonly name: string;
  /** Boots the usual setup: the webhook route alone. */
  readonly start: StartServer;
  /** Setups where the body was read before the webhook route (at least one per framework). */
  readonly consumedBody: readonly ConsumedBodyVariant[];
  /** Boots the webhook route next to a JSON route of the same app. */
  readonly siblingRoute: (webhooks: Webhooks) => Promise<SiblingRouteServer>;
}

const TEXT_TYPE = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const UNICODE_RAW_BODY = '_raw-bodies/messages-image-caption-unicode-escaped.raw.json';
const DASHBOARD_RAW_BODY = '_raw-bodies/dashboard-test-text-legacy.raw.json';

/** A response reduced to what the cases compare. */
interface Reply {
  readonly status: number;
  readonly body: string;
  header(name: string): string | undefined;
}

async function fetchReply(url: string, init?: RequestInit): Promise<Reply> {
  const response = await fetch(url, init);
  const body = await response.text();
  return { status: response.status, body, header: (name) => response.headers.get(name) ?? undefined };
}

function rawReply(response: RawResponse): Reply {
  return {
    status: response.status,
    body: response.body,
    header: (name) => {
      const value = response.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

function signedPost(
  url: string,
  body: string | Uint8Array,
  options: { secret?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return fetchReply(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER_NAME]: signBody(body, options.secret),
      ...options.headers,
    },
    body,
  });
}

/** Splits `body` into pieces of `size` bytes for a chunked upload. */
function pieces(body: string | Uint8Array, size: number): Uint8Array[] {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += size) out.push(bytes.subarray(offset, offset + size));
  return out;
}

/** Sends a signed body with `node:http`, with Content-Length or (by default) chunked without it. */
async function sendSigned(
  url: string,
  body: string,
  mode: 'chunked' | 'content-length',
  pieceSize = 64 * 1024,
): Promise<Reply> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [SIGNATURE_HEADER_NAME]: signBody(body),
  };
  if (mode === 'chunked') headers['transfer-encoding'] = 'chunked';
  else headers['content-length'] = String(Buffer.byteLength(body));
  return rawReply(await sendRaw(url, { method: 'POST', headers, chunks: pieces(body, pieceSize) }));
}

function parsed(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function expectAccepted(reply: Reply): void {
  expect({ status: reply.status, contentType: reply.header('content-type'), body: reply.body }).toEqual({
    status: 200,
    contentType: TEXT_TYPE,
    body: '',
  });
}

function expectChallenge(reply: Reply, challenge: string): void {
  expect({ status: reply.status, contentType: reply.header('content-type'), body: reply.body }).toEqual({
    status: 200,
    contentType: TEXT_TYPE,
    body: challenge,
  });
}

function expectError(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, contentType: reply.header('content-type'), body: parsed(reply.body) }).toEqual({
    status,
    contentType: JSON_TYPE,
    body: { error: { code, message: expect.stringMatching(/\S/) } },
  });
}

function handshakeQuery(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/** A booted server with its webhooks instance and what the handlers saw. */
interface Booted {
  readonly webhooks: Webhooks;
  readonly url: string;
  /** Every error passed to `onError` (registered, so core never falls back to console.error). */
  readonly errors: WebhookError[];
  /** Every `messages.text` event, in the order the handler saw them. */
  readonly texts: Array<WebhookEvent<'messages.text'>>;
}

/**
 * Registers the conformance cases (vitest `describe`/`it`) for one adapter setup. Call it once per
 * supported framework major from the adapter's test file.
 *
 * @example
 * ```ts
 * runAdapterConformance({
 *   name: 'express 5',
 *   start: async (webhooks) => { ... return { url, close } },
 *   consumedBody: [{ name: 'express.json() first', start, expect: 'raw-body-unavailable' }],
 *   siblingRoute: async (webhooks) => ({ url, siblingUrl, close }),
 * });
 * ```
 */
export function runAdapterConformance(options: AdapterConformanceOptions): void {
  describe(`${options.name}: adapter conformance`, () => {
    const running: RunningServer[] = [];
    afterEach(async () => {
      await Promise.all(running.splice(0).map((server) => server.close()));
    });

    async function boot(settings: Partial<WebhooksOptions> = {}, start: StartServer = options.start): Promise<Booted> {
      const webhooks = createWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, ...settings });
      const errors: WebhookError[] = [];
      const texts: Array<WebhookEvent<'messages.text'>> = [];
      webhooks.onError((error) => {
        errors.push(error);
      });
      webhooks.on('messages.text', (event) => {
        texts.push(event);
      });
      const server = await start(webhooks);
      running.push(server);
      return { webhooks, url: server.url, errors, texts };
    }

    describe('verification handshake (GET)', () => {
      it.each([
        ['a numeric challenge', '1158201444'],
        ['a non-numeric challenge', 'ch4llenge-ABC_xyz.~'],
        ['a URL-encoded challenge (decoded once)', 'a b+c&d=e/é%'],
      ])('echoes %s exactly', async (_label, challenge) => {
        const { url } = await boot();
        const query = handshakeQuery({
          'hub.mode': 'subscribe',
          'hub.verify_token': VERIFY_TOKEN,
          'hub.challenge': challenge,
        });
        expectChallenge(await fetchReply(`${url}?${query}`), challenge);
      });

      it('answers 403 VERIFY_TOKEN_MISMATCH for a wrong verify token', async () => {
        const { url } = await boot();
        const query = handshakeQuery({
          'hub.mode': 'subscribe',
          'hub.verify_token': 'not-the-token',
          'hub.challenge': '42',
        });
        expectError(await fetchReply(`${url}?${query}`), 403, 'VERIFY_TOKEN_MISMATCH');
      });

      it('answers 400 HANDSHAKE_INVALID without any hub.* parameter', async () => {
        const { url } = await boot();
        expectError(await fetchReply(url), 400, 'HANDSHAKE_INVALID');
      });

      it('answers 400 HANDSHAKE_INVALID without hub.challenge', async () => {
        const { url } = await boot();
        const query = handshakeQuery({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN });
        expectError(await fetchReply(`${url}?${query}`), 400, 'HANDSHAKE_INVALID');
      });

      it('answers 400 HANDSHAKE_INVALID for a mode other than subscribe', async () => {
        const { url } = await boot();
        const query = handshakeQuery({
          'hub.mode': 'unsubscribe',
          'hub.verify_token': VERIFY_TOKEN,
          'hub.challenge': '42',
        });
        expectError(await fetchReply(`${url}?${query}`), 400, 'HANDSHAKE_INVALID');
      });
    });

    describe('notifications (POST)', () => {
      it('accepts a signed notification with 200 and runs the handler with the right event', async () => {
        const { url, texts } = await boot();
        const { body, wamid } = textNotification('hello');
        expectAccepted(await signedPost(url, body));
        expect(texts).toHaveLength(1);
        expect(texts[0]).toMatchObject({
          name: 'messages.text',
          field: 'messages',
          id: `m:${wamid}`,
          sender: '15551234567',
          senderName: 'Conformance',
          phoneNumberId: '106540352242922',
          message: { id: wamid, type: 'text', text: { body: 'hello' } },
        });
      });

      it('fans a batch of 2 entries x 2 changes x 3 messages out to 12 handler calls, in order', async () => {
        const { url, texts } = await boot();
        const expected: string[] = [];
        const entries = [0, 1].map((entry) =>
          [0, 1].map((change) =>
            messagesChange(
              [0, 1, 2].map((message) => {
                const text = `entry ${entry} change ${change} message ${message}`;
                expected.push(text);
                return textMessage(text);
              }),
            ),
          ),
        );
        expectAccepted(await signedPost(url, JSON.stringify(notification(entries))));
        expect(texts.map((event) => event.message.text.body)).toEqual(expected);
        expect(new Set(texts.map((event) => event.id)).size).toBe(12);
      });

      it('accepts a chunked upload without Content-Length', async () => {
        const { url, texts } = await boot();
        const { body, wamid } = notificationOfSize(8 * 1024);
        expectAccepted(await sendSigned(url, body, 'chunked', 1000));
        expect(texts.map((event) => event.id)).toEqual([`m:${wamid}`]);
      });

      it('verifies the unicode-escaped real body byte for byte', async () => {
        const { webhooks, url } = await boot();
        const images: Array<WebhookEvent<'messages.image'>> = [];
        webhooks.on('messages.image', (event) => {
          images.push(event);
        });
        const raw = readFixtureBytes(UNICODE_RAW_BODY);
        // The wire form escapes é and /, so re-serialising the parsed body would change the bytes.
        expect(JSON.stringify(JSON.parse(new TextDecoder().decode(raw)))).not.toBe(new TextDecoder().decode(raw));
        expectAccepted(await signedPost(url, raw));
        expect(images.map((event) => event.message.image.caption)).toEqual(['Hola quiero un café']);
      });

      it('verifies the legacy App Dashboard test body byte for byte', async () => {
        const { url, texts } = await boot();
        expectAccepted(await signedPost(url, readFixtureBytes(DASHBOARD_RAW_BODY)));
        expect(texts.map((event) => event.message.text.body)).toEqual(['this is a text message']);
      });

      it('answers 400 INVALID_JSON for a correctly signed body that is not JSON', async () => {
        const { url, texts } = await boot();
        expectError(await signedPost(url, '{"object":"whatsapp_business_account","entry":['), 400, 'INVALID_JSON');
        expect(texts).toHaveLength(0);
      });

      it('answers 500 HANDLER_FAILED when a handler throws, and tells onError', async () => {
        const { webhooks, url, errors } = await boot();
        webhooks.on('messages.text', () => {
          throw new Error('handler exploded');
        });
        const reply = await signedPost(url, textNotification().body);
        expectError(reply, 500, 'HANDLER_FAILED');
        expect(reply.body).not.toContain('handler exploded');
        expect(errors.map((error) => error.code)).toEqual(['HANDLER_FAILED']);
        expect((errors[0]?.cause as Error | undefined)?.message).toBe('handler exploded');
      });

      it('answers 50 concurrent signed POSTs with 200 and delivers every one', async () => {
        const { url, texts } = await boot();
        const sent = Array.from({ length: 50 }, (_, index) => textNotification(`concurrent ${index}`));
        const replies = await Promise.all(sent.map(({ body }) => signedPost(url, body)));
        for (const reply of replies) expectAccepted(reply);
        expect(new Set(texts.map((event) => event.id))).toEqual(new Set(sent.map(({ wamid }) => `m:${wamid}`)));
        expect(texts).toHaveLength(50);
      });
    });

    describe('signature (X-Hub-Signature-256)', () => {
      it('answers 401 SIGNATURE_MISSING without the header', async () => {
        const { url, texts } = await boot();
        const reply = await fetchReply(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: textNotification().body,
        });
        expectError(reply, 401, 'SIGNATURE_MISSING');
        expect(texts).toHaveLength(0);
      });

      it.each([
        ['sha1 instead of sha256', `sha1=${'a'.repeat(40)}`],
        ['63 hex digits', `sha256=${'a'.repeat(63)}`],
        ['no sha256= prefix', 'a'.repeat(64)],
        ['non-hex digits', `sha256=${'z'.repeat(64)}`],
      ])('answers 401 SIGNATURE_MALFORMED for %s', async (_label, header) => {
        const { url, texts } = await boot();
        const reply = await fetchReply(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER_NAME]: header },
          body: textNotification().body,
        });
        expectError(reply, 401, 'SIGNATURE_MALFORMED');
        expect(texts).toHaveLength(0);
      });

      it('answers 401 SIGNATURE_MISMATCH for a signature made with another secret', async () => {
        const { url, texts } = await boot();
        expectError(
          await signedPost(url, textNotification().body, { secret: 'some-other-secret' }),
          401,
          'SIGNATURE_MISMATCH',
        );
        expect(texts).toHaveLength(0);
      });

      it('answers 401 SIGNATURE_MISMATCH when the signed bytes differ from the sent bytes', async () => {
        const { url, texts } = await boot();
        const { body } = textNotification();
        const reply = await fetchReply(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SIGNATURE_HEADER_NAME]: signBody(JSON.stringify(JSON.parse(body), null, 2)),
          },
          body,
        });
        expectError(reply, 401, 'SIGNATURE_MISMATCH');
        expect(texts).toHaveLength(0);
      });

      it('accepts a signature made with a rotated (additional) app secret', async () => {
        const { url, texts } = await boot({ additionalAppSecrets: [ROTATED_APP_SECRET] });
        const { body, wamid } = textNotification();
        expectAccepted(await signedPost(url, body, { secret: ROTATED_APP_SECRET }));
        expect(texts.map((event) => event.id)).toEqual([`m:${wamid}`]);
      });
    });

    describe('content type and method', () => {
      it('answers 415 UNSUPPORTED_MEDIA_TYPE for text/plain', async () => {
        const { url, texts } = await boot();
        const { body } = textNotification();
        const reply = await fetchReply(url, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', [SIGNATURE_HEADER_NAME]: signBody(body) },
          body,
        });
        expectError(reply, 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(texts).toHaveLength(0);
      });

      it('answers 415 UNSUPPORTED_MEDIA_TYPE without a Content-Type', async () => {
        const { url } = await boot();
        const { body } = textNotification();
        const reply = await sendRaw(url, {
          headers: { 'content-length': String(Buffer.byteLength(body)), [SIGNATURE_HEADER_NAME]: signBody(body) },
          chunks: [body],
        });
        expectError(rawReply(reply), 415, 'UNSUPPORTED_MEDIA_TYPE');
      });

      it('answers 415 UNSUPPORTED_MEDIA_TYPE for a Content-Type that is not a media type', async () => {
        const { url } = await boot();
        const { body } = textNotification();
        const reply = await fetchReply(url, {
          method: 'POST',
          headers: { 'content-type': 'json please', [SIGNATURE_HEADER_NAME]: signBody(body) },
          body,
        });
        expectError(reply, 415, 'UNSUPPORTED_MEDIA_TYPE');
      });

      it('answers 405 METHOD_NOT_ALLOWED with allow: GET, POST for PUT', async () => {
        const { url, texts } = await boot();
        const { body } = textNotification();
        const reply = await fetchReply(url, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER_NAME]: signBody(body) },
          body,
        });
        expectError(reply, 405, 'METHOD_NOT_ALLOWED');
        expect(reply.header('allow')).toBe('GET, POST');
        expect(texts).toHaveLength(0);
      });

      it('answers 405 METHOD_NOT_ALLOWED with allow: GET, POST for DELETE', async () => {
        const { url } = await boot();
        const reply = await fetchReply(url, { method: 'DELETE' });
        expectError(reply, 405, 'METHOD_NOT_ALLOWED');
        expect(reply.header('allow')).toBe('GET, POST');
      });
    });

    describe('body size', () => {
      const smallLimit = 2048;

      it('accepts a body of exactly bodyLimit bytes', async () => {
        const { url, texts } = await boot({ bodyLimit: smallLimit });
        const { body, wamid } = notificationOfSize(smallLimit);
        expectAccepted(await sendSigned(url, body, 'content-length'));
        expect(texts.map((event) => event.id)).toEqual([`m:${wamid}`]);
      });

      it('answers 413 PAYLOAD_TOO_LARGE for bodyLimit + 1 bytes with Content-Length', async () => {
        const { url, texts } = await boot({ bodyLimit: smallLimit });
        const reply = await sendSigned(url, notificationOfSize(smallLimit + 1).body, 'content-length');
        expectError(reply, 413, 'PAYLOAD_TOO_LARGE');
        expect(texts).toHaveLength(0);
      });

      it('answers 413 PAYLOAD_TOO_LARGE for bodyLimit + 1 bytes sent chunked', async () => {
        const { url, texts } = await boot({ bodyLimit: smallLimit });
        const reply = await sendSigned(url, notificationOfSize(smallLimit + 1).body, 'chunked', 512);
        expectError(reply, 413, 'PAYLOAD_TOO_LARGE');
        expect(texts).toHaveLength(0);
      });

      it('accepts a body of exactly DEFAULT_BODY_LIMIT bytes with the default settings', async () => {
        const { url, texts } = await boot();
        const { body, wamid } = notificationOfSize(DEFAULT_BODY_LIMIT);
        expectAccepted(await sendSigned(url, body, 'content-length', 1024 * 1024));
        expect(texts.map((event) => event.id)).toEqual([`m:${wamid}`]);
      });

      it('answers 413 PAYLOAD_TOO_LARGE for DEFAULT_BODY_LIMIT + 1 bytes with Content-Length', async () => {
        const { url, texts } = await boot();
        const reply = await sendSigned(
          url,
          notificationOfSize(DEFAULT_BODY_LIMIT + 1).body,
          'content-length',
          1024 * 1024,
        );
        expectError(reply, 413, 'PAYLOAD_TOO_LARGE');
        expect(texts).toHaveLength(0);
      });

      it('accepts a body above DEFAULT_BODY_LIMIT when the webhooks bodyLimit allows it (the adapter follows it)', async () => {
        const { url, texts } = await boot({ bodyLimit: DEFAULT_BODY_LIMIT + 1024 * 1024 });
        const { body, wamid } = notificationOfSize(DEFAULT_BODY_LIMIT + 1000);
        expectAccepted(await sendSigned(url, body, 'content-length', 1024 * 1024));
        expect(texts.map((event) => event.id)).toEqual([`m:${wamid}`]);
      });

      it('answers 413 PAYLOAD_TOO_LARGE for DEFAULT_BODY_LIMIT + 1 bytes sent chunked', async () => {
        const { url, texts } = await boot();
        const reply = await sendSigned(url, notificationOfSize(DEFAULT_BODY_LIMIT + 1).body, 'chunked', 256 * 1024);
        expectError(reply, 413, 'PAYLOAD_TOO_LARGE');
        expect(texts).toHaveLength(0);
      });
    });

    describe('raw body and the rest of the app', () => {
      for (const variant of options.consumedBody) {
        if (variant.expect === 'raw-body-unavailable') {
          it(`answers 500 RAW_BODY_UNAVAILABLE at once when ${variant.name}`, async () => {
            const { url, texts, errors } = await boot({}, variant.start);
            expectError(await signedPost(url, textNotification().body), 500, 'RAW_BODY_UNAVAILABLE');
            expect(texts).toHaveLength(0);
            expect(errors.map((error) => error.code)).toEqual(['RAW_BODY_UNAVAILABLE']);
          });
        } else {
          it(`recovers the exact bytes when ${variant.name}`, async () => {
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
          });
        }
      }

      it('leaves JSON parsing of the other routes of the app alone', async () => {
        const webhooks = createWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });
        const texts: string[] = [];
        webhooks.on('messages.text', (event) => {
          texts.push(event.message.text.body);
        });
        const server = await options.siblingRoute(webhooks);
        running.push(server);
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
      });
    });
  });
}
