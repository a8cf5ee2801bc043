/**
 * `maxEventAge` (issue 16, replay of old captures): a signed notification replayed after the dedupe
 * store forgot its ids would run its handlers again. With `maxEventAge`, events whose own timestamps are
 * older than the window are answered 200 without running handlers, and counted as `stale`.
 */
import { describe, expect, it, vi } from 'vitest';
import { ConfigurationError, createWebhooks, type RequestRecord } from '../src/index';
import { envelope, messagesValue, SECRET, signedPost, textItem, TOKEN } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const seconds = (ms: number) => String(Math.floor(ms / 1000));

function textAt(ms: number, body: string): Record<string, unknown> {
  return { ...textItem(body), timestamp: seconds(ms) };
}

function statusAt(ms: number, id: string): Record<string, unknown> {
  return { id, status: 'delivered', timestamp: seconds(ms), recipient_id: '15551234567' };
}

function accountUpdateAt(ms: number, event: string) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        time: Math.floor(ms / 1000),
        changes: [{ field: 'account_update', value: { phone_number: '15550001111', event } }],
      },
    ],
  };
}

describe('maxEventAge', () => {
  it('skips stale messages and statuses, runs fresh ones beside them, and answers 200', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, maxEventAge: 8 * DAY });
    const records: RequestRecord[] = [];
    hooks.observe({ onRequest: (record) => void records.push(record) });
    const texts: string[] = [];
    const statuses: string[] = [];
    hooks.on('messages.text', (event) => void texts.push(event.message.text.body));
    hooks.on('statuses', (event) => void statuses.push(event.status.id));
    const now = Date.now();
    const value = messagesValue({
      messages: [textAt(now - 30 * DAY, 'old'), textAt(now - 60_000, 'fresh'), textAt(now - 9 * DAY, 'older')],
      statuses: [statusAt(now - 10 * DAY, 'wamid.OLD'), statusAt(now - 1000, 'wamid.NEW')],
    });
    const response = await hooks.handle(signedPost(envelope([[{ field: 'messages', value }]])));
    expect(response.status).toBe(200);
    expect(texts).toEqual(['fresh']);
    expect(statuses).toEqual(['wamid.NEW']);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 200, events: 2, stale: 3 });
  });

  it('judges a change of another field by its entry time', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, maxEventAge: 8 * DAY });
    const events: string[] = [];
    hooks.on('account_update', (event) => void events.push(event.value.event));
    const now = Date.now();
    expect(await hooks.receive(accountUpdateAt(now - 20 * DAY, 'OLD_EVENT'))).toEqual({
      delivered: 0,
      duplicates: 0,
      stale: 1,
    });
    expect(await hooks.receive(accountUpdateAt(now - 5_000, 'NEW_EVENT'))).toEqual({
      delivered: 1,
      duplicates: 0,
      stale: 0,
    });
    expect(events).toEqual(['NEW_EVENT']);
  });

  it('is off by default: a years-old message still reaches its handler', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    const handler = vi.fn();
    hooks.on('messages.text', handler);
    const old = Date.now() - 3 * 365 * DAY;
    const value = messagesValue({ messages: [textAt(old, 'ancient')] });
    expect(await hooks.receive(envelope([[{ field: 'messages', value }]]))).toEqual({
      delivered: 1,
      duplicates: 0,
      stale: 0,
    });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('keeps an event whose timestamp is not a number: it cannot be judged, so it is not skipped', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, maxEventAge: DAY });
    const texts: string[] = [];
    hooks.on('messages.text', (event) => void texts.push(event.message.text.body));
    const value = messagesValue({ messages: [{ ...textItem('odd'), timestamp: 'soon' }] });
    const result = await hooks.receive(envelope([[{ field: 'messages', value }]]));
    expect(result).toEqual({ delivered: 1, duplicates: 0, stale: 0 });
    expect(texts).toEqual(['odd']);
  });

  it('rejects a window that is not a positive number of milliseconds', () => {
    expect(() => createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, maxEventAge: -1 })).toThrow(
      ConfigurationError,
    );
    expect(() => createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, maxEventAge: Number.NaN })).toThrow(
      ConfigurationError,
    );
  });
});
