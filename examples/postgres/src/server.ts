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
  checkListenConfig,
  ConfigError,
  DEV_APP_SECRET,
  DEV_VERIFY_TOKEN,
  QUEUE_NAME,
  SERVER_TIMEOUTS,
  describeDatabase,
  loadEnvFile,
  queueConnection,
  readConfig,
  type ExampleConfig,
} from './config';

loadEnvFile();
let config: ExampleConfig;
try {
  config = readConfig(process.env);
  checkListenConfig(config);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
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
const { idleTimeout, ...timeouts } = SERVER_TIMEOUTS;
const server = createServer(timeouts, app).setTimeout(idleTimeout);
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${config.port} is in use: start with PORT=3001.` : error.message);
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}/webhook`;
  if (config.defaulted.length > 0) {
    console.warn(
      `Warning: ${config.defaulted.join(' and ')} not set: using the public development defaults (app secret "${DEV_APP_SECRET}", verify token "${DEV_VERIFY_TOKEN}"), on ${config.host} only. Never use them in production (copy .env.example to .env).`,
    );
  }
  const token = config.defaulted.includes('WHATSAPP_VERIFY_TOKEN') ? DEV_VERIFY_TOKEN : '$WHATSAPP_VERIFY_TOKEN';
  // The CLI reads WHATSAPP_APP_SECRET itself: a --secret flag would show the secret in `ps`.
  const send = [
    'pnpm exec wa-webhooks send text',
    ...(url === 'http://127.0.0.1:3000/webhook' ? [] : [`--url ${url}`]),
  ].join(' ');
  const where = config.defaulted.includes('WHATSAPP_APP_SECRET') ? '' : ' with WHATSAPP_APP_SECRET exported';
  console.log(`Jobs go to queue "${QUEUE_NAME}" on PostgreSQL at ${describeDatabase(config.databaseUrl)}`);
  console.log(`WhatsApp webhook (Express → BullMQ on PostgreSQL) listening on ${url}`);
  console.log(`Verify it:      curl "${url}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1234"`);
  console.log(`Send a message: ${send}   (in a second terminal${where}; the worker process logs the event)`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void queue.close().finally(() => process.exit(0));
  });
}
