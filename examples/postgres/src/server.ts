/**
 * The webhook server: `pnpm --filter @wa-webhooks-examples/postgres start`. It verifies each
 * notification and enqueues every event as a BullMQ job on PostgreSQL, answering Meta 200 once the
 * jobs are stored (500 if PostgreSQL cannot take them, so that Meta retries). Run as many as you like
 * behind a load balancer: job ids come from event ids, so a redelivered event is not enqueued twice.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardToQueue } from '@wa-webhooks/bullmq';
import { createWebhooks } from '@wa-webhooks/core';
import { createExpressMiddleware } from '@wa-webhooks/express';
import { Queue, createPostgresBackend } from 'bullmq';
import express from 'express';
import {
  DEV_APP_SECRET,
  DEV_VERIFY_TOKEN,
  QUEUE_NAME,
  describeDatabase,
  loadEnvFile,
  queueConnection,
  readConfig,
} from './config';

loadEnvFile();
const config = readConfig(process.env);
const queue = new Queue(QUEUE_NAME, { connection: queueConnection(config) }, createPostgresBackend);
queue.on('error', (error) => console.error(`queue: ${error.message}`));
try {
  await queue.waitUntilReady();
} catch (error) {
  console.error(
    `Cannot reach PostgreSQL at ${describeDatabase(config.databaseUrl)} (${(error as Error).message}). Start it, or set DATABASE_URL (see .env.example).`,
  );
  process.exit(1);
}

// No dedupe store here: the job id is the deduplication on this side.
const webhooks = createWebhooks({ appSecret: config.appSecret, verifyToken: config.verifyToken, dedupe: false });
webhooks.onError((error) => console.error(`error ${error.code}: ${error.message}`));
forwardToQueue(webhooks, queue);

const app = express();
app.use('/webhook', createExpressMiddleware(webhooks)); // before any JSON parser: it needs the raw bytes
app.use(express.json());
app.get('/health', (_req, res) => {
  res.json({ ok: true });
});
const server = createServer(app);
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${config.port} is in use: start with PORT=3001.` : error.message);
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}/webhook`;
  if (config.defaulted.length > 0) {
    console.warn(
      `Warning: ${config.defaulted.join(' and ')} not set: using the development defaults (app secret "${DEV_APP_SECRET}", verify token "${DEV_VERIFY_TOKEN}"). They are public: never use them in production (copy .env.example to .env).`,
    );
  }
  const token = config.verifyToken === DEV_VERIFY_TOKEN ? DEV_VERIFY_TOKEN : '$WHATSAPP_VERIFY_TOKEN';
  const send = [
    'pnpm exec wa-webhooks send text',
    ...(url === 'http://127.0.0.1:3000/webhook' ? [] : [`--url ${url}`]),
    ...(config.appSecret === DEV_APP_SECRET ? [] : ['--secret "$WHATSAPP_APP_SECRET"']),
  ].join(' ');
  console.log(`Jobs go to queue "${QUEUE_NAME}" on PostgreSQL at ${describeDatabase(config.databaseUrl)}`);
  console.log(`WhatsApp webhook (Express → BullMQ on PostgreSQL) listening on ${url}`);
  console.log(`Verify it:      curl "${url}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1234"`);
  console.log(`Send a message: ${send}   (the worker process logs the event)`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void queue.close().finally(() => process.exit(0));
  });
}
