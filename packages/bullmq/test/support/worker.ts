/**
 * A worker process for the BullMQ fault-injection test: runs typed handlers through createEventWorker,
 * on the backend named by BACKEND (`redis` or `postgres`, at STORE_URL), with the matching dedupe store.
 * The first attempt of 30 % of the events throws; the side effect goes to the ledger. With CRASH_AT=n,
 * the process kills itself (SIGKILL) inside its n-th handler call, after the event was claimed and
 * before its side effect: a crash mid-run. A crashing worker runs one job at a time (CONCURRENCY=1), so
 * that no other event of that process sits between its side effect and its commit at that instant: that
 * window (documented in the README) is at least once by nature. Started with support/bullmq5.mjs, it
 * runs on BullMQ 5.
 */
import { createWebhooks, type DedupeStore } from '@wa-webhooks/core';
import { postgresDedupeStore } from '@wa-webhooks/postgres';
import { redisDedupeStore } from '@wa-webhooks/redis';
import { failsFirstAttempt } from '@wa-webhooks/test-kit/meta-simulator';
import * as bullmq from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createEventWorker } from '../../src/index';
import { postgresLedger, redisLedger } from './ledger';

const url = process.env.STORE_URL!;
const onPostgres = process.env.BACKEND === 'postgres';
const crashAt = Number(process.env.CRASH_AT ?? 0);

let dedupe: DedupeStore;
if (onPostgres) {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on('error', () => undefined);
  dedupe = postgresDedupeStore(pool, { claimTtl: 3000 });
} else {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  dedupe = redisDedupeStore(redis, { claimTtl: 3000 });
}
const ledger = onPostgres ? await postgresLedger(url) : await redisLedger(url);

const webhooks = createWebhooks({ appSecret: 'unused-in-workers', verifyToken: 'unused', dedupe });
webhooks.onError(() => undefined);
let calls = 0;
// Side effects are keyed by message id (what the sender knows); event ids are opaque.
webhooks.on('messages.text', async (event) => {
  calls++;
  if (crashAt > 0 && calls === crashAt) process.kill(process.pid, 'SIGKILL');
  const key = event.message.id;
  const attempt = await ledger.attempt(key);
  if (attempt === 1 && failsFirstAttempt(key)) {
    await ledger.injected(key);
    throw new Error('injected failure');
  }
  await ledger.effect(key);
});

const redisUrl = new URL(url);
const worker = createEventWorker(
  process.env.QUEUE!,
  webhooks,
  {
    connection: onPostgres
      ? { connectionString: url, migrate: true, max: 8 }
      : { host: redisUrl.hostname, port: Number(redisUrl.port), maxRetriesPerRequest: null },
    concurrency: Number(process.env.CONCURRENCY ?? 8),
    lockDuration: 2000,
    stalledInterval: 1000,
  },
  onPostgres ? bullmq.createPostgresBackend : undefined,
);
worker.on('error', () => undefined);
await worker.waitUntilReady();
process.stdout.write('READY\n');
process.on('SIGTERM', () => {
  void worker.close().finally(() => {
    void ledger.close();
    process.exit(0);
  });
});
