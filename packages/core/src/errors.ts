/**
 * Typed errors of wa-webhooks: one class per kind of failure, each with a stable string `code`; the
 * errors a request is answered with also carry the HTTP `status`. Programmer errors
 * (`ConfigurationError`) are thrown at start and carry none. Messages say what was expected and how to
 * fix it; they never contain the app secret, the verify token, a computed HMAC or the notification body.
 */

/** Every code a request can be answered with, and its HTTP status. */
export const WEBHOOK_ERROR_STATUS = {
  SIGNATURE_MISSING: 401,
  SIGNATURE_MALFORMED: 401,
  SIGNATURE_MISMATCH: 401,
  HANDSHAKE_INVALID: 400,
  VERIFY_TOKEN_MISMATCH: 403,
  METHOD_NOT_ALLOWED: 405,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_JSON: 400,
  BODY_READ_FAILED: 400,
  RAW_BODY_UNAVAILABLE: 500,
  HANDLER_FAILED: 500,
  HANDLER_TIMEOUT: 500,
  EVENT_IN_PROGRESS: 503,
  BODY_BUDGET_EXCEEDED: 503,
  DEDUPE_UNAVAILABLE: 500,
  INTERNAL_ERROR: 500,
} as const;

/** A stable, machine-readable error code. */
export type WebhookErrorCode = keyof typeof WEBHOOK_ERROR_STATUS | 'CONFIGURATION_INVALID';

const BRAND = Symbol.for('wa-webhooks.error');

/** Options accepted by every error constructor. */
export interface WebhookErrorOptions {
  /** The underlying error, kept for logs; never sent to the client. */
  readonly cause?: unknown;
}

/** Base class of every error wa-webhooks throws or answers with. */
export class WebhookError extends Error {
  /** Stable machine-readable code, e.g. `SIGNATURE_MISMATCH`. */
  readonly code: WebhookErrorCode;
  /** HTTP status a request is answered with for this error; undefined for `ConfigurationError`. */
  readonly status: number | undefined;
  /** Whether `message` may be sent to the client (true for every error the core answers with). */
  readonly expose: boolean;

  constructor(code: WebhookErrorCode, message: string, options: WebhookErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WebhookError';
    this.code = code;
    const status = code === 'CONFIGURATION_INVALID' ? undefined : WEBHOOK_ERROR_STATUS[code];
    this.status = status;
    this.expose =
      (status !== undefined && status < 500) ||
      code === 'RAW_BODY_UNAVAILABLE' ||
      code === 'EVENT_IN_PROGRESS' ||
      code === 'BODY_BUDGET_EXCEEDED';
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** The `X-Hub-Signature-256` header is missing, malformed, or does not match the body. Status 401. */
export class SignatureError extends WebhookError {
  /** The HTTP status the request is answered with. */
  declare readonly status: number;
  constructor(
    code: 'SIGNATURE_MISSING' | 'SIGNATURE_MALFORMED' | 'SIGNATURE_MISMATCH',
    message: string,
    options?: WebhookErrorOptions,
  ) {
    super(code, message, options);
    this.name = 'SignatureError';
  }
}

/** The GET verification request is incomplete (400) or carries the wrong verify token (403). */
export class HandshakeError extends WebhookError {
  /** The HTTP status the request is answered with. */
  declare readonly status: number;
  constructor(code: 'HANDSHAKE_INVALID' | 'VERIFY_TOKEN_MISMATCH', message: string, options?: WebhookErrorOptions) {
    super(code, message, options);
    this.name = 'HandshakeError';
  }
}

/** The HTTP request itself is not acceptable: method, content type, size, JSON or a failed read. */
export class RequestError extends WebhookError {
  /** The HTTP status the request is answered with. */
  declare readonly status: number;
  constructor(
    code:
      | 'METHOD_NOT_ALLOWED'
      | 'UNSUPPORTED_MEDIA_TYPE'
      | 'PAYLOAD_TOO_LARGE'
      | 'INVALID_JSON'
      | 'BODY_READ_FAILED'
      | 'BODY_BUDGET_EXCEEDED',
    message: string,
    options?: WebhookErrorOptions,
  ) {
    super(code, message, options);
    this.name = 'RequestError';
  }
}

/** The body is larger than the configured limit. Status 413. */
export class PayloadTooLargeError extends RequestError {
  /** The limit in bytes that was exceeded. */
  readonly limit: number;

  constructor(limit: number, options?: WebhookErrorOptions) {
    super(
      'PAYLOAD_TOO_LARGE',
      `The request body is larger than the limit of ${limit} bytes. Meta sends up to 3 MB; raise bodyLimit only if you know you need to.`,
      options,
    );
    this.name = 'PayloadTooLargeError';
    this.limit = limit;
  }
}

/**
 * The exact request bytes are gone, usually because a body parser ran before the webhook route.
 * Status 500: this is a setup problem on the receiving server, and Meta should retry once it is fixed.
 */
export class RawBodyUnavailableError extends WebhookError {
  /** The HTTP status the request is answered with. */
  declare readonly status: number;
  constructor(message: string, options?: WebhookErrorOptions) {
    super('RAW_BODY_UNAVAILABLE', message, options);
    this.name = 'RawBodyUnavailableError';
  }
}

/** Description of the event a handler failed on, kept small so that logs never carry message contents. */
export interface FailedEventInfo {
  /** Event name, e.g. `messages.text`. */
  readonly name: string;
  /** Event id used for deduplication. */
  readonly id: string;
}

/**
 * One or more handlers failed (or timed out) for a notification. Status 500, so that Meta retries.
 * `errors` holds every underlying failure, `events` the events they happened on (name and id only).
 */
export class HandlerError extends WebhookError {
  /** The HTTP status the request is answered with. */
  declare readonly status: number;
  /** Every failure, in the order they happened. For a single failure this holds the cause. */
  readonly errors: readonly unknown[];
  /** The events the failures happened on. */
  readonly events: readonly FailedEventInfo[];

  constructor(
    message: string,
    details: {
      errors: readonly unknown[];
      events: readonly FailedEventInfo[];
      code?: 'HANDLER_FAILED' | 'HANDLER_TIMEOUT';
    },
  ) {
    super(details.code ?? 'HANDLER_FAILED', message, details.errors.length === 1 ? { cause: details.errors[0] } : {});
    this.name = 'HandlerError';
    this.errors = details.errors;
    this.events = details.events;
  }
}

/** Another delivery of the same event is being processed right now. Status 503, so that Meta retries later. */
export class EventInProgressError extends WebhookError {
  /** The HTTP status the request is answered with. */
  declare readonly status: number;
  /** The ids of the events that were in progress elsewhere. */
  readonly eventIds: readonly string[];

  constructor(eventIds: readonly string[]) {
    super(
      'EVENT_IN_PROGRESS',
      `${eventIds.length} event(s) of this notification are being processed by another delivery; retry later.`,
    );
    this.name = 'EventInProgressError';
    this.eventIds = eventIds;
  }
}

/** The deduplication store could not be reached. Status 500: nothing was marked processed, Meta retries. */
export class DedupeStoreError extends WebhookError {
  /** The HTTP status the request is answered with. */
  declare readonly status: number;
  constructor(message: string, options?: WebhookErrorOptions) {
    super('DEDUPE_UNAVAILABLE', message, options);
    this.name = 'DedupeStoreError';
  }
}

/** Invalid options passed to a factory. Thrown synchronously; never turned into a response. */
export class ConfigurationError extends WebhookError {
  constructor(message: string) {
    super('CONFIGURATION_INVALID', message);
    this.name = 'ConfigurationError';
  }
}

/**
 * Whether `value` is an error from wa-webhooks, also across two copies of the library (ESM and CJS, or
 * two versions installed side by side), where `instanceof` alone would say no.
 */
export function isWebhookError(value: unknown): value is WebhookError {
  return (
    value instanceof WebhookError ||
    (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true)
  );
}

/** `error` itself when it is a WebhookError, else an INTERNAL_ERROR with `message` that keeps it as cause. */
export function toWebhookError(error: unknown, message: string): WebhookError {
  return isWebhookError(error) ? error : new WebhookError('INTERNAL_ERROR', message, { cause: error });
}
