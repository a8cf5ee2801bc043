import { describe, expect, it } from 'vitest';
import { createWebhooks } from '../src/index';
import { SECRET, TOKEN } from './helpers';

const webhooks = () => createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, dedupe: false });

describe('listenedFields', () => {
  it('is empty without handlers, and onUnknown / onError do not count', () => {
    const hooks = webhooks();
    hooks.onUnknown(() => undefined);
    hooks.onError(() => undefined);
    expect(hooks.listenedFields()).toEqual([]);
  });

  it('maps event names to their Meta field: statuses and errors belong to messages', () => {
    const hooks = webhooks();
    hooks.on('statuses.read', () => undefined);
    hooks.on('errors', () => undefined);
    expect(hooks.listenedFields()).toEqual(['messages']);
    hooks.on(
      ['message_template_status_update', 'messages.interactive.button_reply', 'account_update'],
      () => undefined,
    );
    expect(hooks.listenedFields()).toEqual(['account_update', 'message_template_status_update', 'messages']);
  });

  it("is '*' with an onAny handler, and follows the removers", () => {
    const hooks = webhooks();
    const removeText = hooks.on('messages.text', () => undefined);
    const removeAny = hooks.onAny(() => undefined);
    expect(hooks.listenedFields()).toBe('*');
    removeAny();
    removeText();
    expect(hooks.listenedFields()).toEqual([]);
  });
});
