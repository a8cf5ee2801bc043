/**
 * Serves the Hono app on Node.js (`@hono/node-server`) with the timeouts of `SERVER_TIMEOUTS`
 * (SECURITY.md, "Slow clients"): `serverOptions` go to `node:http`'s `createServer`. On Bun, Deno or
 * Workers the runtime's own limits apply instead.
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { SERVER_TIMEOUTS, type ServerTimeouts } from './config';

/** Starts serving `fetch` on `host:port`; `onListening` runs once it listens. */
export function serveApp(
  fetch: (request: Request) => Response | Promise<Response>,
  address: { readonly host: string; readonly port: number },
  onListening: (server: Server) => void,
  timeouts: ServerTimeouts = SERVER_TIMEOUTS,
): Server {
  const server = serve(
    {
      fetch,
      port: address.port,
      hostname: address.host,
      serverOptions: {
        requestTimeout: timeouts.requestTimeout,
        headersTimeout: timeouts.headersTimeout,
        keepAliveTimeout: timeouts.keepAliveTimeout,
        connectionsCheckingInterval: timeouts.connectionsCheckingInterval,
      },
    },
    () => onListening(server),
  ) as Server;
  server.setTimeout(timeouts.idleTimeout);
  return server;
}
