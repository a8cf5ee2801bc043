import { createServer, type ServerOptions } from 'node:http';
import { NODE_HTTP_ANSWERS, listen, runAdapterFuzz, type ServerTimeouts } from '@wa-webhooks/test-kit';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createExpressMiddleware } from '../src/index';

// Express has no timeouts of its own: the node:http server's requestTimeout and headersTimeout apply.
function serverOptions(timeouts?: ServerTimeouts): ServerOptions {
  return timeouts ? { ...timeouts } : {};
}

runAdapterFuzz({
  name: 'express 5',
  headerSemantics: 'node',
  frameworkAnswers: NODE_HTTP_ANSWERS,
  start: async (webhooks, timeouts) => {
    const app = express();
    app.use('/webhook', createExpressMiddleware(webhooks));
    const { origin, close } = await listen(createServer(serverOptions(timeouts), app));
    return { url: `${origin}/webhook`, close };
  },
});

describe('express: timeout knobs', () => {
  it("relies on node:http's defaults: requestTimeout 300 s, headersTimeout 60 s, keepAliveTimeout 5 s", () => {
    const server = createServer(express());
    expect([server.requestTimeout, server.headersTimeout, server.keepAliveTimeout]).toEqual([300_000, 60_000, 5_000]);
  });
});
