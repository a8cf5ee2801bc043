/**
 * The working side: a BullMQ `Worker` that runs each job's event through `webhooks.receive()`.
 */
import { isWebhookError, type Webhooks } from '@wa-webhooks/core';
import * as bullmq from 'bullmq';
import type { Job, Worker, WorkerOptions } from 'bullmq';
import { notificationOf, type EventJobData } from './job-data';

/**
 * BullMQ worker options on any backend: `connection` is what the backend takes (Redis options or an
 * ioredis client; for `createPostgresBackend`, a connection string, a `pg` pool config or a `pg.Pool`).
 */
export type EventWorkerOptions = Omit<WorkerOptions, 'connection'> & { readonly connection: unknown };

/**
 * A BullMQ 6 backend factory, such as `createPostgresBackend` (or `createRedisBackend`, the default),
 * as BullMQ's own constructors take it.
 */
export type QueueBackendFactory = (...args: never[]) => unknown;

type WorkerConstructor = new (
  name: string,
  processor: (job: Job<EventJobData, void>) => Promise<void>,
  options: unknown,
  backend?: unknown,
) => Worker<EventJobData, void>;

/**
 * The processor `createEventWorker` runs: each job's notification goes through `webhooks.receive()`.
 * Exported for workers you build yourself (`new Worker(name, eventProcessor(webhooks), …)`).
 */
export function eventProcessor(webhooks: Webhooks): (job: Job<EventJobData, void>) => Promise<void> {
  return async (job) => {
    const notification = notificationOf(job.id, job.data);
    try {
      await webhooks.receive(notification);
    } catch (error) {
      // Keep BullMQ's failedReason useful without putting message contents in the queue.
      if (isWebhookError(error)) throw Object.assign(new Error(`${error.code}: ${error.message}`), { cause: error });
      throw error;
    }
  };
}

/**
 * Runs the handlers of `webhooks` for the jobs of `queueName`: each job's notification goes through
 * `webhooks.receive()` (with that instance's deduplication). A handler failure, or the event being
 * processed elsewhere, fails the job so that BullMQ retries it with backoff. `backend` picks BullMQ 6's
 * datastore, as BullMQ's own constructors do: `createPostgresBackend` for PostgreSQL; Redis without it.
 *
 * Give the workers' `webhooks` a shared dedupe store (`redisDedupeStore` or `postgresDedupeStore`) so
 * that a job re-run after a crash (BullMQ recovers stalled jobs) or re-enqueued after its completed job
 * was removed does not run handlers twice.
 *
 * @throws TypeError when `backend` is given and the installed BullMQ (5) has no backends.
 * @example
 * ```ts
 * const webhooks = createWebhooks({ appSecret, verifyToken, dedupe: postgresDedupeStore(pool) });
 * webhooks.on('messages.text', async (event) => { … });
 * createEventWorker('whatsapp', webhooks, { connection: { connectionString }, concurrency: 10 }, createPostgresBackend);
 * ```
 */
export function createEventWorker(
  queueName: string,
  webhooks: Webhooks,
  options: EventWorkerOptions,
  backend?: QueueBackendFactory,
): Worker<EventJobData, void> {
  const WorkerClass = bullmq.Worker as unknown as WorkerConstructor;
  if (backend === undefined) return new WorkerClass(queueName, eventProcessor(webhooks), options);
  if (!('withBackend' in bullmq)) {
    throw new TypeError(
      'createEventWorker: a backend (such as createPostgresBackend) needs BullMQ 6; the installed BullMQ has none. Upgrade bullmq, or leave the backend out for Redis.',
    );
  }
  return new WorkerClass(queueName, eventProcessor(webhooks), options, backend);
}
