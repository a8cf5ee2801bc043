/**
 * Builders for notification bodies and access to the corpus fixtures of core. Every text message gets
 * a fresh wamid, because deduplication is on by default and would skip a repeated id.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the payload corpus (`packages/core/test/fixtures/payloads`). */
export const FIXTURES_DIR = fileURLToPath(new URL('../../core/test/fixtures/payloads/', import.meta.url));

/** Reads a corpus file byte for byte, e.g. `_raw-bodies/messages-image-caption-unicode-escaped.raw.json`. */
export function readFixtureBytes(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES_DIR, relativePath)));
}

let counter = 0;

/** A wamid no other message of this process has. */
export function freshWamid(): string {
  counter += 1;
  return `wamid.CONFORMANCE${process.pid}X${Date.now().toString(36)}X${counter}`;
}

/** A text message item as Meta sends it in `value.messages[]`. */
export interface TextMessageItem {
  readonly from: string;
  readonly id: string;
  readonly timestamp: string;
  readonly type: 'text';
  readonly text: { readonly body: string };
}

/** A text message item with a fresh wamid (or the given one). */
export function textMessage(body: string, id: string = freshWamid()): TextMessageItem {
  return { from: '15551234567', id, timestamp: '1749416383', type: 'text', text: { body } };
}

/** One `messages` change carrying `messages`. */
export function messagesChange(messages: readonly TextMessageItem[]): {
  field: 'messages';
  value: Record<string, unknown>;
} {
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550001111', phone_number_id: '106540352242922' },
      contacts: [{ profile: { name: 'Conformance' }, wa_id: '15551234567' }],
      messages,
    },
  };
}

/** A notification envelope: one entry per inner array, holding those changes. */
export function notification(
  entries: ReadonlyArray<ReadonlyArray<ReturnType<typeof messagesChange>>>,
): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: entries.map((changes, index) => ({ id: `10293847560${index}`, time: 1749416384, changes })),
  };
}

/** A compact notification body holding one text message, and that message's wamid. */
export function textNotification(text = 'hello'): { readonly body: string; readonly wamid: string } {
  const message = textMessage(text);
  return { body: JSON.stringify(notification([[messagesChange([message])]])), wamid: message.id };
}

/**
 * A compact notification body of exactly `size` bytes (one text message padded with `x`), and its wamid.
 * Sizes below about 400 bytes cannot hold a notification and throw.
 */
export function notificationOfSize(size: number): { readonly body: string; readonly wamid: string } {
  const wamid = freshWamid();
  const empty = JSON.stringify(notification([[messagesChange([textMessage('', wamid)])]]));
  const padding = size - Buffer.byteLength(empty);
  if (padding < 0) throw new RangeError(`A notification needs at least ${Buffer.byteLength(empty)} bytes.`);
  const body = JSON.stringify(notification([[messagesChange([textMessage('x'.repeat(padding), wamid)])]]));
  return { body, wamid };
}
