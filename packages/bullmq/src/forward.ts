/**
 * The receiving side: every verified event becomes a job, with a job id derived from the event id.
 */
import {
  toNotification,
  type KnownWebhookEvent,
  type UnknownEvent,
  type WebhookEventName,
  type Webhooks,
} from '@wa-webhooks/core';
import type { JobsOptions } from 'bullmq';
import { toJobData, type EventJobData } from './job-data';
import { toJobId } from './job-id';

/**
 * What `forwardToQueue` needs of a queue: BullMQ's `Queue` (5 or 6) on any backend, e.g.
 * `new Queue(name, { connection })` on Redis or `new Queue(name, { connection }, createPostgresBackend)`.
 */
export interface EventQueue {
  add(name: string, data: EventJobData, opts?: JobsOptions): Promise<unknown>;
}

/** Options of `forwardToQueue`. */
export interface ForwardToQueueOptions {
  /** Event names to forward. Default: every event, including unknown ones. */
  readonly events?: readonly WebhookEventName[];
  /** BullMQ job options; merged over the defaults (10 attempts, exponential backoff from 1 s). */
  readonly jobOptions?: JobsOptions;
}

/** Defaults for forwarded jobs: retried like Meta would, kept a day after completion for inspection. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 60 * 60, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 60 * 60 },
};

/**
 * Enqueues every verified event (or the named ones) on `queue` as a job whose id is derived from the
 * event id (`toJobId`), so that a redelivered event is not enqueued twice. Registered as a handler: with
 * the default `ack: 'after-handlers'`, Meta gets its 200 only after the queue has the job; if the queue's
 * store is unreachable the POST answers 500 and Meta retries. Returns a function that stops forwarding.
 *
 * @example
 * ```ts
 * forwardToQueue(webhooks, new Queue('whatsapp', { connection }));                        // Redis
 * forwardToQueue(webhooks, new Queue('whatsapp', { connection: pgConfig }, createPostgresBackend)); // PostgreSQL
 * ```
 */
export function forwardToQueue(webhooks: Webhooks, queue: EventQueue, options: ForwardToQueueOptions = {}): () => void {
  const jobOptions = { ...DEFAULT_JOB_OPTIONS, ...options.jobOptions };
  const forward = async (event: KnownWebhookEvent | UnknownEvent): Promise<void> => {
    const jobId = toJobId(event.id);
    await queue.add(event.name, toJobData(event.name, event.id, jobId, toNotification(event)), {
      ...jobOptions,
      jobId,
    });
  };
  if (options.events === undefined) return webhooks.onAny(forward);
  return webhooks.on(options.events, forward as never);
}
