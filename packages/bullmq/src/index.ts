/**
 * `@wa-webhooks/bullmq`: the path for heavy handlers and many instances. The webhook server verifies
 * each notification and enqueues every event as a BullMQ job (answering Meta 200 only once the queue
 * has the job); worker processes run the same typed handlers. BullMQ 5 and 6, on Redis or on BullMQ 6's
 * PostgreSQL backend.
 *
 * @module
 */
export { DEFAULT_JOB_OPTIONS, forwardToQueue } from './forward';
export type { EventQueue, ForwardToQueueOptions } from './forward';
export { createEventWorker, eventProcessor } from './worker';
export type { EventWorkerOptions, QueueBackendFactory } from './worker';
export { HASHED_JOB_ID_PREFIX, JOB_ID_PREFIX, MAX_JOB_ID_BYTES, toJobId } from './job-id';
export type { EventJobData } from './job-data';
