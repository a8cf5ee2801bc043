/**
 * The Node.js framework adapters on Bun and Deno, whose `node:http` is their own implementation:
 * `bun apps/node-frameworks.ts` or `deno run … apps/node-frameworks.ts`, with MOUNT = express, koa or
 * fastify, the secrets and PORT in the environment.
 */
import { createServer } from 'node:http';
import process from 'node:process';
import { createExpressMiddleware } from '@wa-webhooks/express';
import { fastifyWebhooksPlugin } from '@wa-webhooks/fastify';
import { createKoaMiddleware } from '@wa-webhooks/koa';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import { configFrom, createRuntimeWebhooks, localRuntime, RUNTIME_PATH } from './app.ts';

const config = configFrom((name) => process.env[name], localRuntime());
const { mount } = config;
const { webhooks, immediate, report } = createRuntimeWebhooks(config);
const port = Number(process.env.PORT);

if (mount === 'express') {
  const app = express();
  app.use('/webhook-immediately-unkept', createExpressMiddleware(immediate));
  app.use('/webhook-immediately', createExpressMiddleware(immediate));
  app.use('/webhook', createExpressMiddleware(webhooks));
  app.get(RUNTIME_PATH, (_request, response) => void response.json(report()));
  createServer(app).listen(port, '127.0.0.1');
} else if (mount === 'koa') {
  const app = new Koa();
  app.use(createKoaMiddleware(webhooks, { path: '/webhook' }));
  app.use(createKoaMiddleware(immediate, { path: '/webhook-immediately' }));
  app.use(createKoaMiddleware(immediate, { path: '/webhook-immediately-unkept' }));
  app.use((context) => {
    if (context.path === RUNTIME_PATH) context.body = report();
  });
  createServer(app.callback()).listen(port, '127.0.0.1');
} else if (mount === 'fastify') {
  const app = Fastify();
  await app.register(fastifyWebhooksPlugin, { handler: webhooks, prefix: '/webhook' });
  await app.register(fastifyWebhooksPlugin, { handler: immediate, prefix: '/webhook-immediately' });
  await app.register(fastifyWebhooksPlugin, { handler: immediate, prefix: '/webhook-immediately-unkept' });
  app.get(RUNTIME_PATH, () => report());
  await app.listen({ port, host: '127.0.0.1' });
} else {
  throw new Error(`MOUNT must be express, koa or fastify, not "${mount}".`);
}
