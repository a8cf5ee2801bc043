import { createServer, type RequestListener } from 'node:http';
import { json } from 'node:stream/consumers';
import { createWebhooks, type WebhookError } from '@wa-webhooks/core';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
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
import Koa3 from 'koa';
import Koa2 from 'koa2';
import { afterEach, describe, expect, it } from 'vitest';
import { createKoaMiddleware } from '../src/index';
import { runBodyBudgetSuite } from '../../test-kit/src/budget-suite';

/** Boots a Koa app on 127.0.0.1:0; `path` is the webhook route. */
async function serve(app: { callback(): RequestListener }, path = '/webhook'): Promise<SiblingRouteServer> {
  const { origin, close } = await listen(createServer(app.callback()));
  return { url: `${origin}${path}`, siblingUrl: `${origin}/echo`, close };
}

/** An app whose JSON route answers `{ parsed }` from @koa/bodyparser, next to the webhook. */
function withEchoRoute(app: Koa3) {
  const router = new Router();
  router.post('/echo', (ctx) => {
    ctx.body = { parsed: ctx.request.body };
  });
  return app.use(bodyParser()).use(router.routes());
}

// The two majors share the API used here; koa2's own types are checked through @types/koa2.
const majors = [
  ['koa 3', Koa3],
  ['koa 2', Koa2 as unknown as typeof Koa3],
] as const;

for (const [name, Koa] of majors) {
  runAdapterConformance({
    name,
    start: (webhooks) => serve(new Koa().use(createKoaMiddleware(webhooks, { path: '/webhook' }))),
    consumedBody: [
      {
        name: '@koa/bodyparser ran first (ctx.request.rawBody)',
        expect: 'exact-bytes',
        start: (webhooks) =>
          serve(new Koa().use(bodyParser()).use(createKoaMiddleware(webhooks, { path: '/webhook' }))),
      },
      {
        name: 'a middleware read ctx.req and kept no rawBody',
        expect: 'raw-body-unavailable',
        start: (webhooks) =>
          serve(
            new Koa()
              .use(async (ctx, next) => {
                ctx.request.body = await json(ctx.req);
                await next();
              })
              .use(createKoaMiddleware(webhooks, { path: '/webhook' })),
          ),
      },
    ],
    siblingRoute: (webhooks) =>
      serve(withEchoRoute(new Koa().use(createKoaMiddleware(webhooks, { path: '/webhook' })))),
  });
}

runAdapterConformance({
  name: 'koa 3 + @koa/router',
  start: (webhooks) => {
    const router = new Router();
    router.all('/hooks/whatsapp', createKoaMiddleware(webhooks));
    return serve(new Koa3().use(router.routes()), '/hooks/whatsapp');
  },
  consumedBody: [
    {
      name: '@koa/bodyparser ran before the router',
      expect: 'exact-bytes',
      start: (webhooks) => {
        const router = new Router();
        router.all('/hooks/whatsapp', createKoaMiddleware(webhooks));
        return serve(new Koa3().use(bodyParser()).use(router.routes()), '/hooks/whatsapp');
      },
    },
  ],
  siblingRoute: (webhooks) => {
    const router = new Router();
    router.all('/hooks/whatsapp', createKoaMiddleware(webhooks));
    router.post('/echo', bodyParser(), (ctx) => {
      ctx.body = { parsed: ctx.request.body };
    });
    return serve(new Koa3().use(router.routes()), '/hooks/whatsapp');
  },
});

describe('koa specifics', () => {
  const running: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });

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

  function post(url: string, body: string | Uint8Array): Promise<Response> {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body) },
      body,
    });
  }

  it.each(majors)('%s: passes other paths to next() and does not call next() after answering', async (_name, Koa) => {
    const { webhooks } = setup();
    const downstream: string[] = [];
    const app = new Koa().use(createKoaMiddleware(webhooks, { path: '/webhook' })).use((ctx) => {
      downstream.push(ctx.path);
      ctx.body = 'downstream';
    });
    const server = await serve(app);
    running.push(server);
    const other = await fetch(server.url.replace('/webhook', '/other'));
    expect([other.status, await other.text()]).toEqual([200, 'downstream']);
    const hook = await post(server.url, textNotification().body);
    expect(hook.status).toBe(200);
    expect(downstream).toEqual(['/other']);
  });

  it.each(majors)('%s: names the fix when the body was read without rawBody', async (_name, Koa) => {
    const { webhooks, errors } = setup();
    const app = new Koa()
      .use(async (ctx, next) => {
        await json(ctx.req);
        await next();
      })
      .use(createKoaMiddleware(webhooks, { path: '/webhook' }));
    const server = await serve(app);
    running.push(server);
    const { error } = (await (await post(server.url, textNotification().body)).json()) as {
      error: { code: string; message: string };
    };
    expect(error.code).toBe('RAW_BODY_UNAVAILABLE');
    expect(error.message).toContain('@koa/bodyparser');
    expect(errors.map((one) => one.code)).toEqual(['RAW_BODY_UNAVAILABLE']);
  });

  // Why the middleware belongs before the body parser: the parser's rawBody is decoded text, and
  // decoding drops a leading byte order mark, so those bytes can no longer match the signature.
  it('verifies a body with a leading BOM when mounted first, and not through rawBody', async () => {
    const { body } = textNotification('with a BOM');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]);

    const first = setup();
    const direct = await serve(new Koa3().use(createKoaMiddleware(first.webhooks, { path: '/webhook' })));
    running.push(direct);
    expect((await post(direct.url, bytes)).status).toBe(200);
    expect(first.texts).toEqual(['with a BOM']);

    const second = setup();
    const afterParser = await serve(
      new Koa3().use(bodyParser()).use(createKoaMiddleware(second.webhooks, { path: '/webhook' })),
    );
    running.push(afterParser);
    const response = await post(afterParser.url, bytes);
    expect([response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([
      401,
      'SIGNATURE_MISMATCH',
    ]);
    expect(second.texts).toEqual([]);
  });
});

runBodyBudgetSuite({
  name: 'koa 3',
  start: (webhooks) => {
    const app = new Koa3().use(createKoaMiddleware(webhooks, { path: '/webhook' }));
    // The test drops connections mid-body on purpose; Koa would log each aborted request on stderr.
    app.silent = true;
    return serve(app);
  },
});
