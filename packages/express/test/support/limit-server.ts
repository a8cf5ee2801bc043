import { createServer } from 'node:http';
import type { Webhooks } from '@wa-webhooks/core';
import { listen } from '@wa-webhooks/test-kit';
import express from 'express';
import { createExpressMiddleware } from '../../src/index';

export async function startLimitServer(webhooks: Webhooks): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use('/webhook', createExpressMiddleware(webhooks));
  const { origin, close } = await listen(createServer(app));
  return { url: `${origin}/webhook`, close };
}
