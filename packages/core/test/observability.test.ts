import { describe, expect, it, vi } from 'vitest';
import { createWebhooks, type EventRecord, type RequestRecord, type WebhooksLogger } from '../src/index';
import { envelope, fakeRequest, messagesValue, readFixture, SECRET, signedPost, textItem, TOKEN } from './helpers';

interface Line {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

function recordingLogger(): WebhooksLogger & { lines: Line[]; bindings: Record<string, unknown>[] } {
  const lines: Line[] = [];
  const bindings: Record<string, unknown>[] = [];
  const make = (): WebhooksLogger => ({
    debug: (fields, message) => void lines.push({ level: 'debug', fields, message }),
    info: (fields, message) => void lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => void lines.push({ level: 'warn', fields, message }),
    error: (fields, message) => void lines.push({ level: 'error', fields, message }),
    child: (binding) => {
      bindings.push(binding);
      return make();
    },
  });
  return Object.assign(make(), { lines, bindings });
}

const oneText = (body = 'hello') =>
  envelope([[{ field: 'messages', value: messagesValue({ messages: [textItem(body)] }) }]]);

describe('logger', () => {
  it('logs one info line per request with outcome, status, events and duration', async () => {
    const logger = recordingLogger();
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, logger });
    hooks.on('messages.text', () => undefined);
    await hooks.handle(signedPost(oneText()));
    await hooks.handle(
      fakeRequest({ method: 'GET', url: `/?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=1` }),
    );
    await hooks.handle(fakeRequest({ method: 'PUT' }));
    const requests = logger.lines.filter((line) => line.message === 'webhook request');
    expect(
      requests.map((line) => [
        line.level,
        line.fields.method,
        line.fields.status,
        line.fields.outcome,
        line.fields.events,
      ]),
    ).toEqual([
      ['info', 'POST', 200, 'ok', 1],
      ['info', 'GET', 200, 'challenge', 0],
      ['info', 'PUT', 405, 'METHOD_NOT_ALLOWED', 0],
    ]);
    expect(requests[0]!.fields.durationMs).toEqual(expect.any(Number));
    expect(logger.bindings).toEqual([{ component: 'wa-webhooks' }]);
  });

  it('logs each event at debug, without its payload unless logPayloads is set', async () => {
    const quiet = recordingLogger();
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, logger: quiet });
    hooks.on('messages.text', () => undefined);
    await hooks.handle(signedPost(oneText('top secret words')));
    const event = quiet.lines.find((line) => line.message === 'webhook event')!;
    expect(event).toMatchObject({ level: 'debug', fields: { name: 'messages.text', kind: 'message', outcome: 'ok' } });
    expect(JSON.stringify(quiet.lines)).not.toContain('top secret words');

    const loud = recordingLogger();
    const verbose = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, logger: loud, logPayloads: true });
    verbose.on('messages.text', () => undefined);
    await verbose.handle(signedPost(oneText('shown on purpose')));
    expect(JSON.stringify(loud.lines.filter((line) => line.level === 'debug'))).toContain('shown on purpose');
  });

  it('warns about signs of misconfiguration, at most once a minute each', async () => {
    const logger = recordingLogger();
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, logger, bodyLimit: 1_000_000 });
    for (let index = 0; index < 3; index++) await hooks.handle(signedPost(oneText(), { secret: 'wrong' }));
    await hooks.handle(
      fakeRequest({ method: 'GET', url: '/?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1' }),
    );
    const warnings = logger.lines.filter((line) => line.level === 'warn').map((line) => line.message);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/bodyLimit is below 3 MB/);
    expect(warnings[1]).toMatch(/signature check.*appSecret/);
    expect(warnings[2]).toMatch(/wrong verify token/);
  });

  it('warns on stderr by default, once, when every POST fails the signature check (issue 16: a wrong app secret is not silent)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    const forged = () => signedPost(oneText(), { secret: 'the-wrong-secret' });
    // Two refused probes say nothing; a third in a row looks like a wrong secret.
    await hooks.handle(forged());
    await hooks.handle(forged());
    expect(warn).not.toHaveBeenCalled();
    for (let index = 0; index < 5; index++) await hooks.handle(forged());
    expect(warn).toHaveBeenCalledTimes(1);
    const printed = warn.mock.calls[0]!.map(String).join(' ');
    expect(printed).toMatch(/signature check.*appSecret/s);
    // Never the header's value or the body.
    expect(printed).not.toContain('sha256=');
    expect(printed).not.toContain('wamid');
    warn.mockRestore();
  });

  it('a verified POST resets the count of failed signature checks', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    for (let round = 0; round < 3; round++) {
      await hooks.handle(signedPost(oneText(), { secret: 'the-wrong-secret' }));
      await hooks.handle(signedPost(oneText(), { secret: 'the-wrong-secret' }));
      await hooks.handle(signedPost(oneText()));
    }
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('logs failures at error and still tells onError', async () => {
    const logger = recordingLogger();
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, logger });
    const onError = vi.fn();
    hooks.onError(onError);
    hooks.on('messages', () => {
      throw new Error('db down');
    });
    await hooks.handle(signedPost(oneText()));
    const error = logger.lines.find((line) => line.level === 'error')!;
    expect(error.fields).toMatchObject({ code: 'HANDLER_FAILED', events: [{ name: 'messages.text' }] });
    // The error itself, under pino's `err` key: its cause is the handler's own Error, stack included.
    const err = error.fields.err as Error;
    expect((err.cause as Error).message).toBe('db down');
    expect((err.cause as Error).stack).toContain('observability.test.ts');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('accepts console as a logger and rejects a logger without the methods', () => {
    expect(() =>
      createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, logger: console as unknown as WebhooksLogger }),
    ).not.toThrow();
    expect(() =>
      createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, logger: { info: () => undefined } as never }),
    ).toThrowError(/logger.debug/);
  });
});

describe('observe()', () => {
  it('reports requests by outcome and events with handler durations, and can be removed', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    hooks.onError(() => undefined);
    const requests: RequestRecord[] = [];
    const events: EventRecord[] = [];
    const stop = hooks.observe({
      onRequest: (record) => void requests.push(record),
      onEvent: (record) => void events.push(record),
    });
    hooks.on('messages.text', (event) => {
      if (event.message.text.body === 'fail') throw new Error('x');
    });
    const first = oneText('ok');
    await hooks.handle(signedPost(first));
    await hooks.handle(signedPost(first)); // duplicate
    await hooks.handle(signedPost(oneText('fail')));
    await hooks.handle(signedPost(oneText(), { secret: 'wrong' }));
    expect(requests.map((record) => [record.outcome, record.status, record.events, record.duplicates])).toEqual([
      ['ok', 200, 1, 0],
      ['ok', 200, 0, 1],
      ['HANDLER_FAILED', 500, 1, 0],
      ['SIGNATURE_MISMATCH', 401, 0, 0],
    ]);
    expect(events.map((record) => [record.name, record.outcome])).toEqual([
      ['messages.text', 'ok'],
      ['messages.text', 'failed'],
    ]);
    expect(events[0]!.durationMs).toBeGreaterThanOrEqual(0);
    stop();
    await hooks.handle(signedPost(oneText()));
    expect(requests).toHaveLength(4);
  });

  it('ignores an observer that throws', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    hooks.observe({
      onRequest: () => {
        throw new Error('broken metrics');
      },
      onEvent: () => {
        throw new Error('broken metrics');
      },
    });
    hooks.on('messages', () => undefined);
    expect((await hooks.handle(signedPost(readFixture('messages/msg-text__pywa.json') as object))).status).toBe(200);
  });
});
