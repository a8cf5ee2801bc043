import { createServer } from 'node:http';
import type { Webhooks } from '@wa-webhooks/core';
import { listen } from '@wa-webhooks/test-kit';
import Koa from 'koa';
import { createKoaMiddleware } from '../../src/index';

export async function startLimitServer(webhooks: Webhooks): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Koa();
  app.use(createKoaMiddleware(webhooks, { path: '/webhook' }));
  const { origin, close } = await listen(createServer(app.callback()));
  return { url: `${origin}/webhook`, close };
}
