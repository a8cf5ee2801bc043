/**
 * `@wa-webhooks/koa`: receive WhatsApp Business Platform webhooks in Koa 2 and 3, mounted with the
 * `path` option or through a router such as `@koa/router`.
 *
 * @module
 */
// Adapters import only from `@wa-webhooks/core` and `@wa-webhooks/core/node`; nothing WhatsApp-specific belongs here.
import type { RequestHandler } from '@wa-webhooks/core';
import { readNodeBody } from '@wa-webhooks/core/node';
import type { Middleware } from 'koa';

/** Options of `createKoaMiddleware`. */
export interface KoaMiddlewareOptions {
  /**
   * Answer only requests whose `ctx.path` equals this and pass the others to `next()`. Koa has no
   * router of its own; leave it out when a router (`@koa/router`) already matches the path.
   */
  readonly path?: string;
  /** Most bytes read from the request stream. Default: the webhooks' own `bodyLimit` (3.5 MiB unless you changed it). */
  readonly bodyLimit?: number;
}

const encoder = new TextEncoder();
const CONSUMED_HINT =
  'Mount the webhook middleware before any body parser, or use @koa/bodyparser (or koa-bodyparser), whose ctx.request.rawBody the middleware falls back to.';

/**
 * Creates the webhook middleware, a named `async function whatsappWebhooks(ctx, next)`. It answers the
 * GET handshake, POST notifications and 405 for other methods, and does not call `next()` once it has
 * answered.
 *
 * @example
 * ```ts
 * const app = new Koa();
 * app.use(createKoaMiddleware(webhooks, { path: '/webhook' })); // before bodyParser()
 * app.use(bodyParser());
 * ```
 */
export function createKoaMiddleware(handler: RequestHandler, options: KoaMiddlewareOptions = {}): Middleware {
  const { path, bodyLimit = handler.bodyLimit } = options;
  return async function whatsappWebhooks(ctx, next) {
    if (path !== undefined && ctx.path !== path) {
      await next();
      return;
    }
    // A body parser that ran first keeps the text it decoded; encoding it again gives back the exact
    // bytes of any valid UTF-8 body (only a leading BOM is lost). Otherwise read the untouched stream.
    const rawBody: unknown = (ctx.request as { rawBody?: unknown }).rawBody;
    const response = await handler.handle({
      method: ctx.method,
      url: ctx.originalUrl,
      headers: ctx.req.headers,
      readBody: () =>
        typeof rawBody === 'string'
          ? Promise.resolve(encoder.encode(rawBody))
          : readNodeBody(ctx.req, { limit: bodyLimit, consumedHint: CONSUMED_HINT }),
    });
    ctx.status = response.status;
    ctx.set(response.headers);
    // Always a string: a null or undefined body turns the status into 204 and drops Content-Type.
    ctx.body = response.body;
  };
}
