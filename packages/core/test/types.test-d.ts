import { describe, expectTypeOf, it } from 'vitest';
import { createWebhooks, type Contact, type Status, type UnknownEvent, type WebhookEventName } from '../src/index';

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
