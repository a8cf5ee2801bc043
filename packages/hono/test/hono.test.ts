import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createWebhooks, type WebhookError } from '@wa-webhooks/core';
import {
  APP_SECRET,
  VERIFY_TOKEN,
  listen,
  runAdapterConformance,
  signBody,
  textNotification,
  type RunningServer,
  type SiblingRouteServer,
} from '@wa-webhooks/test-kit';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { afterEach, describe, expect, it } from 'vitest';
import { createHonoMiddleware } from '../src/index';
import { runBodyBudgetSuite } from '../../test-kit/src/budget-suite';

/** The request body as a web stream; cancelling it discards the rest instead of resetting the socket. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (cancelled) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.on('end', () => {
        if (!cancelled) controller.close();
      });
      req.on('error', (error) => {
        if (!cancelled) controller.error(error);
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      cancelled = true;
      req.resume();
    },
  });
}

/**
 * A fetch runtime in miniature: every HTTP request becomes a standard `Request` handed to `app.fetch`,
 * as Bun, Deno and Workers do (no @hono/node-server involved).
 */
function viaAppFetch(app: Hono): RequestListener {
  return async (req, res) => {
    const headers = new Headers();
    for (let index = 0; index < req.rawHeaders.length; index += 2)
      headers.append(req.rawHeaders[index]!, req.rawHeaders[index + 1]!);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers,
      ...(hasBody ? { body: bodyStream(req), duplex: 'half' } : {}),
    } as RequestInit);
    const response = await app.fetch(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

const runtimes: ReadonlyArray<readonly [string, (app: Hono) => Server]> = [
  ['hono 4 on @hono/node-server', (app) => createAdaptorServer({ fetch: app.fetch }) as Server],
  ['hono 4 through app.fetch (fetch runtime)', (app) => createServer(viaAppFetch(app))],
];

for (const [name, toServer] of runtimes) {
  const serve = async (app: Hono, path = '/webhook'): Promise<SiblingRouteServer> => {
    const { origin, close } = await listen(toServer(app));
    return { url: `${origin}${path}`, siblingUrl: `${origin}/echo`, close };
  };

  runBodyBudgetSuite({
    name,
    start: (webhooks) => serve(new Hono().all('/webhook', createHonoMiddleware(webhooks))),
  });

  runAdapterConformance({
    name,
    start: (webhooks) => serve(new Hono().all('/webhook', createHonoMiddleware(webhooks))),
    consumedBody: [
      {
        name: 'a middleware called c.req.json() first',
        expect: 'raw-body-unavailable',
        start: (webhooks) =>
          serve(
            new Hono()
              .use(async (c, next) => {
                await c.req.json();
                await next();
              })
              .all('/webhook', createHonoMiddleware(webhooks)),
          ),
      },
      {
        name: "a validator('json') ran first",
        expect: 'raw-body-unavailable',
        start: (webhooks) =>
          serve(
            new Hono().all(
              '/webhook',
              validator('json', (value) => value),
              createHonoMiddleware(webhooks),
            ),
          ),
      },
      {
        name: 'a middleware read c.req.raw.arrayBuffer() first',
        expect: 'raw-body-unavailable',
        start: (webhooks) =>
          serve(
            new Hono()
              .use(async (c, next) => {
                await c.req.raw.arrayBuffer();
                await next();
              })
              .all('/webhook', createHonoMiddleware(webhooks)),
          ),
      },
    ],
    siblingRoute: (webhooks) =>
      serve(
        new Hono()
          .all('/webhook', createHonoMiddleware(webhooks))
          .post('/echo', async (c) => c.json({ parsed: await c.req.json() })),
      ),
  });
}

describe('hono specifics', () => {
  const running: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });

  async function serve(app: Hono): Promise<RunningServer> {
    const { origin, close } = await listen(createAdaptorServer({ fetch: app.fetch }) as Server);
    const server = { url: `${origin}/webhook`, close };
    running.push(server);
    return server;
  }

  function setup() {
    const webhooks = createWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });
    const errors: WebhookError[] = [];
    const texts: string[] = [];
    webhooks.onError((error) => {
      errors.push(error);
    });
    webhooks.on('messages.text', (event) => {
      texts.push(event.message.text.body);
    });
    return { webhooks, errors, texts };
  }

  function post(url: string, body: string): Promise<Response> {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body) },
      body,
    });
  }

  it('names the fix when c.req.json() ran first', async () => {
    const { webhooks, errors } = setup();
    const app = new Hono()
      .use(async (c, next) => {
        await c.req.json();
        await next();
      })
      .all('/webhook', createHonoMiddleware(webhooks));
    const server = await serve(app);
    const { error } = (await (await post(server.url, textNotification().body)).json()) as {
      error: { code: string; message: string };
    };
    expect(error.code).toBe('RAW_BODY_UNAVAILABLE');
    expect(error.message).toContain('createHonoMiddleware');
    expect(errors.map((one) => one.code)).toEqual(['RAW_BODY_UNAVAILABLE']);
  });

  it('mounts with app.use as well, and keeps headers set by earlier middleware', async () => {
    const { webhooks, texts } = setup();
    const app = new Hono()
      .use(async (c, next) => {
        c.header('x-request-id', 'req-1');
        await next();
      })
      .use('/webhook', createHonoMiddleware(webhooks));
    const server = await serve(app);
    const response = await post(server.url, textNotification('via app.use').body);
    expect([
      response.status,
      response.headers.get('x-request-id'),
      response.headers.get('content-type'),
      await response.text(),
    ]).toEqual([200, 'req-1', 'text/plain; charset=utf-8', '']);
    expect(texts).toEqual(['via app.use']);
  });
});
