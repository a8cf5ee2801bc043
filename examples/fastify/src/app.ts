/**
 * The Fastify app: the webhook as an encapsulated plugin under /webhook, next to routes that keep
 * Fastify's own JSON parser, with the server timeouts of `SERVER_TIMEOUTS`.
 */
import type { Webhooks } from '@wa-webhooks/core';
import { fastifyWebhooksPlugin } from '@wa-webhooks/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { SERVER_TIMEOUTS, type ServerTimeouts } from './config';

/** Builds the app around a webhooks instance (call `await app.ready()` or `listen()` next). */
export function createApp(webhooks: Webhooks, timeouts: ServerTimeouts = SERVER_TIMEOUTS): FastifyInstance {
  const app = Fastify({
    // Fastify's requestTimeout defaults to 0, which turns Node's off: a slow client would hold its
    // connection for ever. connectionTimeout is the socket idle timeout (also 0 by default).
    requestTimeout: timeouts.requestTimeout,
    connectionTimeout: timeouts.idleTimeout,
    keepAliveTimeout: timeouts.keepAliveTimeout,
    http: {
      headersTimeout: timeouts.headersTimeout,
      connectionsCheckingInterval: timeouts.connectionsCheckingInterval,
    },
  });

  // The webhook plugin swaps the content-type parsers for a raw-bytes one, but only inside its own
  // encapsulated scope: do not wrap it in fastify-plugin, or every JSON route below would get Buffers.
  void app.register(fastifyWebhooksPlugin, { handler: webhooks, prefix: '/webhook' });

  // The app's other routes keep Fastify's JSON parser.
  app.get('/health', async () => ({ ok: true }));
  app.post('/api/notes', async (request, reply) => reply.code(201).send({ received: request.body }));
  return app;
}
