import { createWebhooks, type KnownWebhookEvent, type UnknownEvent } from '@wa-webhooks/core';
import {
  buttonReplyMessageSchema,
  listReplyMessageSchema,
  messageTemplateStatusUpdateSchema,
  messagesValueSchema,
  notificationSchema,
  statusSchema,
  textMessageSchema,
} from '@wa-webhooks/core/schemas';
import { describe, expect, it } from 'vitest';
import {
  buildBatch,
  buildButtonReply,
  buildFixture,
  buildListReply,
  buildMessage,
  buildNotification,
  buildStatus,
  buildTemplateStatusUpdate,
  buildTextMessage,
  freshWamid,
  type WebhookPayload,
} from '../src/index';

/** Runs a payload through core and returns the events it produced. */
async function receive(
  payload: WebhookPayload,
): Promise<{ events: KnownWebhookEvent[]; unknown: UnknownEvent[]; delivered: number }> {
  const webhooks = createWebhooks({ appSecret: 'builder-secret', verifyToken: 'builder-token' });
  const events: KnownWebhookEvent[] = [];
  const unknown: UnknownEvent[] = [];
  // Handlers on every specific name we build, so core checks each item against its schema.
  webhooks.on(
    [
      'messages.text',
      'messages.location',
      'messages.interactive.button_reply',
      'messages.interactive.list_reply',
      'statuses',
      'message_template_status_update',
      'user_preferences',
    ],
    (event) => void events.push(event as KnownWebhookEvent),
  );
  webhooks.onUnknown((event) => void unknown.push(event));
  const { delivered } = await webhooks.receive(payload);
  return { events, unknown, delivered };
}

function onlyValue(payload: WebhookPayload): Record<string, unknown> {
  expect(payload.entry).toHaveLength(1);
  expect(payload.entry[0]!.changes).toHaveLength(1);
  return payload.entry[0]!.changes[0]!.value;
}

function firstItem(payload: WebhookPayload, key: 'messages' | 'statuses'): Record<string, unknown> {
  return (onlyValue(payload)[key] as Record<string, unknown>[])[0]!;
}

describe('buildTextMessage', () => {
  it("passes core's schemas and arrives as messages.text with the given sender and text", async () => {
    const payload = buildTextMessage({ from: '4915112345678', body: 'Is my order on its way?', name: 'Ada' });
    expect(notificationSchema.safeParse(payload).success).toBe(true);
    expect(messagesValueSchema.safeParse(onlyValue(payload)).success).toBe(true);
    expect(textMessageSchema.safeParse(firstItem(payload, 'messages')).success).toBe(true);
    const { events, unknown } = await receive(payload);
    expect(unknown).toEqual([]);
    expect(events).toHaveLength(1);
    const event = events[0]! as KnownWebhookEvent & {
      sender: string;
      senderName?: string;
      message: { text: { body: string } };
    };
    expect(event.name).toBe('messages.text');
    expect(event.sender).toBe('4915112345678');
    expect(event.senderName).toBe('Ada');
    expect(event.message.text.body).toBe('Is my order on its way?');
  });

  it("follows Meta's shape: envelope, metadata, contacts, wamid, string timestamp", () => {
    const payload = buildTextMessage({ body: 'hi', timestamp: new Date('2026-01-02T03:04:05Z') });
    expect(payload.object).toBe('whatsapp_business_account');
    expect(payload.entry[0]!.time).toBeUndefined(); // messages entries carry no time
    expect(payload.entry[0]!.changes[0]!.field).toBe('messages');
    const value = onlyValue(payload);
    expect(value.messaging_product).toBe('whatsapp');
    expect(value.metadata).toEqual({ display_phone_number: '15550783881', phone_number_id: '106540352242922' });
    expect(value.contacts).toEqual([{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }]);
    const message = firstItem(payload, 'messages');
    expect(message.id).toMatch(/^wamid\.[A-Za-z0-9+/]+=*$/);
    expect(message.timestamp).toBe('1767323045');
    expect(message).toMatchObject({ from: '16505551234', type: 'text', text: { body: 'hi' } });
  });

  it('gives every build a fresh wamid, so a deduplicating receiver runs each one', async () => {
    const webhooks = createWebhooks({ appSecret: 's', verifyToken: 't' });
    const seen: string[] = [];
    webhooks.on('messages.text', (event) => void seen.push(event.id));
    for (let index = 0; index < 3; index++) await webhooks.receive(buildTextMessage({ body: 'same text' }));
    expect(new Set(seen).size).toBe(3);
  });

  it('keeps the id it is given (so a test can send a duplicate on purpose)', async () => {
    const id = freshWamid();
    const webhooks = createWebhooks({ appSecret: 's', verifyToken: 't' });
    let calls = 0;
    webhooks.on('messages.text', () => void (calls += 1));
    const first = await webhooks.receive(buildTextMessage({ id }));
    const second = await webhooks.receive(buildTextMessage({ id }));
    expect([first.delivered, second.duplicates, calls]).toEqual([1, 1, 1]);
  });

  it('adds the BSUID and a reply context when given', async () => {
    const payload = buildTextMessage({
      userId: 'US.13491208655302741918',
      context: { from: '15550783881', id: 'wamid.X' },
    });
    expect(firstItem(payload, 'messages')).toMatchObject({
      from_user_id: 'US.13491208655302741918',
      context: { from: '15550783881', id: 'wamid.X' },
    });
    expect((onlyValue(payload).contacts as unknown[])[0]).toMatchObject({ user_id: 'US.13491208655302741918' });
    const { events, unknown } = await receive(payload);
    expect([events.length, unknown.length]).toEqual([1, 0]);
  });
});

describe('freshWamid', () => {
  it("looks like Meta's: base64 of a record holding the phone number", () => {
    const wamid = freshWamid('60100000000');
    expect(wamid).toMatch(/^wamid\.HBgL/);
    expect(Buffer.from(wamid.slice(6), 'base64').toString('latin1')).toContain('60100000000');
    expect(freshWamid()).not.toBe(freshWamid());
  });
});

describe('buildButtonReply and buildListReply', () => {
  it('build interactive replies that core routes to their sub-type', async () => {
    const button = buildButtonReply({ buttonId: 'confirm', title: 'Confirm' });
    const list = buildListReply({ rowId: 'row-2', title: 'Express', description: 'Next day' });
    expect(buttonReplyMessageSchema.safeParse(firstItem(button, 'messages')).success).toBe(true);
    expect(listReplyMessageSchema.safeParse(firstItem(list, 'messages')).success).toBe(true);
    expect(firstItem(button, 'messages').context).toMatchObject({ from: '15550783881' });
    const { events, unknown } = await receive(buildBatch([button, list]));
    expect(unknown).toEqual([]);
    expect(events.map((event) => event.name)).toEqual([
      'messages.interactive.button_reply',
      'messages.interactive.list_reply',
    ]);
    const [first, second] = events as unknown as [
      { message: { interactive: { button_reply: unknown } } },
      { message: { interactive: { list_reply: unknown } } },
    ];
    expect(first.message.interactive.button_reply).toEqual({ id: 'confirm', title: 'Confirm' });
    expect(second.message.interactive.list_reply).toEqual({ id: 'row-2', title: 'Express', description: 'Next day' });
  });
});

describe('buildMessage', () => {
  it('wraps any message type', async () => {
    const payload = buildMessage(
      { type: 'location', location: { latitude: 52.52, longitude: 13.405 } },
      { from: '4915112345678' },
    );
    const { events, unknown } = await receive(payload);
    expect(unknown).toEqual([]);
    expect(events.map((event) => event.name)).toEqual(['messages.location']);
  });
});

describe('buildStatus', () => {
  it.each(['sent', 'delivered', 'read', 'failed', 'played'] as const)(
    'builds a %s status that passes statusSchema and routes to statuses.%s',
    async (status) => {
      const payload = buildStatus({ status, recipientId: '4915112345678' });
      const item = firstItem(payload, 'statuses');
      expect(statusSchema.safeParse(item).success).toBe(true);
      expect(item.recipient_id).toBe('4915112345678');
      const { events, unknown } = await receive(payload);
      expect(unknown).toEqual([]);
      expect(events.map((event) => event.name)).toEqual([`statuses.${status}`]);
      expect(events[0]!.id).toBe(`s:${String(item.id)}:${status}:4915112345678`);
    },
  );

  it('puts pricing on sent and delivered, errors on failed, as Meta does', () => {
    expect(firstItem(buildStatus({ status: 'delivered' }), 'statuses').pricing).toEqual({
      billable: true,
      pricing_model: 'PMP',
      category: 'utility',
      type: 'regular',
    });
    expect(firstItem(buildStatus({ status: 'read' }), 'statuses').pricing).toBeUndefined();
    expect(firstItem(buildStatus({ status: 'delivered', pricing: null }), 'statuses').pricing).toBeUndefined();
    const failed = firstItem(buildStatus({ status: 'failed' }), 'statuses');
    expect(failed.pricing).toBeUndefined();
    expect(failed.errors).toEqual([expect.objectContaining({ code: 131049 })]);
  });

  it('uses the wamid it is given and extra keys', () => {
    const item = firstItem(
      buildStatus({ status: 'read', id: 'wamid.SENT', extra: { biz_opaque_callback_data: 'order-7' } }),
      'statuses',
    );
    expect(item).toMatchObject({ id: 'wamid.SENT', biz_opaque_callback_data: 'order-7' });
  });

  it('routes a status value Meta may add later to plain statuses', async () => {
    const { events, unknown } = await receive(buildStatus({ status: 'deleted' }));
    expect(unknown).toEqual([]);
    expect(events.map((event) => event.name)).toEqual(['statuses']);
  });
});

describe('buildTemplateStatusUpdate', () => {
  it('passes messageTemplateStatusUpdateSchema and routes to message_template_status_update', async () => {
    const payload = buildTemplateStatusUpdate({
      event: 'REJECTED',
      templateName: 'spring_sale',
      reason: 'INCORRECT_CATEGORY',
      category: 'MARKETING',
    });
    const value = onlyValue(payload);
    expect(messageTemplateStatusUpdateSchema.safeParse(value).success).toBe(true);
    expect(value).toEqual({
      event: 'REJECTED',
      message_template_id: 1689556908129832,
      message_template_name: 'spring_sale',
      message_template_language: 'en_US',
      reason: 'INCORRECT_CATEGORY',
      message_template_category: 'MARKETING',
    });
    expect(payload.entry[0]!.time).toEqual(expect.any(Number));
    const { events, unknown } = await receive(payload);
    expect(unknown).toEqual([]);
    expect(events.map((event) => event.name)).toEqual(['message_template_status_update']);
  });

  it('gives each build a distinct entry time, so each is a distinct event', async () => {
    const first = await receive(buildTemplateStatusUpdate());
    const second = await receive(buildTemplateStatusUpdate());
    expect(second.events[0]!.id).not.toBe(first.events[0]!.id);
  });
});

describe('buildNotification', () => {
  it('wraps a value of any field', async () => {
    const payload = buildNotification('user_preferences', {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
      contacts: [{ wa_id: '16505551234', profile: { name: 'Sheena Nelson' } }],
      user_preferences: [
        {
          wa_id: '16505551234',
          detail: 'User requested to stop marketing messages',
          category: 'marketing_messages',
          value: 'stop',
          timestamp: 1731705721,
        },
      ],
    });
    const { events, unknown } = await receive(payload);
    expect(unknown).toEqual([]);
    expect(events.map((event) => event.name)).toEqual(['user_preferences']);
  });
});

describe('buildBatch', () => {
  it('merges notifications into one POST: one entry per account, every change, in order', async () => {
    const batch = buildBatch([
      buildTextMessage({ body: 'one' }),
      buildTextMessage({ body: 'two' }),
      buildStatus({ status: 'read' }),
      buildTextMessage({ body: 'other account', wabaId: '999' }),
    ]);
    expect(notificationSchema.safeParse(batch).success).toBe(true);
    expect(batch.entry.map((entry) => [entry.id, entry.changes.length])).toEqual([
      ['102290129340398', 3],
      ['999', 1],
    ]);
    const { events, unknown, delivered } = await receive(batch);
    expect(unknown).toEqual([]);
    expect(delivered).toBe(4);
    expect(events.map((event) => event.name)).toEqual([
      'messages.text',
      'messages.text',
      'statuses.read',
      'messages.text',
    ]);
  });

  it('keeps fixture kinds apart by entry time, so N builds give N events', async () => {
    const batch = buildBatch(Array.from({ length: 5 }, () => buildFixture('message_template_status_update')));
    expect(batch.entry).toHaveLength(5);
    const { events } = await receive(batch);
    expect(new Set(events.map((event) => event.id)).size).toBe(5);
  });

  it('does not change the payloads it was given', () => {
    const one = buildTextMessage();
    buildBatch([one, buildTextMessage()]);
    expect(one.entry[0]!.changes).toHaveLength(1);
  });
});
