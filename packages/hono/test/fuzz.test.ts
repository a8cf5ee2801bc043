import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { NODE_HTTP_ANSWERS, emptyAnswer, listen, runAdapterFuzz, type FrameworkAnswer } from '@wa-webhooks/test-kit';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createHonoMiddleware } from '../src/index';

// @hono/node-server builds a URL from the Host header and refuses one that is not a host (newRequest:
// "Invalid host header") with an empty 400 before Hono runs.
const HONO_ANSWERS: readonly FrameworkAnswer[] = [
  ...NODE_HTTP_ANSWERS,
  {
    source: '@hono/node-server (invalid Host header)',
    when: 'odd-host',
    answer: '400, empty body',
    matches: emptyAnswer(400),
  },
];

runAdapterFuzz({
  name: 'hono 4 on @hono/node-server',
  // The adapter hands core c.req.raw.headers, a Fetch Headers built from the raw header lines.
  headerSemantics: 'fetch',
  frameworkAnswers: HONO_ANSWERS,
  start: async (webhooks, timeouts) => {
    const app = new Hono().all('/webhook', createHonoMiddleware(webhooks));
    // Hono has no timeouts of its own; @hono/node-server passes serverOptions to node:http.
    const server = createAdaptorServer({ fetch: app.fetch, serverOptions: timeouts ? { ...timeouts } : {} }) as Server;
    const { origin, close } = await listen(server);
    return { url: `${origin}/webhook`, close };
  },
});

describe('hono: timeout knobs', () => {
  it("relies on node:http's defaults on @hono/node-server: requestTimeout 300 s, headersTimeout 60 s, keepAliveTimeout 5 s", () => {
    const server = createAdaptorServer({ fetch: new Hono().fetch }) as Server;
    expect([server.requestTimeout, server.headersTimeout, server.keepAliveTimeout]).toEqual([300_000, 60_000, 5_000]);
  });
});
