import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createWebhooks, type Webhooks } from '@wa-webhooks/core';
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
import connect from 'connect';
import express5 from 'express';
import express4, { type RequestHandler as Express4RequestHandler } from 'express4';
import { afterEach, describe, expect, it } from 'vitest';
import { createExpressMiddleware, keepRawBody } from '../src/index';
import { runBodyBudgetSuite } from '../../test-kit/src/budget-suite';

/** Boots `listener` on 127.0.0.1:0; `path` is the webhook route. */
async function serve(listener: RequestListener, path = '/webhook', siblingPath = '/echo'): Promise<SiblingRouteServer> {
  const { origin, close } = await listen(createServer(listener));
  return { url: `${origin}${path}`, siblingUrl: `${origin}${siblingPath}`, close };
}

// The two majors share the API used here; express4's own types are checked through @types/express4.
const majors = [
  ['express 5', express5],
  ['express 4', express4 as unknown as typeof express5],
] as const;

for (const [name, express] of majors) {
  runAdapterConformance({
    name,
    start: (webhooks) => {
      const app = express();
      app.use('/webhook', createExpressMiddleware(webhooks));
      return serve(app);
    },
    consumedBody: [
      {
        name: 'express.json() ran before the webhook route',
        expect: 'raw-body-unavailable',
        start: (webhooks) => {
          const app = express();
          app.use(express.json());
          app.use('/webhook', createExpressMiddleware(webhooks));
          return serve(app);
        },
      },
      {
        name: 'a global express.json({ verify: keepRawBody }) ran first',
        expect: 'exact-bytes',
        start: (webhooks) => {
          const app = express();
          app.use(express.json({ verify: keepRawBody, limit: '3mb' }));
          app.use('/webhook', createExpressMiddleware(webhooks));
          return serve(app);
        },
      },
      {
        name: 'express.raw({ type: "application/json" }) ran on the route first',
        expect: 'exact-bytes',
        start: (webhooks) => {
          const app = express();
          app.use(
            '/webhook',
            express.raw({ type: 'application/json', limit: '3mb' }),
            createExpressMiddleware(webhooks),
          );
          return serve(app);
        },
      },
    ],
    siblingRoute: (webhooks) => {
      const app = express();
      app.use('/webhook', createExpressMiddleware(webhooks));
      app.use(express.json());
      app.post('/echo', (req, res) => {
        res.json({ parsed: req.body });
      });
      return serve(app);
    },
  });
}

runAdapterConformance({
  name: 'connect',
  start: (webhooks) => serve(connect().use('/webhook', createExpressMiddleware(webhooks))),
  consumedBody: [
    {
      name: 'a JSON body parser ran before the webhook route',
      expect: 'raw-body-unavailable',
      start: (webhooks) => serve(connect().use(express5.json()).use('/webhook', createExpressMiddleware(webhooks))),
    },
    {
      name: 'a JSON body parser with verify: keepRawBody ran first',
      expect: 'exact-bytes',
      start: (webhooks) =>
        serve(
          connect()
            .use(express5.json({ verify: keepRawBody, limit: '3mb' }))
            .use('/webhook', createExpressMiddleware(webhooks)),
        ),
    },
  ],
  siblingRoute: (webhooks) =>
    serve(
      connect()
        .use('/webhook', createExpressMiddleware(webhooks))
        .use(express5.json())
        .use('/echo', (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ parsed: req.body }));
        }),
    ),
});

/** A plain node:http server: the webhook on /webhook, a hand-written JSON route on /echo. */
function plainServer(webhooks: Webhooks, readFirst = false): RequestListener {
  const middleware = createExpressMiddleware(webhooks);
  return async (req, res) => {
    const fail = (error?: unknown): void => {
      res.statusCode = 500;
      res.end(String(error));
    };
    if (req.url?.startsWith('/webhook')) {
      if (readFirst) for await (const _chunk of req);
      middleware(req, res, fail);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ parsed: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
  };
}

runAdapterConformance({
  name: 'node:http',
  start: (webhooks) => serve(plainServer(webhooks)),
  consumedBody: [
    {
      name: 'the request stream was read before the middleware',
      expect: 'raw-body-unavailable',
      start: (webhooks) => serve(plainServer(webhooks, true)),
    },
  ],
  siblingRoute: (webhooks) => serve(plainServer(webhooks)),
});

describe('express specifics', () => {
  it('is typed as a RequestHandler of Express 4 and 5 and as a node:http listener', () => {
    const middleware = createExpressMiddleware(createWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN }));
    const handlers: [
      express5.RequestHandler,
      Express4RequestHandler,
      (req: IncomingMessage, res: ServerResponse, next: () => void) => void,
    ] = [middleware, middleware, middleware];
    expect(handlers.every((handler) => typeof handler === 'function')).toBe(true);
  });

  const running: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });

  function webhooksWithErrors() {
    const webhooks = createWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });
    const errors: string[] = [];
    webhooks.onError((error) => {
      errors.push(error.message);
    });
    return { webhooks, errors };
  }

  it.each(majors)('%s: names the fix when express.json() consumed the body', async (_name, express) => {
    const { webhooks, errors } = webhooksWithErrors();
    const app = express();
    app.use(express.json());
    app.use('/webhook', createExpressMiddleware(webhooks));
    const server = await serve(app);
    running.push(server);
    const { body } = textNotification();
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body) },
      body,
    });
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('RAW_BODY_UNAVAILABLE');
    expect(error.message).toContain('keepRawBody');
    expect(errors).toEqual([error.message]);
  });

  it.each(majors)(
    '%s: hands programmer errors to next() instead of leaving a rejected promise',
    async (_name, express) => {
      const { webhooks } = webhooksWithErrors();
      const app = express();
      // A response sent earlier makes the adapter's setHeader throw ERR_HTTP_HEADERS_SENT.
      app.use('/webhook', (_req, res, next) => {
        res.end('sent early');
        next();
      });
      app.use('/webhook', createExpressMiddleware(webhooks));
      const passedToNext = new Promise<string>((resolve) => {
        app.use((error: NodeJS.ErrnoException, _req: unknown, _res: unknown, _next: unknown) => {
          resolve(String(error.code));
        });
      });
      const server = await serve(app);
      running.push(server);
      const response = await fetch(`${server.url}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`);
      expect(await response.text()).toBe('sent early');
      await expect(passedToNext).resolves.toBe('ERR_HTTP_HEADERS_SENT');
    },
  );

  it.each(majors)('%s: reads hub.* from the original URL when mounted under a router', async (_name, express) => {
    const { webhooks } = webhooksWithErrors();
    const app = express();
    const router = express.Router();
    router.all('/whatsapp', createExpressMiddleware(webhooks));
    app.use('/hooks', router);
    const server = await serve(app, '/hooks/whatsapp');
    running.push(server);
    const response = await fetch(
      `${server.url}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=r%C3%B6uter`,
    );
    expect([response.status, await response.text()]).toEqual([200, 'röuter']);
  });
});

runBodyBudgetSuite({
  name: 'express 5',
  start: (webhooks) => {
    const app = express5();
    app.use('/webhook', createExpressMiddleware(webhooks));
    return serve(app);
  },
});
