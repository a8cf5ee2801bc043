/**
 * Instrumentation: what a metrics library (see `@wa-webhooks/prometheus`) or a tracer needs, as plain
 * records. Observers are called synchronously and must be cheap; an observer that throws is ignored.
 */
import type { WebhookErrorCode } from './errors';

/** One answered request. */
export interface RequestRecord {
  /** Upper-case method. */
  readonly method: string;
  readonly status: number;
  /** `ok` for a 200, `challenge` for a handshake, else the error code. */
  readonly outcome: 'ok' | 'challenge' | WebhookErrorCode;
  /** From the start of `handle()` to the answer, in milliseconds. */
  readonly durationMs: number;
  /** Events handed to handlers (POST only). */
  readonly events: number;
  /** Events skipped as already processed (POST only). */
  readonly duplicates: number;
  /** Events held by another delivery (POST only). */
  readonly inProgress: number;
  /** Events skipped as older than `maxEventAge` (POST only). */
  readonly stale: number;
}

/** One event whose handlers ran. */
export interface EventRecord {
  readonly name: string;
  readonly kind: 'message' | 'status' | 'error' | 'change' | 'unknown';
  /** `ok`, `failed` (a handler threw or rejected). */
  readonly outcome: 'ok' | 'failed';
  /** Time spent in this event's handlers, in milliseconds. */
  readonly durationMs: number;
}

/** Receives instrumentation records; every method is optional. */
export interface WebhooksObserver {
  onRequest?(record: RequestRecord): void;
  onEvent?(record: EventRecord): void;
}
