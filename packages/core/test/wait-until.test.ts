/**
 * Work that goes on after the response is handed to the platform's `waitUntil` (Cloudflare Workers
 * cancel everything else once the response is sent): the handlers of `ack: 'immediately'`, and
 * handlers still running when `handlerTimeout` answered.
 */
import { describe, expect, it } from 'vitest';
import { createWebhooks } from '../src/index';
import { envelope, messagesValue, SECRET, sign, textItem, TOKEN } from './helpers';

function signedRequest(body: string): Request {
  return new Request('https://example.com/webhook', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
  });
}

/** An execution context like a Worker's `ctx`, recording what it was asked to keep alive. */
function executionContext() {
  const kept: Promise<unknown>[] = [];
  return {
    kept,
    // A method called on its object, as Workers require (`ctx.waitUntil` loses `this` when detached).
    waitUntil(this: { kept: Promise<unknown>[] }, promise: Promise<unknown>): void {
      this.kept.push(promise);
    },
  };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('handleFetch(request, ctx)', () => {
  it("keeps the handlers of ack: 'immediately' alive with ctx.waitUntil, until they finished", async () => {
    const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, ack: 'immediately' });
    const done: string[] = [];
    webhooks.on('messages.text', async (event) => {
      await later(30);
      done.push(event.message.text.body);
    });
    const ctx = executionContext();
    const response = await webhooks.handleFetch(
      signedRequest(
        JSON.stringify(
          envelope([[{ field: 'messages', value: messagesValue({ messages: [textItem('kept alive')] }) }]]),
        ),
      ),
      ctx,
    );
    expect(response.status).toBe(200);
    expect(done).toEqual([]);
    expect(ctx.kept).toHaveLength(1);
    await ctx.kept[0];
    expect(done).toEqual(['kept alive']);
  });

  it('keeps a handler past handlerTimeout alive until its outcome is committed', async () => {
    const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, handlerTimeout: 20 });
    const errors: string[] = [];
    webhooks.onError((error) => void errors.push(error.code));
    let calls = 0;
    webhooks.on('messages.text', async () => {
      calls += 1;
      await later(60);
    });
    const body = JSON.stringify(
      envelope([[{ field: 'messages', value: messagesValue({ messages: [textItem('slow')] }) }]]),
    );
    const ctx = executionContext();
    const response = await webhooks.handleFetch(signedRequest(body), ctx);
    expect(response.status).toBe(500);
    expect(errors).toEqual(['HANDLER_TIMEOUT']);
    expect(ctx.kept).toHaveLength(1);
    await ctx.kept[0];
    // Committed once the kept promise settled: Meta's retry is now a duplicate.
    expect((await webhooks.handleFetch(signedRequest(body))).status).toBe(200);
    expect(calls).toBe(1);
  });

  it('ignores a second argument without waitUntil, as Bun.serve, Deno.serve and Next.js pass one', async () => {
    const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, ack: 'immediately' });
    const done: string[] = [];
    webhooks.on('messages.text', (event) => void done.push(event.message.text.body));
    const body = JSON.stringify(
      envelope([[{ field: 'messages', value: messagesValue({ messages: [textItem('no ctx')] }) }]]),
    );
    const bunServer = { port: 3000, hostname: '127.0.0.1', requestIP: () => null };
    expect((await webhooks.handleFetch(signedRequest(body), bunServer)).status).toBe(200);
    expect((await webhooks.handleFetch(signedRequest(body), { params: Promise.resolve({}) })).status).toBe(200);
    await later(5);
    expect(done).toEqual(['no ctx']);
  });

  it('asks for nothing when the handlers finished before the response', async () => {
    const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    webhooks.on('messages.text', async () => later(1));
    const ctx = executionContext();
    const response = await webhooks.handleFetch(
      signedRequest(
        JSON.stringify(envelope([[{ field: 'messages', value: messagesValue({ messages: [textItem()] }) }]])),
      ),
      ctx,
    );
    expect(response.status).toBe(200);
    expect(ctx.kept).toEqual([]);
  });
});
