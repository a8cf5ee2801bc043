/** Test helpers for core. The signer is independent of core's own `signPayload`. */
import { createHmac } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WebhookRequest } from '../src/index';

export const SECRET = 'test-app-secret';
export const TOKEN = 'test-verify-token';
export const FIXTURES = join(import.meta.dirname, 'fixtures', 'payloads');

/** `sha256=<hex>` computed with node:crypto directly. */
export function sign(body: string | Uint8Array, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface FakeRequestInit {
  method?: string;
  url?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: string | Uint8Array;
  readBody?: () => Promise<Uint8Array>;
}

/** A WebhookRequest over in-memory bytes (real HTTP is covered by the adapter suites). */
export function fakeRequest(init: FakeRequestInit = {}): WebhookRequest & { reads: number } {
  const bytes = typeof init.body === 'string' ? new TextEncoder().encode(init.body) : (init.body ?? new Uint8Array());
  const request = {
    reads: 0,
    method: init.method ?? 'POST',
    url: init.url ?? '/webhook',
    headers: init.headers ?? {},
    readBody: async () => {
      request.reads++;
      return init.readBody ? init.readBody() : bytes;
    },
  };
  return request;
}

/** A signed JSON POST. */
export function signedPost(body: string | object, options: { secret?: string; headers?: Record<string, string> } = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return fakeRequest({
    body: text,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': sign(text, options.secret),
      'content-length': String(Buffer.byteLength(text)),
      ...options.headers,
    },
  });
}

export function readFixture(relative: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, relative), 'utf8'));
}

export function readRaw(relative: string): Buffer {
  return readFileSync(join(FIXTURES, relative));
}

/** Every fixture path relative to FIXTURES, e.g. `messages/msg-text__pywa.json`. */
export function allFixtures(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((dirent) => dirent.isDirectory() && !dirent.name.startsWith('_'))
    .flatMap((dirent) =>
      readdirSync(join(FIXTURES, dirent.name))
        .filter((file) => file.endsWith('.json'))
        .map((file) => `${dirent.name}/${file}`),
    )
    .sort();
}

let counter = 0;

/** A text message item with a fresh wamid. */
export function textItem(body = 'hello', from = '15551234567'): Record<string, unknown> {
  counter++;
  return { from, id: `wamid.TEST${counter}`, timestamp: '1749416383', type: 'text', text: { body } };
}

/** A `messages` change value. */
export function messagesValue(items: {
  messages?: unknown[];
  statuses?: unknown[];
  errors?: unknown[];
  contacts?: unknown[];
}) {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550001111', phone_number_id: '106540352242922' },
    ...items,
  };
}

/** A notification envelope with the given entries of changes. */
export function envelope(
  entries: Array<Array<{ field: string; value: unknown }>>,
  object = 'whatsapp_business_account',
) {
  return {
    object,
    entry: entries.map((changes, index) => ({ id: `10293847560${index}`, changes })),
  };
}
