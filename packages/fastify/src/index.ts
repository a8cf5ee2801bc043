/**
 * `@wa-webhooks/fastify`: receive WhatsApp Business Platform webhooks in Fastify 5, as an encapsulated
 * plugin whose raw-body parser stays inside its own scope.
 *
 * @module
 */
// Adapters import only from `@wa-webhooks/core` and `@wa-webhooks/core/node`; nothing WhatsApp-specific belongs here.
import { PayloadTooLargeError, RawBodyUnavailableError, isWebhookError, type RequestHandler } from '@wa-webhooks/core';
import { readNodeBody, type NodeRequestLike } from '@wa-webhooks/core/node';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** Options of `fastifyWebhooksPlugin` (besides Fastify's own, such as `prefix`). */
export interface FastifyWebhooksPluginOptions {
  /** What to mount: the instance from `createWebhooks()`, or any other `RequestHandler` (a Flows endpoint). */
  readonly handler: RequestHandler;
  /** Most bytes Fastify reads for the webhook route. Default: the webhooks' own `bodyLimit` (3.5 MiB), not Fastify's 1 MiB. */
  readonly bodyLimit?: number;
}

const NOT_A_STREAM =
  'request.body is not the request stream. Register fastifyWebhooksPlugin as it is (not wrapped in fastify-plugin) and add no content-type parser inside its scope.';
const CONSUMED =
  'The request stream was read before the webhook route (by an onRequest or preParsing hook). Let such hooks return a replacement stream, or skip the webhook route.';

/** A body that is the (unread) request stream, as this plugin's content-type parser hands it over. */
function isStream(body: unknown): body is NodeRequestLike {
  return typeof (body as NodeRequestLike | undefined)?.on === 'function';
}

/**
 * The webhook plugin. Its route `/` (under your `prefix`) answers the GET handshake, POST
 * notifications and 405 for every other method. It is encapsulated on purpose: the buffer parser it
 * installs does not reach your other routes, which keep Fastify's JSON parser.
 *
 * @example
 * ```ts
 * const app = Fastify();
 * await app.register(fastifyWebhooksPlugin, { handler: webhooks, prefix: '/webhook' });
 * ```
 */
export const fastifyWebhooksPlugin: FastifyPluginAsync<FastifyWebhooksPluginOptions> = async (instance, options) => {
  const { handler, bodyLimit = handler.bodyLimit } = options;
  // Callback style: the route returns nothing and sends once core answers. An async route returning
  // `reply` costs Fastify a thenable adoption and two more promise hops per request.
  const answer = (request: FastifyRequest, reply: FastifyReply, readBody: () => Promise<Uint8Array>): void => {
    const webhookRequest = { method: request.method, url: request.url, headers: request.headers, readBody };
    handler.handle(webhookRequest).then(
      (response) => {
        try {
          reply.code(response.status).headers(response.headers).send(response.body);
        } catch (error) {
          reply.send(error);
        }
      },
      // `handle()` never rejects; a custom RequestHandler might.
      (error: unknown) => reply.send(error),
    );
  };

  // Every content type is handed over unread, for this plugin's route only: the handler decides
  // whether and when to read (after its header checks and its body budget), and reads the exact bytes.
  instance.removeAllContentTypeParsers();
  const handOver = (_request: FastifyRequest, payload: unknown, done: (error: null, body: unknown) => void) =>
    done(null, payload);
  // application/json (what Meta sends) by name as well: Fastify caches the parser it finds for a named
  // type, but looks the catch-all up again for every request, parsing the Content-Type each time.
  instance.addContentTypeParser('application/json', handOver);
  instance.addContentTypeParser('*', handOver);
  // Fastify refuses some requests before the handler runs (body too large, bad media type or length, a
  // QUERY without Content-Type). Core answers them as if its own read had failed, so statuses and error
  // bodies match the other adapters (a QUERY gets core's 405 before any read).
  instance.setErrorHandler((error, request, reply) => {
    const code = String((Object(error) as { code?: unknown }).code);
    if (!isWebhookError(error) && !code.startsWith('FST_ERR_CTP_') && code !== 'FST_ERR_ROUTE_MISSING_CONTENT_TYPE')
      throw error;
    const failure = code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? new PayloadTooLargeError(bodyLimit) : error;
    return answer(request, reply, () => Promise.reject(failure));
  });
  instance.route({
    method: instance.supportedMethods,
    url: '/',
    handler: (request, reply) =>
      answer(request, reply, () =>
        isStream(request.body)
          ? readNodeBody(request.body, { limit: bodyLimit, consumedHint: CONSUMED })
          : Promise.reject(new RawBodyUnavailableError(NOT_A_STREAM)),
      ),
  });
};
