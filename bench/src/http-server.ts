/**
 * One server process of the HTTP benchmark: `<framework>`. It serves both contenders side by side in
 * one app, so that they share the process, its heap and its place on the CPUs: `/webhook` mounts the
 * wa-webhooks adapter; `/bare` is the floor a user could write by hand in the same framework (raw
 * body, createHmac + timingSafeEqual, JSON.parse, a loop over the messages). Prints "PORT <n>".
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createWebhooks } from '@wa-webhooks/core';
import { createExpressMiddleware } from '@wa-webhooks/express';
import { fastifyWebhooksPlugin } from '@wa-webhooks/fastify';
import { createHonoMiddleware } from '@wa-webhooks/hono';
import { createKoaMiddleware } from '@wa-webhooks/koa';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { BENCH_SECRET } from './bodies';

const [framework] = process.argv.slice(2) as [string];
const noop = (_item: unknown): void => undefined;

// The default options (the memory dedupe store on): every request carries a new message id, and the
// bare route remembers the ids it has seen too.
const webhooks = createWebhooks({ appSecret: BENCH_SECRET, verifyToken: 'bench' });
webhooks.on('messages', noop);
const seen = new Set<string>();

/** The hand-written floor: returns the HTTP status to answer. */
function byHand(body: Buffer, header: string | undefined): number {
  if (typeof header !== 'string' || !header.startsWith('sha256=') || header.length !== 71) return 401;
  const digest = createHmac('sha256', BENCH_SECRET).update(body).digest();
  if (!timingSafeEqual(digest, Buffer.from(header.slice(7), 'hex'))) return 401;
  let data: { entry: Array<{ changes: Array<{ value: { messages?: Array<{ id: string }> } }> }> };
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch {
    return 400;
  }
  for (const entry of data.entry) {
    for (const change of entry.changes) {
      for (const message of change.value.messages ?? []) {
        if (seen.has(message.id)) continue;
        // Bounded like the default store (100 000 ids): a Set that grows for the whole run gets slower
        // round after round, which would flatter the adapter in the later rounds.
        if (seen.size === 100_000) seen.clear();
        seen.add(message.id);
        noop(message);
      }
    }
  }
  return 200;
}

function readAll(req: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function ready(port: number): void {
  process.stdout.write(`PORT ${port}\n`);
}

process.on('SIGINT', () => process.exit(0));
switch (framework) {
  case 'express': {
    const app = express();
    app.use('/webhook', createExpressMiddleware(webhooks));
    app.post('/bare', express.raw({ type: 'application/json', limit: '4mb' }), (req, res) => {
      res.status(byHand(req.body as Buffer, req.get('x-hub-signature-256'))).end();
    });
    const server = createServer(app).listen(0, '127.0.0.1', () => ready((server.address() as AddressInfo).port));
    break;
  }
  case 'koa': {
    const app = new Koa();
    app.use(createKoaMiddleware(webhooks, { path: '/webhook' }));
    app.use(async (ctx) => {
      if (ctx.path !== '/bare' || ctx.method !== 'POST') return;
      ctx.status = byHand(await readAll(ctx.req), ctx.get('x-hub-signature-256') || undefined);
      ctx.body = '';
    });
    const server = createServer(app.callback()).listen(0, '127.0.0.1', () =>
      ready((server.address() as AddressInfo).port),
    );
    break;
  }
  case 'fastify': {
    const app = Fastify({ bodyLimit: 4 * 1024 * 1024 });
    await app.register(fastifyWebhooksPlugin, { handler: webhooks, prefix: '/webhook' });
    await app.register(async (scope) => {
      scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.post('/bare', async (request, reply) => {
        const header = request.headers['x-hub-signature-256'];
        return reply.code(byHand(request.body as Buffer, typeof header === 'string' ? header : undefined)).send('');
      });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    ready((app.server.address() as AddressInfo).port);
    break;
  }
  case 'hono': {
    const app = new Hono();
    app.all('/webhook', createHonoMiddleware(webhooks));
    app.post('/bare', async (c) => {
      const status = byHand(Buffer.from(await c.req.arrayBuffer()), c.req.header('x-hub-signature-256'));
      return c.body('', status as 200);
    });
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => ready(info.port));
    break;
  }
  default:
    throw new Error(`unknown framework ${framework}`);
}
