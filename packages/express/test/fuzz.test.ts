import { createServer, type ServerOptions } from 'node:http';
import { NODE_HTTP_ANSWERS, listen, runAdapterFuzz, type ServerTimeouts } from '@wa-webhooks/test-kit';
import express5 from 'express';
import express4 from 'express4';
import { describe, expect, it } from 'vitest';
import { createExpressMiddleware } from '../src/index';

// Express has no timeouts of its own: the node:http server's requestTimeout and headersTimeout apply.
function serverOptions(timeouts?: ServerTimeouts): ServerOptions {
  return timeouts ? { ...timeouts } : {};
}

// Express 5 is the main run; Express 4 (a different router and query parser) gets a shorter one.
for (const [name, express, requests] of [
  ['express 5', express5, 10_000],
  ['express 4', express4 as unknown as typeof express5, 3_000],
] as const) {
  runAdapterFuzz({
    name,
    requests,
    headerSemantics: 'node',
    frameworkAnswers: NODE_HTTP_ANSWERS,
    start: async (webhooks, timeouts) => {
      const app = express();
      app.use('/webhook', createExpressMiddleware(webhooks));
      const { origin, close } = await listen(createServer(serverOptions(timeouts), app));
      return { url: `${origin}/webhook`, close };
    },
  });
}

describe('express: timeout knobs', () => {
  it("relies on node:http's defaults: requestTimeout 300 s, headersTimeout 60 s, keepAliveTimeout 5 s", () => {
    const server = createServer(express5());
    expect([server.requestTimeout, server.headersTimeout, server.keepAliveTimeout]).toEqual([300_000, 60_000, 5_000]);
  });
});
