/**
 * The conformance cases about what arrives: the verification handshake, signed notifications, and the
 * signature header. One row per case: its name (the test name) and what it does with a booted server.
 */
import { SIGNATURE_HEADER, type WebhookEvent } from '@wa-webhooks/core';
import { expect } from 'vitest';
import type { ConformanceCase, ConformanceSection } from './conformance-types';
import {
  DASHBOARD_RAW_BODY,
  expectAccepted,
  expectChallenge,
  expectError,
  fetchReply,
  handshakeQuery,
  sendSigned,
  signedPost,
  UNICODE_RAW_BODY,
} from './conformance-http';
import {
  messagesChange,
  notification,
  notificationOfSize,
  readFixtureBytes,
  textMessage,
  textNotification,
} from './notifications';
import { ROTATED_APP_SECRET, VERIFY_TOKEN, signBody } from './signer';

const CHALLENGES = [
  ['a numeric challenge', '1158201444'],
  ['a non-numeric challenge', 'ch4llenge-ABC_xyz.~'],
  ['a URL-encoded challenge (decoded once)', 'a b+c&d=e/é%'],
] as const;

/** A handshake answered with an error: the query and the expected status and code. */
const REFUSED_HANDSHAKES: ReadonlyArray<readonly [string, Record<string, string> | undefined, number, string]> = [
  [
    'answers 403 VERIFY_TOKEN_MISMATCH for a wrong verify token',
    { 'hub.mode': 'subscribe', 'hub.verify_token': 'not-the-token', 'hub.challenge': '42' },
    403,
    'VERIFY_TOKEN_MISMATCH',
  ],
  ['answers 400 HANDSHAKE_INVALID without any hub.* parameter', undefined, 400, 'HANDSHAKE_INVALID'],
  [
    'answers 400 HANDSHAKE_INVALID without hub.challenge',
    { 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN },
    400,
    'HANDSHAKE_INVALID',
  ],
  [
    'answers 400 HANDSHAKE_INVALID for a mode other than subscribe',
    { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '42' },
    400,
    'HANDSHAKE_INVALID',
  ],
];

const handshake: ConformanceSection = {
  name: 'verification handshake (GET)',
  cases: [
    ...CHALLENGES.map(([label, challenge]): ConformanceCase => ({
      name: `echoes ${label} exactly`,
      run: async ({ boot }) => {
        const { url } = await boot();
        const query = handshakeQuery({
          'hub.mode': 'subscribe',
          'hub.verify_token': VERIFY_TOKEN,
          'hub.challenge': challenge,
        });
        expectChallenge(await fetchReply(`${url}?${query}`), challenge);
      },
    })),
    ...REFUSED_HANDSHAKES.map(([name, params, status, code]): ConformanceCase => ({
      name,
      run: async ({ boot }) => {
        const { url } = await boot();
        expectError(await fetchReply(params === undefined ? url : `${url}?${handshakeQuery(params)}`), status, code);
      },
    })),
  ],
};

const notifications: ConformanceSection = {
  name: 'notifications (POST)',
  cases: [
    {
      name: 'accepts a signed notification with 200 and runs the handler with the right event',
      run: async ({ boot }) => {
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
      },
    },
    {
      name: 'fans a batch of 2 entries x 2 changes x 3 messages out to 12 handler calls, in order',
      run: async ({ boot }) => {
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
      },
    },
    {
      name: 'accepts a chunked upload without Content-Length',
      run: async ({ boot }) => {
        const { url, texts } = await boot();
        const { body, wamid } = notificationOfSize(8 * 1024);
        expectAccepted(await sendSigned(url, body, 'chunked', 1000));
        expect(texts.map((event) => event.id)).toEqual([`m:${wamid}`]);
      },
    },
    {
      name: 'verifies the unicode-escaped real body byte for byte',
      run: async ({ boot }) => {
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
      },
    },
    {
      name: 'verifies the legacy App Dashboard test body byte for byte',
      run: async ({ boot }) => {
        const { url, texts } = await boot();
        expectAccepted(await signedPost(url, readFixtureBytes(DASHBOARD_RAW_BODY)));
        expect(texts.map((event) => event.message.text.body)).toEqual(['this is a text message']);
      },
    },
    {
      name: 'answers 400 INVALID_JSON for a correctly signed body that is not JSON',
      run: async ({ boot }) => {
        const { url, texts } = await boot();
        expectError(await signedPost(url, '{"object":"whatsapp_business_account","entry":['), 400, 'INVALID_JSON');
        expect(texts).toHaveLength(0);
      },
    },
    {
      name: 'answers 500 HANDLER_FAILED when a handler throws, and tells onError',
      run: async ({ boot }) => {
        const { webhooks, url, errors } = await boot();
        webhooks.on('messages.text', () => {
          throw new Error('handler exploded');
        });
        const reply = await signedPost(url, textNotification().body);
        expectError(reply, 500, 'HANDLER_FAILED');
        expect(reply.body).not.toContain('handler exploded');
        expect(errors.map((error) => error.code)).toEqual(['HANDLER_FAILED']);
        expect((errors[0]?.cause as Error | undefined)?.message).toBe('handler exploded');
      },
    },
    {
      name: 'answers 50 concurrent signed POSTs with 200 and delivers every one',
      run: async ({ boot }) => {
        const { url, texts } = await boot();
        const sent = Array.from({ length: 50 }, (_, index) => textNotification(`concurrent ${index}`));
        const replies = await Promise.all(sent.map(({ body }) => signedPost(url, body)));
        for (const reply of replies) expectAccepted(reply);
        expect(new Set(texts.map((event) => event.id))).toEqual(new Set(sent.map(({ wamid }) => `m:${wamid}`)));
        expect(texts).toHaveLength(50);
      },
    },
  ],
};

const MALFORMED = [
  ['sha1 instead of sha256', `sha1=${'a'.repeat(40)}`],
  ['63 hex digits', `sha256=${'a'.repeat(63)}`],
  ['no sha256= prefix', 'a'.repeat(64)],
  ['non-hex digits', `sha256=${'z'.repeat(64)}`],
] as const;

/** A POST of a fresh text notification with these signature headers, which must be refused with `code`. */
function refusedSignature(name: string, headers: () => Record<string, string>, code: string): ConformanceCase {
  return {
    name,
    run: async ({ boot }) => {
      const { url, texts } = await boot();
      const body = textNotification().body;
      const reply = await fetchReply(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers() },
        body,
      });
      expectError(reply, 401, code);
      expect(texts).toHaveLength(0);
    },
  };
}

const signature: ConformanceSection = {
  name: 'signature (X-Hub-Signature-256)',
  cases: [
    refusedSignature('answers 401 SIGNATURE_MISSING without the header', () => ({}), 'SIGNATURE_MISSING'),
    ...MALFORMED.map(([label, header]) =>
      refusedSignature(
        `answers 401 SIGNATURE_MALFORMED for ${label}`,
        () => ({ [SIGNATURE_HEADER]: header }),
        'SIGNATURE_MALFORMED',
      ),
    ),
    {
      name: 'answers 401 SIGNATURE_MISMATCH for a signature made with another secret',
      run: async ({ boot }) => {
        const { url, texts } = await boot();
        expectError(
          await signedPost(url, textNotification().body, { secret: 'some-other-secret' }),
          401,
          'SIGNATURE_MISMATCH',
        );
        expect(texts).toHaveLength(0);
      },
    },
    {
      name: 'answers 401 SIGNATURE_MISMATCH when the signed bytes differ from the sent bytes',
      run: async ({ boot }) => {
        const { url, texts } = await boot();
        const { body } = textNotification();
        const headers = {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signBody(JSON.stringify(JSON.parse(body), null, 2)),
        };
        expectError(await fetchReply(url, { method: 'POST', headers, body }), 401, 'SIGNATURE_MISMATCH');
        expect(texts).toHaveLength(0);
      },
    },
    {
      name: 'accepts a signature made with a rotated (additional) app secret',
      run: async ({ boot }) => {
        const { url, texts } = await boot({ additionalAppSecrets: [ROTATED_APP_SECRET] });
        const { body, wamid } = textNotification();
        expectAccepted(await signedPost(url, body, { secret: ROTATED_APP_SECRET }));
        expect(texts.map((event) => event.id)).toEqual([`m:${wamid}`]);
      },
    },
  ],
};

/** The sections about what arrives, in the order they run. */
export const RECEIVE_SECTIONS: readonly ConformanceSection[] = [handshake, notifications, signature];
