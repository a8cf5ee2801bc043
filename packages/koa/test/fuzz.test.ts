import { createServer } from 'node:http';
import { NODE_HTTP_ANSWERS, listen, runAdapterFuzz } from '@wa-webhooks/test-kit';
import Koa from 'koa';
import Koa2 from 'koa2';
import { describe, expect, it } from 'vitest';
import { createKoaMiddleware } from '../src/index';

// Koa 3 is the main run; Koa 2 gets a shorter one.
for (const [name, App, requests] of [
  ['koa 3', Koa, 10_000],
  ['koa 2', Koa2 as unknown as typeof Koa, 3_000],
] as const) {
  // Koa reports every error of a request's socket (a parse error in a chunked body, a client that went
  // away or was too slow) to app.on('error'), and prints it with console.error when nobody listens. The
  // suite drains what arrived here and requires each one to be such a client error, never the adapter's.
  const appErrors: unknown[] = [];
  runAdapterFuzz({
    name,
    requests,
    headerSemantics: 'node',
    frameworkAnswers: NODE_HTTP_ANSWERS,
    drainServerErrors: () => appErrors.splice(0),
    start: async (webhooks, timeouts) => {
      const app = new App().use(createKoaMiddleware(webhooks, { path: '/webhook' }));
      app.on('error', (error: unknown) => {
        appErrors.push(error);
      });
      // Koa has no timeouts of its own: the node:http server's requestTimeout and headersTimeout apply.
      const { origin, close } = await listen(createServer(timeouts ? { ...timeouts } : {}, app.callback()));
      return { url: `${origin}/webhook`, close };
    },
  });
}

describe('koa: timeout knobs', () => {
  it("relies on node:http's defaults: requestTimeout 300 s, headersTimeout 60 s, keepAliveTimeout 5 s", () => {
    const server = createServer(new Koa().callback());
    expect([server.requestTimeout, server.headersTimeout, server.keepAliveTimeout]).toEqual([300_000, 60_000, 5_000]);
  });
});
