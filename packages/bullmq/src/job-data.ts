/**
 * What a job carries. BullMQ serialises job data as JSON; its PostgreSQL backend stores it as `jsonb`,
 * which refuses `\u0000` and lone surrogate escapes, so a notification that holds one of those (in a
 * message text, say) is carried base64-encoded instead of failing every delivery.
 */
import type { SingleEventNotification } from '@wa-webhooks/core';

/** The data of a job: the event's own single-event notification, plus its name and id for dashboards. */
export interface EventJobData {
  /** Event name, e.g. `messages.text`. */
  readonly name: string;
  /** Event id (the deduplication key); the job id instead when the event id could not be stored as is. */
  readonly id: string;
  /** A notification holding only this event; `webhooks.receive()` turns it back into the event. */
  readonly notification?: SingleEventNotification;
  /** The same notification as base64 of its JSON, set instead of `notification` when jsonb would refuse it. */
  readonly notificationBase64?: string;
}

// JSON.stringify writes NUL and lone surrogates as escapes; any `\u0000` or `\ud800`–`\udfff` escape in
// the text marks data jsonb may refuse (a literal backslash only makes this encode when it need not).
const JSONB_UNSAFE = /\\u0000|\\ud[89a-f]/i;

/** The job data of an event. */
export function toJobData(
  name: string,
  id: string,
  jobId: string,
  notification: SingleEventNotification,
): EventJobData {
  const json = JSON.stringify({ id, notification });
  if (!JSONB_UNSAFE.test(json)) return { name, id, notification };
  return { name, id: jobId, notificationBase64: Buffer.from(JSON.stringify(notification), 'utf8').toString('base64') };
}

/** The notification of a job; throws when the job was not made by `forwardToQueue`. */
export function notificationOf(jobId: string | undefined, data: EventJobData | undefined): SingleEventNotification {
  if (typeof data?.notificationBase64 === 'string') {
    return JSON.parse(Buffer.from(data.notificationBase64, 'base64').toString('utf8')) as SingleEventNotification;
  }
  if (typeof data?.notification === 'object' && data.notification !== null) return data.notification;
  throw new Error(`Job ${String(jobId)} carries no notification; was it enqueued by forwardToQueue()?`);
}
