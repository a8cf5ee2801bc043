/**
 * The `node:http` server the app runs on, with the timeouts of `SERVER_TIMEOUTS` (SECURITY.md, "Slow
 * clients"). Node's defaults let a client that announces a body and never sends it hold the connection
 * for 300 s; Meta sends every body in one go.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import { SERVER_TIMEOUTS, type ServerTimeouts } from './config';

/** A `node:http` server for `listener` with the example's timeouts (tests pass shorter ones). */
export function createHttpServer(listener: RequestListener, timeouts: ServerTimeouts = SERVER_TIMEOUTS): Server {
  const server = createServer(
    {
      requestTimeout: timeouts.requestTimeout,
      headersTimeout: timeouts.headersTimeout,
      keepAliveTimeout: timeouts.keepAliveTimeout,
      connectionsCheckingInterval: timeouts.connectionsCheckingInterval,
    },
    listener,
  );
  server.setTimeout(timeouts.idleTimeout);
  return server;
}
