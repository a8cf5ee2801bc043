import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Webhooks } from '@wa-webhooks/core';
import { Hono } from 'hono';
import { createHonoMiddleware } from '../../src/index';

export async function startLimitServer(webhooks: Webhooks): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Hono();
  app.all('/webhook', createHonoMiddleware(webhooks));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
