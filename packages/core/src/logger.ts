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

/** What `console` prints after the message: the error first (its stack and causes), then other fields. */
function withFields(fields: Record<string, unknown>): unknown[] {
  const { err, ...rest } = fields;
  const extra = Object.keys(rest).length > 0 ? [rest] : [];
  return err === undefined ? extra : [err, ...extra];
}

/** The logger used when none is given: `console`, warnings and errors only. */
export function defaultLogger(): WebhooksLogger {
  const silent: LogMethod = () => undefined;
  return {
    debug: silent,
    info: silent,
    warn: (fields, message) => console.warn(`[wa-webhooks] ${message}`, ...withFields(fields)),
    error: (fields, message) => console.error(`[wa-webhooks] ${message}`, ...withFields(fields)),
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

/**
 * The fields of a log record about `error`: the error itself under `err` (pino's convention; its
 * serializer and Node's `console` both print the stack and the `cause` chain, so a handler's own stack
 * trace is kept), and its `code`. Never a payload.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = { err: error };
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code === 'string') fields.code = code;
  return fields;
}
