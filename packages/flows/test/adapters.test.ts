/**
 * The Flows suite on every way to mount an endpoint: the four adapters on real servers on 127.0.0.1
 * (each next to the framework's usual JSON parsing for other routes), and `handleFetch` on both crypto
 * implementations (node:crypto, which Node, Bun and Deno get, and Web Crypto, which Workers get).
 */
import { createServer } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createExpressMiddleware } from '@wa-webhooks/express';
import { fastifyWebhooksPlugin } from '@wa-webhooks/fastify';
import { createHonoMiddleware } from '@wa-webhooks/hono';
import { createKoaMiddleware } from '@wa-webhooks/koa';
import { listen } from '@wa-webhooks/test-kit';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import type { RequestHandler } from '@wa-webhooks/core';
import type { Server } from 'node:http';
import { flowCrypto as webCrypto } from '../src/crypto/web';
import { createFlowEndpointWith } from '../src/endpoint';
import { overHttp, runFlowsSuite, type FlowTransport } from './support/flows-suite';

runFlowsSuite({
  name: 'express 5',
  start: async (flows) => {
    const app = express();
    app.use('/flows', createExpressMiddleware(flows));
    app.use(express.json());
    const { origin, close } = await listen(createServer(app));
    return overHttp({ url: `${origin}/flows`, close });
  },
});

runFlowsSuite({
  name: 'koa 3',
  start: async (flows) => {
    const app = new Koa().use(createKoaMiddleware(flows, { path: '/flows' }));
    const { origin, close } = await listen(createServer(app.callback()));
    return overHttp({ url: `${origin}/flows`, close });
  },
});

runFlowsSuite({
  name: 'fastify 5',
  start: async (flows) => {
    const app = Fastify();
    await app.register(fastifyWebhooksPlugin, { handler: flows, prefix: '/flows' });
    app.post('/api', async (request) => ({ parsed: request.body }));
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    return overHttp({ url: `${origin}/flows`, close: () => app.close() });
  },
});

runFlowsSuite({
  name: 'hono 4 on @hono/node-server',
  start: async (flows) => {
    const app = new Hono().all('/flows', createHonoMiddleware(flows));
    const { origin, close } = await listen(createAdaptorServer({ fetch: app.fetch }) as Server);
    return overHttp({ url: `${origin}/flows`, close });
  },
});

/** Calls `handleFetch` with a Fetch `Request`, as Bun, Deno and Workers do; no server involved. */
async function viaHandleFetch(flows: RequestHandler): Promise<FlowTransport> {
  return {
    async send(init) {
      const method = init.method ?? 'POST';
      const request = new Request('https://flows.example/flows', {
        method,
        headers: init.headers ?? {},
        ...(method === 'GET' ? {} : { body: init.body ?? '' }),
      });
      const response = await flows.handleFetch(request);
      return { status: response.status, headers: response.headers, body: await response.text() };
    },
    close: () => Promise.resolve(),
  };
}

runFlowsSuite({ name: 'handleFetch (node:crypto)', start: viaHandleFetch });

runFlowsSuite({
  name: 'handleFetch (Web Crypto)',
  start: viaHandleFetch,
  create: (options) => createFlowEndpointWith(webCrypto, options),
});
