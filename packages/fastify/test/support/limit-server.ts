import type { AddressInfo } from 'node:net';
import type { Webhooks } from '@wa-webhooks/core';
import Fastify from 'fastify';
import { fastifyWebhooksPlugin } from '../../src/index';

export async function startLimitServer(webhooks: Webhooks): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify();
  await app.register(fastifyWebhooksPlugin, { webhooks, prefix: '/webhook' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/webhook`, close: () => app.close() };
}
