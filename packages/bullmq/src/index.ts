/**
 * `@wa-webhooks/bullmq`: the path for heavy handlers and many instances. The webhook server verifies
 * each notification and enqueues every event as a BullMQ job (answering Meta 200 only once Redis has
 * the job); worker processes run the same typed handlers.
 *
 * @module
 */
import {
  isWebhookError,
  toNotification,
  type KnownWebhookEvent,
  type SingleEventNotification,
  type UnknownEvent,
  type WebhookEventName,
  type Webhooks,
} from '@wa-webhooks/core';
import { Worker, type Job, type JobsOptions, type Queue, type WorkerOptions } from 'bullmq';

/** The data of a job: the event's own single-event notification, plus its name and id for dashboards. */
export interface EventJobData {
  /** Event name, e.g. `messages.text`. */
  readonly name: string;
  /** Event id (the deduplication key). */
  readonly id: string;
  /** A notification holding only this event; `webhooks.receive()` turns it back into the event. */
  readonly notification: SingleEventNotification;
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
 * BullMQ reserves `:` in custom job ids; event ids contain it (`wamid…:read:1555…`). Escaping `%` and `:`
 * keeps the mapping one to one, so the same event always gets the same job id.
 */
export function toJobId(eventId: string): string {
  return eventId.replaceAll('%', '%25').replaceAll(':', '%3A');
}

/**
 * Enqueues every verified event (or the named ones) on `queue` as a job whose id is derived from the
 * event id, so that a redelivered event is not enqueued twice. Registered as a handler: with the default
 * `ack: 'after-handlers'`, Meta gets its 200 only after Redis has the job; if Redis is unreachable the POST
 * answers 500 and Meta retries. Returns a function that stops forwarding.
 *
 * @example
 * ```ts
 * const queue = new Queue('whatsapp', { connection });
 * forwardToQueue(webhooks, queue);
 * ```
 */
export function forwardToQueue(webhooks: Webhooks, queue: Queue, options: ForwardToQueueOptions = {}): () => void {
  const jobOptions = { ...DEFAULT_JOB_OPTIONS, ...options.jobOptions };
  const forward = async (event: KnownWebhookEvent | UnknownEvent): Promise<void> => {
    const data: EventJobData = { name: event.name, id: event.id, notification: toNotification(event) };
    await queue.add(event.name, data, { ...jobOptions, jobId: toJobId(event.id) });
  };
  if (options.events === undefined) return webhooks.onAny(forward);
  return webhooks.on(options.events, forward as never);
}

/**
 * Runs the handlers of `webhooks` for the jobs of `queueName`: each job's notification goes through
 * `webhooks.receive()` (with that instance's deduplication). A handler failure, or the event being
 * processed elsewhere, fails the job so that BullMQ retries it with backoff.
 *
 * Give the workers' `webhooks` a `redisDedupeStore` so that a job re-run after a crash (BullMQ recovers
 * stalled jobs) or a re-enqueue after the completed job was removed does not run handlers twice.
 *
 * @example
 * ```ts
 * const webhooks = createWebhooks({ appSecret, verifyToken, dedupe: redisDedupeStore(redis) });
 * webhooks.on('messages.text', async (event) => { … });
 * const worker = createEventWorker('whatsapp', webhooks, { connection, concurrency: 10 });
 * ```
 */
export function createEventWorker(
  queueName: string,
  webhooks: Webhooks,
  options: WorkerOptions,
): Worker<EventJobData, void> {
  return new Worker<EventJobData, void>(
    queueName,
    async (job: Job<EventJobData, void>) => {
      if (typeof job.data?.notification !== 'object' || job.data.notification === null) {
        throw new Error(`Job ${String(job.id)} carries no notification; was it enqueued by forwardToQueue()?`);
      }
      try {
        await webhooks.receive(job.data.notification);
      } catch (error) {
        // Keep BullMQ's failedReason useful without putting message contents in Redis.
        if (isWebhookError(error)) throw Object.assign(new Error(`${error.code}: ${error.message}`), { cause: error });
        throw error;
      }
    },
    options,
  );
}
