import { describe, expect, it, vi } from 'vitest';
import { createWebhooks, type UnknownEvent } from '../src/index';
import { envelope, messagesValue, readFixture, SECRET, signedPost, textItem, TOKEN } from './helpers';

const webhooks = () => createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, dedupe: false });

describe('fan-out', () => {
  it('dispatches every entry × change × item in order (2 × 2 × 3 = 12)', async () => {
    const hooks = webhooks();
    const seen: string[] = [];
    hooks.on('messages.text', (event) => {
      seen.push(`${event.entryId}/${event.message.text.body}`);
    });
    const change = (entry: number, change: number) => ({
      field: 'messages',
      value: messagesValue({ messages: [0, 1, 2].map((item) => textItem(`e${entry}c${change}m${item}`)) }),
    });
    const body = envelope([
      [change(0, 0), change(0, 1)],
      [change(1, 0), change(1, 1)],
    ]);
    const response = await hooks.handle(signedPost(body));
    expect(response.status).toBe(200);
    expect(seen).toEqual([
      '102938475600/e0c0m0',
      '102938475600/e0c0m1',
      '102938475600/e0c0m2',
      '102938475600/e0c1m0',
      '102938475600/e0c1m1',
      '102938475600/e0c1m2',
      '102938475601/e1c0m0',
      '102938475601/e1c0m1',
      '102938475601/e1c0m2',
      '102938475601/e1c1m0',
      '102938475601/e1c1m1',
      '102938475601/e1c1m2',
    ]);
  });

  it('dispatches messages, statuses and value-level errors of one change', async () => {
    const hooks = webhooks();
    const names: string[] = [];
    hooks.onAny((event) => {
      names.push(event.name);
    });
    const value = messagesValue({
      messages: [textItem()],
      statuses: [{ id: 'wamid.S1', status: 'delivered', timestamp: '1', recipient_id: '1555' }],
      errors: [{ code: 130429, title: 'Rate limit hit' }],
    });
    await hooks.handle(signedPost(envelope([[{ field: 'messages', value }]])));
    expect(names).toEqual(['messages.text', 'statuses.delivered', 'errors']);
  });
});

describe('handler order and parents', () => {
  it('runs the specific name, then its parents, then onAny, for each event', async () => {
    const hooks = webhooks();
    const calls: string[] = [];
    hooks.onAny((event) => void calls.push(`any:${event.name}`));
    hooks.on('messages', (event) => void calls.push(`messages:${event.name}`));
    hooks.on('messages.interactive', (event) => void calls.push(`interactive:${event.name}`));
    hooks.on(
      'messages.interactive.button_reply',
      (event) => void calls.push(`button_reply:${event.message.interactive.button_reply.id}`),
    );
    await hooks.handle(signedPost(readFixture('messages/msg-interactive-button-reply__meta-docs.json') as object));
    expect(calls).toEqual([
      'button_reply:cancel-button',
      'interactive:messages.interactive.button_reply',
      'messages:messages.interactive.button_reply',
      'any:messages.interactive.button_reply',
    ]);
  });

  it('registers one handler for several names', async () => {
    const hooks = webhooks();
    const handler = vi.fn();
    hooks.on(['statuses.delivered', 'statuses.read'], handler);
    const value = messagesValue({
      statuses: ['sent', 'delivered', 'read'].map((status) => ({
        id: 'wamid.A',
        status,
        timestamp: '1',
        recipient_id: '1',
      })),
    });
    await hooks.handle(signedPost(envelope([[{ field: 'messages', value }]])));
    expect(handler.mock.calls.map(([event]) => event.name)).toEqual(['statuses.delivered', 'statuses.read']);
  });

  it('the function on() and the catch-alls return removes that registration, and only it', async () => {
    const hooks = webhooks();
    const named = vi.fn();
    const any = vi.fn();
    const unknown = vi.fn();
    const twice = vi.fn();
    const removeNamed = hooks.on(['messages.text', 'messages'], named);
    const removeAny = hooks.onAny(any);
    const removeUnknown = hooks.onUnknown(unknown);
    hooks.on('messages.text', twice);
    const removeSecond = hooks.on('messages.text', twice);
    removeNamed();
    removeNamed(); // harmless
    removeAny();
    removeUnknown();
    removeSecond();
    await hooks.handle(
      signedPost(envelope([[{ field: 'messages', value: messagesValue({ messages: [textItem()] }) }]])),
    );
    expect(named).not.toHaveBeenCalled();
    expect(any).not.toHaveBeenCalled();
    expect(unknown).not.toHaveBeenCalled();
    // The same function registered twice: one remover removes one registration.
    expect(twice).toHaveBeenCalledTimes(1);
  });

  it('awaits async handlers one after another', async () => {
    const hooks = webhooks();
    const log: string[] = [];
    hooks.on('messages.text', async (event) => {
      log.push(`start ${event.message.text.body}`);
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`end ${event.message.text.body}`);
    });
    const value = messagesValue({ messages: [textItem('a'), textItem('b')] });
    await hooks.handle(signedPost(envelope([[{ field: 'messages', value }]])));
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});

describe('the event', () => {
  it('carries the item, metadata, contact, sender and a millisecond timestamp', async () => {
    const hooks = webhooks();
    const handler = vi.fn();
    hooks.on('messages.text', handler);
    const fixture = readFixture('messages/msg-text__meta-docs.json') as {
      entry: [{ id: string; changes: [{ value: { messages: [unknown]; contacts: [unknown]; metadata: unknown } }] }];
    };
    await hooks.handle(signedPost(fixture));
    const event = handler.mock.calls[0]![0];
    const value = fixture.entry[0].changes[0].value;
    expect(event).toMatchObject({
      kind: 'message',
      name: 'messages.text',
      field: 'messages',
      entryId: fixture.entry[0].id,
      message: value.messages[0],
      raw: value.messages[0],
      contact: value.contacts[0],
      metadata: value.metadata,
      phoneNumberId: (value.metadata as { phone_number_id: string }).phone_number_id,
      id: `m:${(value.messages[0] as { id: string }).id}`,
    });
    expect(event.raw).toBe(event.message);
    expect(event.sender).toBe((value.messages[0] as { from: string }).from);
    expect(event.senderName).toBe((value.contacts[0] as { profile: { name: string } }).profile.name);
    expect(event.timestamp).toBe(Number((value.messages[0] as { timestamp: string }).timestamp) * 1000);
  });

  it('keeps unknown keys of the item (no copy, no stripping)', async () => {
    const hooks = webhooks();
    const handler = vi.fn();
    hooks.on('messages.text', handler);
    const item = { ...textItem(), brand_new_key: { nested: true } };
    await hooks.handle(signedPost(envelope([[{ field: 'messages', value: messagesValue({ messages: [item] }) }]])));
    expect(handler.mock.calls[0]![0].message.brand_new_key).toEqual({ nested: true });
  });

  it('matches each message to its own contact in a batch', async () => {
    const hooks = webhooks();
    const names: Array<string | undefined> = [];
    hooks.on('messages.text', (event) => void names.push(event.senderName));
    const value = messagesValue({
      contacts: [
        { profile: { name: 'Ann' }, wa_id: '111' },
        { profile: { name: 'Bob' }, wa_id: '222', user_id: 'US.222' },
      ],
      messages: [
        textItem('x', '222'),
        textItem('y', '111'),
        { ...textItem('z'), from: undefined, from_user_id: 'US.222' },
        textItem('w', '333'),
      ],
    });
    await hooks.handle(signedPost(envelope([[{ field: 'messages', value }]])));
    expect(names).toEqual(['Bob', 'Ann', 'Bob', undefined]);
  });

  it('gives each participant of an aggregated group status its own id', async () => {
    const hooks = webhooks();
    const ids: string[] = [];
    hooks.on('statuses.read', (event) => void ids.push(event.id));
    await hooks.handle(
      signedPost(
        readFixture('messages/status-group-read-aggregated-two-participants__meta-docs-derived.json') as object,
      ),
    );
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(ids[0]).toMatch(/^s:wamid\..+:read:16505551234$/);
  });

  it('routes a status value Meta adds later to `statuses`', async () => {
    const hooks = webhooks();
    const statuses = vi.fn();
    const unknown = vi.fn();
    hooks.on('statuses', statuses);
    hooks.onUnknown(unknown);
    const value = messagesValue({
      statuses: [{ id: 'wamid.X', status: 'deleted', timestamp: '1', recipient_id: '1' }],
    });
    await hooks.handle(signedPost(envelope([[{ field: 'messages', value }]])));
    expect(statuses.mock.calls[0]![0]).toMatchObject({ name: 'statuses', status: { status: 'deleted' } });
    expect(unknown).not.toHaveBeenCalled();
  });

  it('routes a field-level change by its field name with a content-derived id', async () => {
    const hooks = webhooks();
    const handler = vi.fn();
    hooks.on('message_template_status_update', handler);
    const fixture = readFixture(
      'message_template_status_update/template-that-has-been-approved__meta-docs.json',
    ) as object;
    await hooks.handle(signedPost(fixture));
    const event = handler.mock.calls[0]![0];
    expect(event).toMatchObject({
      kind: 'change',
      name: 'message_template_status_update',
      value: { event: 'APPROVED' },
    });
    expect(event.id).toMatch(/^c:message_template_status_update:[0-9a-f]{28}$/);
    // Same notification → same id; a different time → a different id.
    await hooks.handle(signedPost(fixture));
    expect(handler.mock.calls[1]![0].id).toBe(event.id);
    const changed = JSON.parse(JSON.stringify(fixture)) as { entry: Array<{ time: number }> };
    changed.entry[0]!.time += 1;
    await hooks.handle(signedPost(changed));
    expect(handler.mock.calls[2]![0].id).not.toBe(event.id);
  });
});

describe('surprises are answered 200 and reach onUnknown', () => {
  async function unknownOf(body: unknown): Promise<UnknownEvent[]> {
    const hooks = webhooks();
    const unknown: UnknownEvent[] = [];
    const any = vi.fn();
    hooks.onUnknown((event) => void unknown.push(event));
    hooks.onAny(any);
    const response = await hooks.handle(signedPost(body as object));
    expect(response.status).toBe(200);
    expect(any).toHaveBeenCalledTimes(unknown.length);
    return unknown;
  }

  it('another object', async () => {
    const [event] = await unknownOf({ object: 'page', entry: [] });
    expect(event).toMatchObject({ reason: 'unknown_object', raw: { object: 'page' }, value: undefined, path: [] });
  });

  it('a body that is not an envelope, with zod issues', async () => {
    const [event] = await unknownOf({ hello: 'world' });
    expect(event!.reason).toBe('invalid_envelope');
    expect(event!.issues?.length).toBeGreaterThan(0);
  });

  it('a field nobody knows yet, with its raw value', async () => {
    const value = { brand: 'new' };
    const [event] = await unknownOf(envelope([[{ field: 'future_field', value }]]));
    expect(event).toMatchObject({ reason: 'unknown_field', name: 'future_field', field: 'future_field', value });
  });

  it('a message type nobody knows yet, next to a known one that still runs', async () => {
    const hooks = webhooks();
    const text = vi.fn();
    const unknown = vi.fn();
    hooks.on('messages.text', text);
    hooks.onUnknown(unknown);
    const poll = { from: '1', id: 'wamid.P', timestamp: '1', type: 'poll', poll: { q: '?' } };
    const value = messagesValue({ messages: [poll, textItem()] });
    expect((await hooks.handle(signedPost(envelope([[{ field: 'messages', value }]])))).status).toBe(200);
    expect(unknown.mock.calls[0]![0]).toMatchObject({
      reason: 'unknown_type',
      name: 'messages.poll',
      id: 'm:wamid.P',
      raw: poll,
      value,
    });
    expect(text).toHaveBeenCalledTimes(1);
  });

  it('an interactive sub-type nobody knows yet', async () => {
    const item = {
      from: '1',
      id: 'wamid.I',
      timestamp: '1',
      type: 'interactive',
      interactive: { type: 'carousel_reply', carousel_reply: {} },
    };
    const [event] = await unknownOf(envelope([[{ field: 'messages', value: messagesValue({ messages: [item] }) }]]));
    expect(event).toMatchObject({ reason: 'unknown_type', name: 'messages.interactive.carousel_reply' });
  });

  it('a known type whose shape does not fit, with the issues', async () => {
    const hooks = webhooks();
    const text = vi.fn();
    const unknown = vi.fn();
    hooks.on('messages.text', text);
    hooks.onUnknown(unknown);
    const broken = { from: '1', id: 'wamid.B', timestamp: '1', type: 'text', text: { body: 42 } };
    await hooks.handle(signedPost(envelope([[{ field: 'messages', value: messagesValue({ messages: [broken] }) }]])));
    expect(text).not.toHaveBeenCalled();
    const event = unknown.mock.calls[0]![0] as UnknownEvent;
    expect(event).toMatchObject({ reason: 'invalid_shape', name: 'messages.text', raw: broken });
    expect(event.issues![0]!.path).toEqual(['text', 'body']);
  });

  it('a messages change without items', async () => {
    const [event] = await unknownOf(envelope([[{ field: 'messages', value: messagesValue({}) }]]));
    expect(event!.reason).toBe('empty_change');
  });

  it('a messages change without metadata', async () => {
    const [event] = await unknownOf(envelope([[{ field: 'messages', value: { messages: [textItem()] } }]]));
    expect(event).toMatchObject({ reason: 'invalid_shape', name: 'messages' });
  });

  it('does not check items nobody listens to', async () => {
    const hooks = webhooks();
    const unknown = vi.fn();
    hooks.onUnknown(unknown);
    const broken = { from: '1', id: 'wamid.B', timestamp: '1', type: 'text', text: { body: 42 } };
    await hooks.handle(signedPost(envelope([[{ field: 'messages', value: messagesValue({ messages: [broken] }) }]])));
    expect(unknown).not.toHaveBeenCalled();
  });
});

describe('handler failures', () => {
  it('answers 500 HANDLER_FAILED, still runs the other events, and tells onError about each failure', async () => {
    const hooks = webhooks();
    const seen: string[] = [];
    const errors: unknown[] = [];
    hooks.on('messages.text', (event) => {
      seen.push(event.message.text.body);
      if (event.message.text.body !== 'ok') throw new Error(`boom ${event.message.text.body}`);
    });
    hooks.onError((error) => void errors.push(error));
    const value = messagesValue({ messages: [textItem('a'), textItem('ok'), textItem('b')] });
    const response = await hooks.handle(signedPost(envelope([[{ field: 'messages', value }]])));
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body).error.code).toBe('HANDLER_FAILED');
    expect(response.body).not.toContain('boom');
    expect(seen).toEqual(['a', 'ok', 'b']);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({
      name: 'HandlerError',
      code: 'HANDLER_FAILED',
      events: [{ name: 'messages.text' }],
    });
    expect((errors[0] as Error).cause).toEqual(new Error('boom a'));
  });

  it('treats a rejected async handler like a throw, and survives an onError that throws', async () => {
    const hooks = webhooks();
    hooks.on('messages', async () => {
      throw new Error('async boom');
    });
    hooks.onError(() => {
      throw new Error('the error handler fails too');
    });
    const response = await hooks.handle(
      signedPost(envelope([[{ field: 'messages', value: messagesValue({ messages: [textItem()] }) }]])),
    );
    expect(response.status).toBe(500);
  });

  it('reports to console.error when no onError handler is registered', async () => {
    const hooks = webhooks();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    hooks.on('messages', () => {
      throw new Error('nobody listens');
    });
    await hooks.handle(
      signedPost(envelope([[{ field: 'messages', value: messagesValue({ messages: [textItem()] }) }]])),
    );
    // Issue 16, "a handler's own stack trace is lost": the error itself is printed, its cause the
    // handler's own Error with its stack.
    const [message, printed] = spy.mock.calls[0]! as [string, Error];
    expect(message).toContain('HANDLER_FAILED');
    expect(printed).toBeInstanceOf(Error);
    expect(printed.cause).toBeInstanceOf(Error);
    expect((printed.cause as Error).message).toBe('nobody listens');
    expect((printed.cause as Error).stack).toContain('dispatch.test.ts');
    spy.mockRestore();
  });

  it('receive() rejects with the aggregated HandlerError', async () => {
    const hooks = webhooks();
    hooks.onError(() => undefined);
    hooks.on('messages.text', () => {
      throw new Error('x');
    });
    const value = messagesValue({ messages: [textItem(), textItem()] });
    await expect(hooks.receive(envelope([[{ field: 'messages', value }]]))).rejects.toMatchObject({
      name: 'HandlerError',
      errors: [new Error('x'), new Error('x')],
    });
  });

  it('receive() dispatches a JSON string or an object and reports counts', async () => {
    const hooks = webhooks();
    hooks.on('messages.text', () => undefined);
    const body = envelope([[{ field: 'messages', value: messagesValue({ messages: [textItem(), textItem()] }) }]]);
    await expect(hooks.receive(JSON.stringify(body))).resolves.toEqual({ delivered: 2, duplicates: 0, stale: 0 });
    await expect(hooks.receive('{')).rejects.toMatchObject({ code: 'INVALID_JSON' });
  });
});

describe('toNotification', () => {
  it('rebuilds a notification of one event that receive() turns into the same event', async () => {
    const { toNotification } = await import('../src/index');
    const source = webhooks();
    const events: unknown[] = [];
    source.onAny((event) => void events.push(event));
    const value = messagesValue({
      contacts: [
        { profile: { name: 'Ann' }, wa_id: '111' },
        { profile: { name: 'Bob' }, wa_id: '222' },
      ],
      messages: [textItem('a', '111'), textItem('b', '222')],
      statuses: [{ id: 'wamid.S', status: 'read', timestamp: '5', recipient_id: '111' }],
      errors: [{ code: 1, title: 't' }],
    });
    const poll = { from: '1', id: 'wamid.P', timestamp: '1', type: 'poll' };
    await source.receive(
      envelope([
        [
          { field: 'messages', value },
          { field: 'messages', value: messagesValue({ messages: [poll] }) },
          { field: 'future', value: { x: 1 } },
        ],
      ]),
    );
    expect(events).toHaveLength(6);
    for (const event of events as Array<Parameters<typeof toNotification>[0]>) {
      const replayed: unknown[] = [];
      const target = webhooks();
      target.onAny((one) => void replayed.push(one));
      await target.receive(JSON.parse(JSON.stringify(toNotification(event))));
      expect(replayed).toHaveLength(1);
      expect(replayed[0]).toMatchObject({ name: event.name, id: event.id, kind: event.kind });
      if (event.kind === 'message') expect((replayed[0] as typeof event).senderName).toBe(event.senderName);
    }
  });

  it('returns the whole body for a notification that was not an envelope', async () => {
    const { toNotification } = await import('../src/index');
    const hooks = webhooks();
    const events: unknown[] = [];
    hooks.onUnknown((event) => void events.push(toNotification(event)));
    await hooks.receive({ object: 'page', entry: [] });
    expect(events).toEqual([{ object: 'page', entry: [] }]);
  });
});

describe('known types without their object', () => {
  it('reach onUnknown as invalid_shape, not as a new type', async () => {
    const hooks = webhooks();
    const unknown: UnknownEvent[] = [];
    hooks.onUnknown((event) => void unknown.push(event));
    const item = { from: '1', id: 'wamid.NOOBJ', timestamp: '1', type: 'interactive' };
    await hooks.handle(signedPost(envelope([[{ field: 'messages', value: messagesValue({ messages: [item] }) }]])));
    expect(unknown).toMatchObject([{ reason: 'invalid_shape', name: 'messages.interactive', raw: item }]);
  });

  it('exposes the resolved body limit for adapters', () => {
    expect(webhooks().bodyLimit).toBe(3 * 1024 * 1024 + 512 * 1024);
    expect(createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, bodyLimit: 1234 }).bodyLimit).toBe(1234);
  });
});

describe('EVENT_NAMES', () => {
  it('lists every name on() accepts, each once', async () => {
    const { EVENT_NAMES } = await import('../src/index');
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
    expect(EVENT_NAMES).toContain('messages.interactive.button_reply');
    expect(EVENT_NAMES).toContain('message_template_status_update');
    const hooks = webhooks();
    for (const name of EVENT_NAMES) expect(() => hooks.on(name, () => undefined)).not.toThrow();
  });
});

describe('deeply nested signed bodies', () => {
  it('are answered 200 and reach onUnknown, even 100 000 levels deep', async () => {
    const hooks = webhooks();
    const unknown: UnknownEvent[] = [];
    hooks.onUnknown((event) => void unknown.push(event));
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect((await hooks.handle(signedPost(deep))).status).toBe(200);
    const inField = `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"future","value":${deep}}]}]}`;
    expect((await hooks.handle(signedPost(inField))).status).toBe(200);
    expect(unknown.map((event) => event.reason)).toEqual(['invalid_envelope', 'unknown_field']);
    // The fallback serialiser hashes like JSON.stringify where both work.
    const shallow = [{ a: [1, 'x', null, true, { b: 'é' }] }];
    const first: UnknownEvent[] = [];
    const again = webhooks();
    again.onUnknown((event) => void first.push(event));
    await again.handle(signedPost({ object: 'page', entry: shallow }));
    expect(first[0]!.id).toMatch(/^u:[0-9a-f]{28}$/);
  });
});

describe('serializeIteratively', () => {
  it('writes what JSON.stringify writes for parsed JSON', async () => {
    const { serializeIteratively } = await import('../src/event-id');
    for (const value of [
      null,
      1,
      'x"\u00e9\n',
      [],
      {},
      [1, [2, [3]]],
      { a: { b: [true, false, null, 1.5, 'é'] }, 'k"ey': '' },
      readFixture('messages/msg-text__pywa.json'),
    ]) {
      expect(serializeIteratively(value)).toBe(JSON.stringify(value));
    }
  });
});
