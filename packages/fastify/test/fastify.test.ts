import { Readable } from 'node:stream';
import { createWebhooks, type WebhookError } from '@wa-webhooks/core';
import {
  APP_SECRET,
  VERIFY_TOKEN,
  notificationOfSize,
  runAdapterConformance,
  sendRaw,
  signBody,
  type RunningServer,
  type SiblingRouteServer,
} from '@wa-webhooks/test-kit';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { fastifyWebhooksPlugin, type FastifyWebhooksPluginOptions } from '../src/index';
import { runBodyBudgetSuite } from '../../test-kit/src/budget-suite';

/** Starts `app` on 127.0.0.1:0 with the plugin under /webhook and a JSON route on /echo. */
async function serve(app: FastifyInstance, options: FastifyWebhooksPluginOptions): Promise<SiblingRouteServer> {
  await app.register(fastifyWebhooksPlugin, { ...options, prefix: '/webhook' });
  app.post('/echo', async (request) => ({ parsed: request.body }));
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${origin}/webhook`, siblingUrl: `${origin}/echo`, close: () => app.close() };
}

runAdapterConformance({
  name: 'fastify 5',
  start: (webhooks) => serve(Fastify(), { handler: webhooks }),
  consumedBody: [
    {
      name: 'the app replaced the JSON parser at the root',
      expect: 'exact-bytes',
      start: (webhooks) => {
        const app = Fastify();
        app.removeAllContentTypeParsers();
        app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
          done(null, JSON.parse(body as string));
        });
        return serve(app, { handler: webhooks });
      },
    },
    {
      name: 'a root preParsing hook buffered the body and returned a replacement stream',
      expect: 'exact-bytes',
      start: (webhooks) => {
        const app = Fastify();
        app.addHook('preParsing', async (_request, _reply, payload) => {
          const chunks: Buffer[] = [];
          for await (const chunk of payload) chunks.push(chunk as Buffer);
          return Readable.from([Buffer.concat(chunks)]);
        });
        return serve(app, { handler: webhooks });
      },
    },
    {
      name: 'a root onRequest hook read request.raw',
      expect: 'raw-body-unavailable',
      start: (webhooks) => {
        const app = Fastify();
        app.addHook('onRequest', async (request) => {
          for await (const _chunk of request.raw);
        });
        return serve(app, { handler: webhooks });
      },
    },
  ],
  siblingRoute: (webhooks) => serve(Fastify(), { handler: webhooks }),
});

describe('fastify specifics', () => {
  const running: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });

  function setup() {
    const webhooks = createWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });
    const errors: WebhookError[] = [];
    webhooks.onError((error) => {
      errors.push(error);
    });
    return { webhooks, errors };
  }

  it.each([
    ['with Content-Length', 'content-length'],
    ['chunked', 'chunked'],
  ])("answers Fastify's own body-limit error %s in core's 413 shape", async (_label, mode) => {
    const { webhooks } = setup();
    const server = await serve(Fastify(), { handler: webhooks, bodyLimit: 1024 });
    running.push(server);
    const { body } = notificationOfSize(1025);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-hub-signature-256': signBody(body),
    };
    if (mode === 'chunked') headers['transfer-encoding'] = 'chunked';
    else headers['content-length'] = '1025';
    const response = await sendRaw(server.url, { headers, chunks: [body.slice(0, 600), body.slice(600)] });
    expect([response.status, response.headers['content-type'], JSON.parse(response.body)]).toEqual([
      413,
      'application/json; charset=utf-8',
      { error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('1024 bytes') } },
    ]);
  });

  it('keeps the buffer parser inside the plugin: a sibling plugin still gets parsed JSON', async () => {
    const { webhooks } = setup();
    const app = Fastify();
    await app.register(
      async (api) => {
        api.post('/', async (request) => ({ parsed: request.body }));
      },
      { prefix: '/api' },
    );
    const server = await serve(app, { handler: webhooks });
    running.push(server);
    const response = await fetch(server.url.replace('/webhook', '/api'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect([response.status, await response.json()]).toEqual([200, { parsed: { a: 1 } }]);
  });

  it('sends one response through slow onSend hooks of the app, with what they add', async () => {
    const { webhooks, errors } = setup();
    let delivered = 0;
    webhooks.on('messages', () => {
      delivered++;
    });
    const app = Fastify();
    const sends: string[] = [];
    app.addHook('onSend', async (request, reply, payload) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      sends.push(`${request.method} ${reply.statusCode}`);
      reply.header('x-traced', 'yes');
      return payload;
    });
    const server = await serve(app, { handler: webhooks });
    running.push(server);
    const { body } = notificationOfSize(2000);
    const posted = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body) },
      body,
    });
    expect([posted.status, posted.headers.get('x-traced'), await posted.text()]).toEqual([200, 'yes', '']);
    const refused = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect([refused.status, refused.headers.get('x-traced')]).toEqual([401, 'yes']);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('SIGNATURE_MISSING');
    expect([sends, delivered, errors]).toEqual([['POST 200', 'POST 401'], 1, []]);
  });

  it('still answers the handshake when a root hook consumed the stream of a GET', async () => {
    const { webhooks } = setup();
    const app = Fastify();
    app.addHook('onRequest', async (request) => {
      for await (const _chunk of request.raw);
    });
    const server = await serve(app, { handler: webhooks });
    running.push(server);
    const response = await fetch(`${server.url}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=abc`);
    expect([response.status, await response.text()]).toEqual([200, 'abc']);
  });
});

runBodyBudgetSuite({
  name: 'fastify',
  start: (webhooks) => serve(Fastify(), { handler: webhooks }),
});
