/**
 * The worker: `pnpm --filter @wa-webhooks-examples/postgres worker`. It takes the jobs the webhook
 * server enqueued and runs the typed handlers, deduplicated in PostgreSQL, so that a job BullMQ runs
 * again (after a worker crash, say) does not run its handlers twice. Run several for more throughput.
 */
import { createEventWorker } from '@wa-webhooks/bullmq';
import { createWebhooks } from '@wa-webhooks/core';
import { postgresDedupeStore } from '@wa-webhooks/postgres';
import { createPostgresBackend } from 'bullmq';
import { QUEUE_NAME, dedupePool, describeDatabase, loadEnvFile, queueConnection, readConfig } from './config';
import { registerHandlers } from './handlers';

loadEnvFile();
const config = readConfig(process.env);
const pool = dedupePool(config);
const dedupe = postgresDedupeStore(pool);
try {
  await dedupe.ready(); // creates the wa_webhooks_dedupe table if missing
} catch (error) {
  console.error(
    `Cannot reach PostgreSQL at ${describeDatabase(config.databaseUrl)} (${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}). Start it, or set DATABASE_URL (see .env.example).`,
  );
  process.exit(1);
}

// The secrets are not used here (the server verified every notification); handlers are the same as
// they would be in the server process.
const webhooks = createWebhooks({ appSecret: config.appSecret, verifyToken: config.verifyToken, dedupe });
registerHandlers(webhooks, (line) => console.log(line));

const worker = createEventWorker(
  QUEUE_NAME,
  webhooks,
  { connection: queueConnection(config), concurrency: 10 },
  createPostgresBackend,
);
worker.on('error', (error) => console.error(`worker: ${error.message}`));
await worker.waitUntilReady();
console.log(`Worker ready: queue "${QUEUE_NAME}" on PostgreSQL at ${describeDatabase(config.databaseUrl)}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void worker
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}
