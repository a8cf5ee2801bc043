/**
 * The Koa app: the webhook middleware on its own path, then the usual body parser and router for the
 * app's other routes.
 */
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { Webhooks } from '@wa-webhooks/core';
import { createKoaMiddleware } from '@wa-webhooks/koa';
import Koa from 'koa';

/** Builds the app around a webhooks instance. */
export function createApp(webhooks: Webhooks): Koa {
  const app = new Koa();
  const router = new Router();
  router.get('/health', (ctx) => {
    ctx.body = { ok: true };
  });
  router.post('/api/notes', (ctx) => {
    ctx.status = 201;
    ctx.body = { received: ctx.request.body as unknown };
  });

  // 1. The webhook first: it verifies the signature on the exact bytes Meta sent, so it reads the
  //    request itself before any body parser does. Requests for other paths pass on to next().
  app.use(createKoaMiddleware(webhooks, { path: '/webhook' }));

  // 2. Then the body parser and the router, for every other route.
  app.use(bodyParser());
  app.use(router.routes());
  app.use(router.allowedMethods());

  // Koa prints every error nobody listens for, with its stack. A client that was too slow (the server
  // timeouts of SERVER_TIMEOUTS) or went away is not an error of the app: leave those out.
  app.on('error', (error: { code?: unknown; message?: unknown }) => {
    if (
      /^(ECONNRESET|EPIPE|ECONNABORTED|ERR_HTTP_REQUEST_TIMEOUT|ERR_STREAM_PREMATURE_CLOSE|HPE_)/.test(
        String(error.code),
      )
    )
      return;
    console.error(`Koa error: ${String(error.message)}`);
  });
  return app;
}
