import { describe, expectTypeOf, it } from 'vitest';
import {
  createWebhooks,
  type ButtonReplyMessage,
  type Contact,
  type History,
  type KnownStatusValue,
  type MessageEvent,
  type RawObject,
  type Status,
  type StatusValue,
  type TextMessage,
  type UnknownEvent,
  type UnknownReason,
  type UnknownSource,
  type WebhookEventName,
} from '../src/index';
import { type STATUS_VALUES, textMessageSchema, type KeepsUnknownKeys } from '../src/schemas/index';
import type { z } from 'zod';

const webhooks = createWebhooks({ appSecret: 's', verifyToken: 't' });

describe('event types', () => {
  it("on('messages.text') narrows event.message.text.body to string", () => {
    webhooks.on('messages.text', (event) => {
      expectTypeOf(event.message.text.body).toEqualTypeOf<string>();
      expectTypeOf(event.name).toEqualTypeOf<'messages.text'>();
      expectTypeOf(event.message.type).toEqualTypeOf<'text'>();
      expectTypeOf(event.contact).toEqualTypeOf<Contact | undefined>();
      expectTypeOf(event.sender).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.timestamp).toEqualTypeOf<number>();
      expectTypeOf(event.phoneNumberId).toEqualTypeOf<string>();
    });
  });

  it('parent names receive the union of their children, discriminated by name', () => {
    webhooks.on('messages', (event) => {
      if (event.name === 'messages.image') expectTypeOf(event.message.image.id).toEqualTypeOf<string>();
      if (event.message.type === 'location') expectTypeOf(event.message.location.latitude).toEqualTypeOf<number>();
    });
    webhooks.on('messages.interactive', (event) => {
      if (event.message.interactive.type === 'list_reply') {
        expectTypeOf(event.message.interactive.list_reply.id).toEqualTypeOf<string>();
      }
    });
    webhooks.on('messages.interactive.nfm_reply', (event) => {
      expectTypeOf(event.message.interactive.nfm_reply.response_json).toEqualTypeOf<string>();
    });
  });

  it('arrays of names receive the union of their events', () => {
    webhooks.on(['statuses.delivered', 'statuses.read'], (event) => {
      expectTypeOf(event.name).toEqualTypeOf<'statuses.delivered' | 'statuses.read'>();
      expectTypeOf(event.status.status).toEqualTypeOf<'delivered' | 'read'>();
      expectTypeOf(event.status).toExtend<Status>();
    });
  });

  it('open enums keep their known values for autocompletion and accept any string', () => {
    webhooks.on('statuses', (event) => {
      expectTypeOf<'sent'>().toExtend<typeof event.status.status>();
      expectTypeOf<'something-new'>().toExtend<typeof event.status.status>();
    });
  });

  it('field events receive the typed change value', () => {
    webhooks.on('message_template_status_update', (event) => {
      expectTypeOf(event.value.message_template_name).toEqualTypeOf<string>();
      expectTypeOf(event.value.message_template_id).toEqualTypeOf<string | number>();
    });
  });

  it('catch-alls receive known and unknown events', () => {
    webhooks.onUnknown((event) => expectTypeOf(event).toEqualTypeOf<UnknownEvent>());
    webhooks.onAny((event) => {
      if (event.kind === 'unknown') expectTypeOf(event.reason).toBeString();
      if (event.kind === 'message') expectTypeOf(event.message).not.toBeAny();
    });
  });

  it('rejects unknown event names at compile time', () => {
    // @ts-expect-error: not an event name
    webhooks.on('messages.poll', () => undefined);
    // @ts-expect-error: not an event name
    webhooks.on(['statuses.read', 'statuses.bogus'], () => undefined);
    expectTypeOf<'messages.text'>().toExtend<WebhookEventName>();
    expectTypeOf<'messages.poll'>().not.toExtend<WebhookEventName>();
  });
});

describe('exact types', () => {
  it('handlers receive the named item types, without an index signature', () => {
    webhooks.on('messages.text', (event) => {
      expectTypeOf(event.message).toEqualTypeOf<TextMessage>();
      expectTypeOf(event).toEqualTypeOf<MessageEvent<'messages.text', TextMessage>>();
      expectTypeOf<keyof TextMessage>().toEqualTypeOf<
        | 'id'
        | 'from'
        | 'from_user_id'
        | 'from_parent_user_id'
        | 'group_id'
        | 'timestamp'
        | 'type'
        | 'context'
        | 'referral'
        | 'errors'
        | 'identity'
        | 'text'
      >();
      expectTypeOf<keyof TextMessage['text']>().toEqualTypeOf<'body'>();
    });
    webhooks.on('messages.interactive.button_reply', (event) => {
      expectTypeOf(event.message).toEqualTypeOf<ButtonReplyMessage>();
      expectTypeOf<keyof ButtonReplyMessage['interactive']['button_reply']>().toEqualTypeOf<'id' | 'title'>();
    });
    webhooks.on('history', (event) => expectTypeOf(event.value).toEqualTypeOf<History>());
    expectTypeOf<string>().not.toExtend<keyof Status>();
    expectTypeOf<string>().not.toExtend<keyof z.infer<typeof textMessageSchema>>();
  });

  it('raw is the escape hatch: every key, typed unknown, read-only', () => {
    webhooks.on('messages.text', (event) => {
      expectTypeOf(event.raw).toEqualTypeOf<RawObject>();
      expectTypeOf(event.raw.anything).toEqualTypeOf<unknown>();
      expectTypeOf<RawObject>().toEqualTypeOf<Readonly<Record<string, unknown>>>();
    });
    webhooks.on('statuses', (event) => expectTypeOf(event.raw).toEqualTypeOf<RawObject>());
    webhooks.on('errors', (event) => expectTypeOf(event.raw).toEqualTypeOf<RawObject>());
    webhooks.on('security', (event) => expectTypeOf(event.raw).toEqualTypeOf<RawObject>());
  });

  it('the object config of the schemas keeps zod from adding an index signature', () => {
    expectTypeOf<KeepsUnknownKeys>().toEqualTypeOf<z.core.$strip>();
    expectTypeOf(textMessageSchema).toExtend<z.ZodObject<z.core.$ZodShape, KeepsUnknownKeys>>();
  });
});

describe('open status values', () => {
  it('StatusValue is open; KnownStatusValue is the documented list', () => {
    expectTypeOf<KnownStatusValue>().toEqualTypeOf<'sent' | 'delivered' | 'read' | 'failed' | 'played'>();
    expectTypeOf<(typeof STATUS_VALUES)[number]>().toEqualTypeOf<KnownStatusValue>();
    expectTypeOf<'deleted'>().toExtend<StatusValue>();
    expectTypeOf<KnownStatusValue>().toExtend<StatusValue>();
    expectTypeOf<Status['status']>().toEqualTypeOf<StatusValue>();
  });
});

describe('unknown events', () => {
  it('carry raw, value, path, source and issues', () => {
    webhooks.onUnknown((event) => {
      expectTypeOf(event.raw).toEqualTypeOf<unknown>();
      expectTypeOf(event.value).toEqualTypeOf<unknown>();
      expectTypeOf(event.path).toEqualTypeOf<readonly (string | number)[]>();
      expectTypeOf(event.source).toEqualTypeOf<UnknownSource>();
      expectTypeOf<'invalid_item'>().toExtend<UnknownReason>();
      expectTypeOf<'item'>().toExtend<UnknownSource>();
    });
    expectTypeOf<keyof UnknownEvent>().toEqualTypeOf<
      | 'kind'
      | 'name'
      | 'reason'
      | 'field'
      | 'id'
      | 'entryId'
      | 'entryTime'
      | 'raw'
      | 'value'
      | 'source'
      | 'path'
      | 'issues'
    >();
  });
});
