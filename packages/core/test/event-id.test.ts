/**
 * Issue 16, "dedupe ids of different kinds collide": a message id used as-is and a status id built as
 * `${id}:${status}:${recipient}` unescaped let a message whose id is `X:read:<recipient>` mark the real
 * `read` status of X as processed. Ids are now prefixed by kind and their parts escaped.
 */
import { describe, expect, it } from 'vitest';
import { createWebhooks } from '../src/index';
import { MAX_EVENT_ID_LENGTH, messageId, statusId } from '../src/event-id';
import { envelope, messagesValue, SECRET, signedPost, TOKEN } from './helpers';

const RECIPIENT = '15551234567';

function notification(value: ReturnType<typeof messagesValue>) {
  return envelope([[{ field: 'messages', value }]]);
}

describe('event ids', () => {
  it('a message whose id looks like a status id does not suppress that status (regression)', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    const seen: string[] = [];
    hooks.on('messages.text', (event) => void seen.push(`message ${event.id}`));
    hooks.on('statuses.read', (event) => void seen.push(`status ${event.id}`));
    const forged = {
      from: RECIPIENT,
      id: `wamid.X:read:${RECIPIENT}`,
      timestamp: '1749416383',
      type: 'text',
      text: { body: 'hi' },
    };
    const read = { id: 'wamid.X', status: 'read', timestamp: '1749416384', recipient_id: RECIPIENT };
    expect((await hooks.handle(signedPost(notification(messagesValue({ messages: [forged] }))))).status).toBe(200);
    expect((await hooks.handle(signedPost(notification(messagesValue({ statuses: [read] }))))).status).toBe(200);
    expect(seen).toEqual([`message m:wamid.X%3Aread%3A${RECIPIENT}`, `status s:wamid.X:read:${RECIPIENT}`]);
  });

  it('two statuses whose parts contain the separator stay distinct', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    const ids: string[] = [];
    hooks.on('statuses', (event) => void ids.push(event.id));
    // Unescaped, both would be `a:b:c:d:e`.
    const first = { id: 'a:b', status: 'c', timestamp: '1', recipient_id: 'd:e' };
    const second = { id: 'a', status: 'b:c', timestamp: '1', recipient_id: 'd:e' };
    await hooks.receive(notification(messagesValue({ statuses: [first] })));
    await hooks.receive(notification(messagesValue({ statuses: [second] })));
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it('escapes the escape character too, so an escaped part cannot be forged', () => {
    expect(messageId('a:b')).toBe('m:a%3Ab');
    expect(messageId('a%3Ab')).toBe('m:a%253Ab');
    expect(messageId('a:b')).not.toBe(messageId('a%3Ab'));
    expect(statusId('w', 'read', '1')).toBe('s:w:read:1');
    expect(statusId('w:read', 'x', '1')).not.toBe(statusId('w', 'read:x', '1'));
  });

  it('bounds an id: a huge wamid is stored as a short hash, and different huge wamids stay apart', () => {
    const huge = `wamid.${'A'.repeat(3_000_000)}`;
    const id = messageId(huge);
    expect(id.startsWith('x:')).toBe(true);
    expect(id.length).toBeLessThanOrEqual(MAX_EVENT_ID_LENGTH);
    expect(messageId(`${huge}B`)).not.toBe(id);
    expect(messageId(huge)).toBe(id);
    const ordinary = `wamid.${'B'.repeat(MAX_EVENT_ID_LENGTH - 8)}`;
    expect(messageId(ordinary)).toBe(`m:${ordinary}`);
  });

  it('a redelivered message with a huge id is still recognised as a duplicate', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    let runs = 0;
    hooks.on('messages.text', () => void runs++);
    const item = {
      from: RECIPIENT,
      id: `wamid.${'Z'.repeat(100_000)}`,
      timestamp: '1749416383',
      type: 'text',
      text: { body: 'hi' },
    };
    const body = notification(messagesValue({ messages: [item] }));
    expect(await hooks.receive(body)).toMatchObject({ delivered: 1, duplicates: 0 });
    expect(await hooks.receive(body)).toMatchObject({ delivered: 0, duplicates: 1 });
    expect(runs).toBe(1);
  });
});
