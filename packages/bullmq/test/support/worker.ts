/**
 * A worker process for the BullMQ fault-injection test: runs typed handlers through
 * createEventWorker, with Redis dedupe. The first attempt of 30 % of the events throws; the side effect
 * is an INCR in Redis. With CRASH_AT=n, the process kills itself (SIGKILL) inside its n-th handler call,
 * after the event was claimed and before its side effect: a crash mid-run. A crashing worker runs one
 * job at a time (CONCURRENCY=1), so that no other event of that process sits between its side effect
 * and its commit at that instant: that window (documented in the README) is at least once by nature.
 */
import { createWebhooks } from '@wa-webhooks/core';
import { redisDedupeStore } from '@wa-webhooks/redis';
import { Redis } from 'ioredis';
import { createEventWorker } from '../../src/index';
import { failsFirstAttempt } from '@wa-webhooks/test-kit/meta-simulator';

const url = process.env.REDIS_URL!;
const crashAt = Number(process.env.CRASH_AT ?? 0);
const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
redis.on('error', () => undefined);
await new Promise<void>((resolve) => redis.once('ready', () => resolve()));

const webhooks = createWebhooks({
  appSecret: 'unused-in-workers',
  verifyToken: 'unused',
  dedupe: redisDedupeStore(redis, { claimTtl: 3000 }),
});
webhooks.onError(() => undefined);
let calls = 0;
webhooks.on('messages.text', async (event) => {
  calls++;
  if (crashAt > 0 && calls === crashAt) process.kill(process.pid, 'SIGKILL');
  const attempt = await redis.incr(`fi:attempts:${event.id}`);
  await redis.incr('fi:calls');
  if (attempt === 1 && failsFirstAttempt(event.id)) {
    await redis.incr('fi:injected');
    throw new Error('injected failure');
  }
  await redis.incr(`fi:effect:${event.id}`);
});

const connection = new URL(url);
const worker = createEventWorker(process.env.QUEUE!, webhooks, {
  connection: { host: connection.hostname, port: Number(connection.port), maxRetriesPerRequest: null },
  concurrency: Number(process.env.CONCURRENCY ?? 4),
  lockDuration: 2000,
  stalledInterval: 1000,
});
worker.on('error', () => undefined);
await worker.waitUntilReady();
process.stdout.write('READY\n');
process.on('SIGTERM', () => {
  void worker.close().finally(() => {
    redis.disconnect();
    process.exit(0);
  });
});
