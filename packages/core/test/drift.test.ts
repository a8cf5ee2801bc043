/**
 * Drift: what Meta sends tomorrow must still be answered 200 and routed by the rules (docs/STYLE.md, "Types";
 * docs/PAYLOADS.md section 7). Each case starts from a corpus fixture and changes what Meta is known to change.
 */
import { describe, expect, it } from 'vitest';
import { createWebhooks, type KnownWebhookEvent, type UnknownEvent } from '../src/index';
import { envelope, messagesValue, readFixture, SECRET, signedPost, TOKEN } from './helpers';

type Body = { entry: Array<{ time?: number; changes: Array<{ field: string; value: Record<string, unknown> }> }> };

/** A fresh copy of a fixture, and its first change value. */
function fixture(path: string): { body: Body; value: Record<string, unknown> } {
  const body = structuredClone(readFixture(path)) as Body;
  return { body, value: body.entry[0]!.changes[0]!.value };
}

function first<T>(value: unknown): T {
  return (value as T[])[0]!;
}

/** Runs a body through `handle()` with handlers on every catch-all and on `names`. */
async function run(body: unknown, names: readonly string[] = []) {
  const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, dedupe: false });
  const named: Array<{ on: string; event: KnownWebhookEvent }> = [];
  const any: Array<KnownWebhookEvent | UnknownEvent> = [];
  const unknown: UnknownEvent[] = [];
  for (const name of names) webhooks.on(name as 'messages', (event) => void named.push({ on: name, event }));
  webhooks.onAny((event) => void any.push(event));
  webhooks.onUnknown((event) => void unknown.push(event));
  const response = await webhooks.handle(signedPost(body as object));
  return { status: response.status, named, any, unknown };
}

describe('drift in the messages field', () => {
  it('a known message with an added property: routed as before, the property kept', async () => {
    const { body, value } = fixture('messages/msg-text__meta-docs.json');
    const message = first<Record<string, unknown>>(value.messages);
    message.reply_suggestions = [{ id: 'r1' }];
    (message.text as Record<string, unknown>).format = 'markdown';
    const result = await run(body, ['messages.text']);
    expect(result.status).toBe(200);
    expect(result.unknown).toEqual([]);
    const event = result.named[0]!.event;
    expect(event.kind === 'message' && event.message).toMatchObject({
      reply_suggestions: [{ id: 'r1' }],
      text: { format: 'markdown' },
    });
  });

  it('a new message type: onUnknown and onAny with the raw item, the rest of the batch still routed', async () => {
    const { body, value } = fixture('messages/msg-text__meta-docs.json');
    const poll = {
      ...first<Record<string, unknown>>(value.messages),
      id: 'wamid.POLL',
      type: 'poll',
      poll: { question: 'Lunch?' },
    };
    value.messages = [poll, ...(value.messages as unknown[])];
    const result = await run(body, ['messages', 'messages.text']);
    expect(result.status).toBe(200);
    expect(result.unknown).toHaveLength(1);
    expect(result.unknown[0]).toMatchObject({
      reason: 'unknown_type',
      name: 'messages.poll',
      source: 'messages',
      raw: poll,
      value,
      path: ['entry', 0, 'changes', 0, 'value', 'messages', 0],
      field: 'messages',
    });
    expect(result.any.map((event) => event.name)).toEqual(['messages.poll', 'messages.text']);
    // The parent `messages` handler is for known types only.
    expect(result.named.map(({ on }) => on)).toEqual(['messages.text', 'messages']);
  });

  it('a new status value: delivered to `statuses`, not to onUnknown', async () => {
    const { body, value } = fixture('messages/status-read__pywa.json');
    first<Record<string, unknown>>(value.statuses).status = 'deleted';
    const result = await run(body, ['statuses', 'statuses.read']);
    expect(result.status).toBe(200);
    expect(result.unknown).toEqual([]);
    expect(result.named.map(({ on, event }) => `${on}:${event.name}`)).toEqual(['statuses:statuses']);
    const event = result.named[0]!.event;
    expect(event.kind === 'status' && event.status.status).toBe('deleted');
  });

  it('a status whose contact has no profile: routed, with that contact', async () => {
    const { body, value } = fixture('messages/status-delivered__pywa.json');
    const contact = first<Record<string, unknown>>(value.contacts);
    delete contact.profile;
    const result = await run(body, ['statuses.delivered']);
    expect(result.unknown).toEqual([]);
    const event = result.named[0]!.event;
    expect(event.kind === 'status' && event.contact).toEqual(contact);
    expect(event.kind === 'status' && event.contact?.profile).toBeUndefined();
  });

  it('a message without `from` (BSUID only): the sender is `from_user_id` and its contact is found by `user_id`', async () => {
    const { body, value } = fixture('messages/msg-text__pywa.json');
    const message = first<Record<string, unknown>>(value.messages);
    delete message.from;
    message.from_user_id = 'US.13491208655302741918';
    // A second contact first, so that the match is by user_id and not "the only contact".
    value.contacts = [
      { user_id: 'US.999', profile: { name: 'Someone else' } },
      { user_id: 'US.13491208655302741918', profile: { name: 'Pablo' } },
    ];
    const result = await run(body, ['messages.text']);
    expect(result.unknown).toEqual([]);
    expect(result.named[0]!.event).toMatchObject({
      sender: 'US.13491208655302741918',
      senderName: 'Pablo',
      contact: { user_id: 'US.13491208655302741918' },
    });
  });

  it('numeric timestamps on messages, statuses and the entry', async () => {
    const message = { from: '16505551234', id: 'wamid.NUM', timestamp: 1749416383, type: 'text', text: { body: 'hi' } };
    const status = { id: 'wamid.OUT', status: 'sent', timestamp: 1749416384, recipient_id: '16505551234' };
    const body = envelope([
      [{ field: 'messages', value: messagesValue({ messages: [message], statuses: [status] }) }],
    ]) as unknown as Body;
    body.entry[0]!.time = 1749416385;
    const result = await run(body, ['messages.text', 'statuses.sent']);
    expect(result.unknown).toEqual([]);
    expect(
      result.named.map(({ event }) => [
        event.name,
        'timestamp' in event ? event.timestamp : undefined,
        event.entryTime,
      ]),
    ).toEqual([
      ['messages.text', 1749416383000, 1749416385],
      ['statuses.sent', 1749416384000, 1749416385],
    ]);
  });

  it('a new interactive sub-type and a new system sub-type reach onUnknown with their dotted name', async () => {
    const item = (type: string, object: unknown) => ({
      from: '1',
      id: `wamid.${type}`,
      timestamp: '1',
      type,
      [type]: object,
    });
    const value = messagesValue({
      messages: [
        item('interactive', { type: 'carousel_reply', carousel_reply: { id: 'c' } }),
        item('system', { type: 'user_blocked_business' }),
      ],
    });
    const result = await run(envelope([[{ field: 'messages', value }]]));
    expect(result.status).toBe(200);
    expect(result.unknown.map((event) => `${event.name}:${event.reason}`)).toEqual([
      'messages.interactive.carousel_reply:unknown_type',
      'messages.system.user_blocked_business:unknown_type',
    ]);
  });
});

describe('drift in the other fields', () => {
  it('a new field: onUnknown and onAny with its raw value', async () => {
    const value = { messaging_product: 'whatsapp', brand_new: { nested: [1, 2] } };
    const result = await run(envelope([[{ field: 'conversation_summaries', value }]]));
    expect(result.status).toBe(200);
    expect(result.unknown).toHaveLength(1);
    expect(result.unknown[0]).toMatchObject({
      reason: 'unknown_field',
      name: 'conversation_summaries',
      field: 'conversation_summaries',
      source: 'change',
      value,
    });
    expect(result.any).toEqual(result.unknown);
  });

  it('a new value of an open enum and an added property: still the typed event', async () => {
    const { body, value } = fixture('account_update/account-violation__meta-docs.json');
    value.event = 'ACCOUNT_SUSPENDED_FOR_REVIEW';
    value.review_info = { until: 1767225600 };
    const result = await run(body, ['account_update']);
    expect(result.unknown).toEqual([]);
    expect(result.named[0]!.event).toMatchObject({
      name: 'account_update',
      value: { event: 'ACCOUNT_SUSPENDED_FOR_REVIEW', review_info: { until: 1767225600 } },
    });
  });

  it('ids and timestamps as strings or numbers, whichever Meta picks', async () => {
    const { body, value } = fixture(
      'template_category_update/template-that-will-be-recategorized-as-marketing-i__meta-docs.json',
    );
    value.message_template_id = String(value.message_template_id);
    value.category_update_timestamp = String(value.category_update_timestamp);
    const groups = fixture('group_lifecycle_update/group-delete__meta-docs-derived.json');
    first<Record<string, unknown>>(groups.value.groups).timestamp = 1761890000;
    const prefs = fixture('user_preferences/example__meta-docs.json');
    first<Record<string, unknown>>(prefs.value.user_preferences).timestamp = '1731705721';
    for (const changed of [body, groups.body, prefs.body]) {
      const result = await run(changed);
      expect(result.status).toBe(200);
      expect(result.unknown).toEqual([]);
      expect(result.any).toHaveLength(1);
    }
  });

  it('account_alerts in both documented shapes, nested and flat', async () => {
    const alertTypes: unknown[] = [];
    for (const path of [
      'account_alerts/example__meta-docs.json',
      'account_alerts/dashboard-test-flat-oba-approved.json',
    ]) {
      const result = await run(readFixture(path), ['account_alerts']);
      expect(result.unknown).toEqual([]);
      const event = result.named[0]!.event;
      if (event.name === 'account_alerts')
        alertTypes.push(event.value.alert_info?.alert_type ?? event.value.alert_type);
    }
    expect(alertTypes).toEqual(['INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED', 'OBA_APPROVED']);
  });

  it('a malformed message inside a history thread reaches onUnknown alone; the rest reaches the typed handler (issue 15)', async () => {
    const { body, value } = fixture('history/chat-history-two-threads-phase0__meta-docs.json');
    const chunk = first<{ threads: Array<{ messages: Array<Record<string, unknown>> }> }>(value.history);
    const bad = chunk.threads[0]!.messages[1]!;
    delete bad.timestamp; // a required key
    const result = await run(body, ['history']);
    expect(result.status).toBe(200);
    const event = result.named[0]!.event;
    expect(event.name).toBe('history');
    if (event.name !== 'history') return;
    const threads = event.value.history?.[0]?.threads ?? [];
    expect(threads.map((thread) => thread.messages.length)).toEqual([2, 1]);
    expect(threads[0]!.messages.map((message) => message.id)).not.toContain(bad.id);
    // The typed value is a copy; the event's raw value is the change exactly as Meta sent it.
    expect((event.raw as typeof value).history).toEqual(value.history);
    expect(result.unknown).toHaveLength(1);
    expect(result.unknown[0]).toMatchObject({
      reason: 'invalid_item',
      name: 'history',
      source: 'item',
      raw: bad,
      value,
      path: ['entry', 0, 'changes', 0, 'value', 'history', 0, 'threads', 0, 'messages', 1],
    });
    expect(result.unknown[0]!.issues?.[0]?.path).toEqual(['history', 0, 'threads', 0, 'messages', 1, 'timestamp']);
  });

  it('a change whose problem is not inside an array item stays unknown as a whole', async () => {
    const { body, value } = fixture('history/chat-history-two-threads-phase0__meta-docs.json');
    value.metadata = 'not an object';
    const result = await run(body, ['history']);
    expect(result.named).toEqual([]);
    expect(result.unknown.map((event) => event.reason)).toEqual(['invalid_shape']);
  });

  it('a known field whose value does not fit: onUnknown with the issues, still 200', async () => {
    const { body, value } = fixture('security/example__meta-docs.json');
    delete value.event;
    const result = await run(body, ['security']);
    expect(result.status).toBe(200);
    expect(result.named).toEqual([]);
    expect(result.unknown[0]).toMatchObject({ reason: 'invalid_shape', name: 'security', source: 'change', value });
    expect(result.unknown[0]!.issues?.[0]?.path).toEqual(['event']);
  });

  it('a messages-like field with several items stays one event per change', async () => {
    const { body, value } = fixture('user_preferences/resume__pywa.json');
    value.user_preferences = [
      ...(value.user_preferences as unknown[]),
      { ...first<object>(value.user_preferences), value: 'stop' },
    ];
    const result = await run(body, ['user_preferences']);
    expect(result.named).toHaveLength(1);
    const event = result.named[0]!.event;
    expect(event.name === 'user_preferences' && event.value.user_preferences.map((item) => item.value)).toEqual([
      'resume',
      'stop',
    ]);
  });
});
