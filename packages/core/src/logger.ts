/**
 * Logging, in the shape pino, winston, bunyan and `console` share: `debug/info/warn/error` (and an
 * optional `child`). Records are passed as `(fields, message)`, pino's order. The library never logs
 * the app secret, the verify token, a computed HMAC or message contents; with `logPayloads: true`,
 * debug records may carry event payloads, and only then.
 */

/** A log method: pino-style `(fields, message)`. `console` methods work too. */
export type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/** What `createWebhooks({ logger })` accepts: pino, a console-like object, or anything with these methods. */
export interface WebhooksLogger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  child?: (bindings: Record<string, unknown>) => WebhooksLogger;
}

/** The logger used when none is given: `console`, warnings and errors only. */
export function defaultLogger(): WebhooksLogger {
  const silent: LogMethod = () => undefined;
  return {
    debug: silent,
    info: silent,
    warn: (fields, message) => console.warn(`[wa-webhooks] ${message}`, fields),
    error: (fields, message) => console.error(`[wa-webhooks] ${message}`, fields),
  };
}

/** Accepts a logger, checking its shape once; binds `component` through `child` when there is one. */
export function resolveLogger(logger: WebhooksLogger): WebhooksLogger {
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    if (typeof logger[level] !== 'function') throw new TypeError(`logger.${level} must be a function`);
  }
  const bound = typeof logger.child === 'function' ? logger.child({ component: 'wa-webhooks' }) : logger;
  // Method references are bound so that loggers relying on `this` (pino, console) keep working.
  return {
    debug: bound.debug.bind(bound),
    info: bound.info.bind(bound),
    warn: bound.warn.bind(bound),
    error: bound.error.bind(bound),
  };
}

/** Serialises an error for a log record without its stack trace's arguments or any payload. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const fields: Record<string, unknown> = { error: error.message, errorName: error.name };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') fields.code = code;
  if (error.cause !== undefined)
    fields.cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : String(error.cause);
  if (error.stack !== undefined) fields.stack = error.stack;
  return fields;
}
