/**
 * Secrets and message contents never reach logs, errors, responses or instrumentation: every answer
 * path and the whole corpus run with a logger that records everything at every level, and the records
 * are searched for the app secrets, the verify token, every HMAC computed in the run, and the message
 * contents of the corpus.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWebhooks, RawBodyUnavailableError, type WebhooksLogger } from '../src/index';
import { allFixtures, envelope, fakeRequest, messagesValue, readRaw, textItem } from './helpers';

const APP_SECRET = 'leak-canary-app-secret-7f3a9c';
const OLD_SECRET = 'leak-canary-old-secret-2b8d41';
const VERIFY_TOKEN = 'leak-canary-verify-token-5e6f0a';
const CONTENT_KEYS = new Set(['body', 'caption', 'filename', 'address', 'payload', 'response_json', 'formatted_name']);

const recorded: string[] = [];
const record = (value: unknown): void => {
  recorded.push(
    typeof value === 'string'
      ? value
      : JSON.stringify(value, (_key, inner: unknown) =>
          inner instanceof Error
            ? { name: inner.name, message: inner.message, stack: inner.stack, cause: inner.cause }
            : inner,
        ),
  );
};
const logger: WebhooksLogger = {
  debug: (fields, message) => record({ fields, message }),
  info: (fields, message) => record({ fields, message }),
  warn: (fields, message) => record({ fields, message }),
  error: (fields, message) => record({ fields, message }),
};
const hmacs: string[] = [];
function sign(bytes: Uint8Array | string, secret: string): string {
  const hex = createHmac('sha256', secret).update(bytes).digest('hex');
  hmacs.push(hex);
  return `sha256=${hex}`;
}
const contents = new Set<string>();
function collectContents(value: unknown, key = ''): void {
  if (typeof value === 'string') {
    if (CONTENT_KEYS.has(key) && value.length >= 6) contents.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectContents(item, key);
  } else if (typeof value === 'object' && value !== null) {
    for (const [inner, item] of Object.entries(value))
      collectContents(item, key === 'profile' && inner === 'name' ? 'formatted_name' : inner);
  }
}

function post(body: Uint8Array | string, secret = APP_SECRET, headers: Record<string, string> = {}) {
  return fakeRequest({
    body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body, secret), ...headers },
  });
}

describe('nothing secret reaches logs, errors, responses or instrumentation', () => {
  it('holds across every answer path and the whole corpus', async () => {
    const webhooks = createWebhooks({
      appSecret: APP_SECRET,
      additionalAppSecrets: [OLD_SECRET],
      verifyToken: VERIFY_TOKEN,
      logger,
      bodyLimit: 3_500_000,
      handlerTimeout: 50,
    });
    webhooks.onError((error) => record({ onError: error, cause: error.cause, message: error.message }));
    webhooks.observe({ onRequest: record, onEvent: record });
    webhooks.onAny((event) => {
      // Handlers that fail, with errors that carry no contents.
      if (event.kind === 'message' && event.id.endsWith('5')) throw new Error('handler failure without contents');
    });
    const answers: unknown[] = [];
    const run = async (request: ReturnType<typeof fakeRequest>) => answers.push(await webhooks.handle(request));

    for (const fixture of allFixtures()) {
      const bytes = readRaw(fixture);
      collectContents(JSON.parse(bytes.toString('utf8')));
      await run(post(bytes));
      await run(post(bytes, OLD_SECRET));
    }
    for (const raw of [
      '_raw-bodies/messages-image-caption-unicode-escaped.raw.json',
      '_raw-bodies/dashboard-test-text-legacy.raw.json',
    ]) {
      await run(post(readRaw(raw)));
    }
    const text = JSON.stringify(
      envelope([[{ field: 'messages', value: messagesValue({ messages: [textItem('a private message body')] }) }]]),
    );
    contents.add('a private message body');
    await run(post(text, 'an-attacker-guess'));
    await run(
      fakeRequest({ body: text, headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=zz' } }),
    );
    await run(fakeRequest({ body: text, headers: { 'content-type': 'application/json' } }));
    await run(
      fakeRequest({
        body: text,
        headers: { 'content-type': 'text/plain', 'x-hub-signature-256': sign(text, APP_SECRET) },
      }),
    );
    await run(post('{"broken json with a private message body'));
    await run(
      fakeRequest({ method: 'GET', url: `/?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}x&hub.challenge=1` }),
    );
    await run(fakeRequest({ method: 'GET', url: `/?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1` }));
    await run(fakeRequest({ method: 'DELETE' }));
    await run(
      fakeRequest({
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(text, APP_SECRET) },
        readBody: () => Promise.reject(new RawBodyUnavailableError('consumed')),
      }),
    );
    // A hung handler: HANDLER_TIMEOUT.
    const hung = createWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, logger, handlerTimeout: 20 });
    hung.on('messages.text', () => new Promise((resolve) => setTimeout(resolve, 80)));
    answers.push(await hung.handle(post(text)));
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(answers.length).toBeGreaterThan(380);
    expect(recorded.length).toBeGreaterThan(1000);
    expect(contents.size).toBeGreaterThan(40);
    const haystack = [...recorded, ...answers.map((answer) => JSON.stringify(answer))].join('\n');
    for (const secret of [APP_SECRET, OLD_SECRET, VERIFY_TOKEN]) expect(haystack).not.toContain(secret);
    for (const hmac of hmacs) expect(haystack).not.toContain(hmac);
    const leaked = [...contents].filter(
      (content) => haystack.includes(content) || haystack.includes(JSON.stringify(content).slice(1, -1)),
    );
    expect(leaked).toEqual([]);
  });
});
