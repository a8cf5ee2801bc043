/**
 * `@wa-webhooks/express`: receive WhatsApp Business Platform webhooks in Express 4 and 5. The
 * middleware is typed against `node:http`, so it mounts just as well on Connect and on
 * `http.createServer`.
 *
 * @module
 */
// Adapters import only from `@wa-webhooks/core` and `@wa-webhooks/core/node`; nothing WhatsApp-specific belongs here.
import type { RequestHandler, WebhookResponse } from '@wa-webhooks/core';
import { readNodeBody, type NodeRequestLike } from '@wa-webhooks/core/node';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** Options of `createExpressMiddleware`. */
export interface ExpressMiddlewareOptions {
  /** Most bytes read from the request stream. Default: the webhooks' own `bodyLimit` (3.5 MiB unless you changed it). */
  readonly bodyLimit?: number;
}

/** The parts of an Express, Connect or `node:http` request the middleware uses. */
export interface ExpressRequestLike extends NodeRequestLike {
  /** HTTP method. */
  readonly method?: string | undefined;
  /** Path and query; with Express, relative to where the middleware is mounted. */
  readonly url?: string | undefined;
  /** Set by Express (the URL before mounting stripped the path); preferred over `url`. */
  readonly originalUrl?: string | undefined;
  /** Request headers as Node parsed them. */
  readonly headers: IncomingHttpHeaders;
  /** A `Buffer` here (from `express.raw()`) is used as the exact body. */
  readonly body?: unknown;
  /** A `Buffer` here (from `keepRawBody`) is used as the exact body. */
  rawBody?: unknown;
}

/** The parts of a `node:http` response the middleware uses. */
export interface ExpressResponseLike {
  /** Status to send. */
  statusCode: number;
  /** Sets one response header. */
  setHeader(name: string, value: string): unknown;
  /** Sends the body and ends the response. */
  end(body: string): unknown;
}

/** The middleware: `(req, res, next)`, calling `next(error)` only for programmer errors. */
export type ExpressMiddleware = (
  req: ExpressRequestLike,
  res: ExpressResponseLike,
  next: (error?: unknown) => void,
) => void;

const CONSUMED_HINT =
  'Mount the webhook route before express.json(), or keep the bytes with express.json({ verify: keepRawBody, limit: "3mb" }).';

function write(res: ExpressResponseLike, response: WebhookResponse): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.end(response.body);
}

/**
 * Creates the webhook middleware. It answers every request that reaches it (GET handshake, POST
 * notification, 405 otherwise), so mount it on its own path.
 *
 * @example
 * ```ts
 * const app = express();
 * app.use('/webhook', createExpressMiddleware(webhooks)); // before app.use(express.json())
 * app.use(express.json());
 * ```
 */
export function createExpressMiddleware(
  handler: RequestHandler,
  options: ExpressMiddlewareOptions = {},
): ExpressMiddleware {
  const limit = options.bodyLimit ?? handler.bodyLimit;
  return function whatsappWebhooks(req, res, next) {
    // Bytes a parser kept win; otherwise read the stream, which fails fast if a parser consumed it.
    const kept = [req.rawBody, req.body].find((value): value is Uint8Array => value instanceof Uint8Array);
    handler
      .handle({
        method: req.method ?? '',
        url: req.originalUrl ?? req.url ?? '/',
        headers: req.headers,
        readBody: () => (kept ? Promise.resolve(kept) : readNodeBody(req, { limit, consumedHint: CONSUMED_HINT })),
      })
      .then((response) => write(res, response))
      .catch(next);
  };
}

/**
 * A body-parser `verify` function that keeps the exact bytes as `req.rawBody`, for apps that must run
 * `express.json()` before the webhook route.
 *
 * @example
 * ```ts
 * app.use(express.json({ verify: keepRawBody, limit: '3mb' }));
 * app.use('/webhook', createExpressMiddleware(webhooks));
 * ```
 */
export function keepRawBody(req: IncomingMessage, _res: ServerResponse, buffer: Buffer): void {
  // Through `unknown`: @koa/bodyparser declares `IncomingMessage.rawBody` as a string for every program that loads it.
  (req as unknown as { rawBody?: Buffer }).rawBody = buffer;
}
