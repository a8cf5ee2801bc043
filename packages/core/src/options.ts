/**
 * The options of `createWebhooks`, and their checks: every mistake is a `ConfigurationError` at start,
 * never a surprise at the first request.
 */
import type { AckMode } from './ack';
import { DEFAULT_BODY_LIMIT } from './body/limit';
import { resolveBodyBudget, type BodyBudget } from './budget';
import { memoryDedupeStore, type DedupeStore } from './dedupe';
import { ConfigurationError } from './errors';
import { resolveLogger, type WebhooksLogger } from './logger';

/** Options of `createWebhooks`. */
export interface WebhooksOptions {
  /** Your app secret (App Dashboard → App settings → Basic). Every POST is verified with it. */
  readonly appSecret: string;
  /** The verify token you typed in the App Dashboard's webhook settings. */
  readonly verifyToken: string;
  /** Older app secrets still accepted while you rotate (remove them once Meta uses the new one). */
  readonly additionalAppSecrets?: readonly string[];
  /** Largest body accepted, in bytes. Default `DEFAULT_BODY_LIMIT` (3.5 MiB; Meta sends up to 3 MB). */
  readonly bodyLimit?: number;
  /**
   * `after-handlers` (default): answer 200 only when every handler succeeded, 500 otherwise so that Meta
   * retries. `immediately`: answer 200 as soon as the signature checks and run handlers in the
   * background; failures go to `onError` and are **not** retried by Meta (at most once, unless your
   * handlers hand off durably, e.g. with `@wa-webhooks/bullmq`). On Cloudflare Workers, `immediately`
   * needs the `ctx` passed to `handleFetch(request, ctx)` (the Hono adapter passes it by itself).
   */
  readonly ack?: AckMode;
  /**
   * Longest time, in ms, the handlers of one POST may take before the POST answers 500
   * (`HANDLER_TIMEOUT`) so that Meta retries; the handlers keep running. Checked about ten times per
   * timeout, so it fires within roughly 10 % past it. Default 10 000. Meta does not
   * document its own timeout (reports range from 5 to 20 seconds), so keep handlers short and hand heavy
   * work off. `false` disables the timeout.
   */
  readonly handlerTimeout?: number | false;
  /**
   * Where processed event ids are remembered. Default: `memoryDedupeStore()` (one process). Use
   * `redisDedupeStore()` from `@wa-webhooks/redis` with several instances; `false` turns deduplication off.
   */
  readonly dedupe?: DedupeStore | false;
  /**
   * Where to log: pino, winston, `console`, or anything with `debug/info/warn/error` (and optionally
   * `child`). With a logger: one `info` line per request (method, status, outcome, events, duration),
   * `warn` for signs of misconfiguration (wrong app secret or verify token, a body limit below Meta's
   * 3 MB), `error` for failures, `debug` per event. Without one: failures go to `onError`, or to
   * `console.error` when no `onError` handler is registered, and a wrong app secret (several failed
   * signature checks in a row) is warned about on `console.warn`, at most once a minute.
   */
  readonly logger?: WebhooksLogger;
  /**
   * Add event payloads (message contents) to the `debug` records. Off by default: message contents never
   * reach logs unless you ask for it here.
   */
  readonly logPayloads?: boolean;
  /**
   * How many bytes of request bodies may be held, before their signature is checked, by this instance
   * and every other one sharing the budget. A POST that would exceed it is answered 503
   * `BODY_BUDGET_EXCEEDED` (with `Retry-After`) before its body is read; Meta retries it. Default: one
   * process-wide budget of `DEFAULT_BODY_BUDGET` (64 MiB) shared by every instance that sets none. A number
   * gives this instance its own budget; `createBodyBudget()` makes one to share.
   */
  readonly bodyBudget?: BodyBudget | number;
  /**
   * Skip events whose own timestamps (a message's or status's `timestamp`, a change's `entry.time`) are
   * older than this many milliseconds: the POST answers 200 without running their handlers. A replay
   * protection for signed notifications captured and sent again after the dedupe store forgot their ids.
   * Off by default; if you set it, keep it above Meta's retry window of 7 days
   * (`7 * 24 * 60 * 60 * 1000`), or Meta's own late retries are dropped.
   */
  readonly maxEventAge?: number;
}

/** The options, checked, with their defaults. */
export interface ResolvedOptions {
  readonly verifyToken: string;
  readonly secrets: readonly string[];
  readonly bodyLimit: number;
  readonly bodyBudget: BodyBudget;
  readonly ack: AckMode;
  readonly handlerTimeout: number | false;
  readonly dedupe: DedupeStore | undefined;
  readonly logger: WebhooksLogger | undefined;
  readonly logPayloads: boolean;
  readonly maxEventAge: number | undefined;
}

function requireString(value: unknown, name: string, hint: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`createWebhooks: ${name} is required and must be a non-empty string. ${hint}`);
  }
  return value;
}

function positive(value: number | undefined, fallback: number, name: string, unit: string): number {
  const resolved = value ?? fallback;
  if (!(typeof resolved === 'number' && Number.isFinite(resolved) && resolved > 0)) {
    throw new ConfigurationError(`createWebhooks: ${name} must be a positive number of ${unit}.`);
  }
  return resolved;
}

function resolveSecrets(options: WebhooksOptions): readonly string[] {
  const appSecret = requireString(
    options.appSecret,
    'appSecret',
    'Find it in the App Dashboard under App settings → Basic.',
  );
  const additional = options.additionalAppSecrets ?? [];
  if (!Array.isArray(additional)) {
    throw new ConfigurationError('createWebhooks: additionalAppSecrets must be an array of strings.');
  }
  additional.forEach((secret, index) => requireString(secret, `additionalAppSecrets[${index}]`, ''));
  return [appSecret, ...additional];
}

function resolveDedupe(option: WebhooksOptions['dedupe']): DedupeStore | undefined {
  if (option === false) return undefined;
  if (option === undefined) return memoryDedupeStore();
  if (
    typeof option.claim !== 'function' ||
    typeof option.commit !== 'function' ||
    typeof option.release !== 'function'
  ) {
    throw new ConfigurationError('createWebhooks: dedupe must be a DedupeStore (claim, commit, release) or false.');
  }
  return option;
}

function resolveLoggerOption(logger: WebhooksLogger | undefined): WebhooksLogger | undefined {
  if (logger === undefined) return undefined;
  try {
    return resolveLogger(logger);
  } catch (error) {
    throw new ConfigurationError(
      `createWebhooks: ${(error as Error).message} (pino, console or any logger with debug/info/warn/error).`,
    );
  }
}

/** Checks the options of `createWebhooks` and fills in the defaults. */
export function resolveOptions(options: WebhooksOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError('createWebhooks needs an options object.');
  }
  const verifyToken = requireString(
    options.verifyToken,
    'verifyToken',
    'Use the string you typed as "Verify token" in the webhook settings.',
  );
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 1) {
    throw new ConfigurationError('createWebhooks: bodyLimit must be a positive integer (bytes).');
  }
  const ack = options.ack ?? 'after-handlers';
  if (ack !== 'after-handlers' && ack !== 'immediately') {
    throw new ConfigurationError('createWebhooks: ack must be "after-handlers" or "immediately".');
  }
  const handlerTimeout =
    options.handlerTimeout === false
      ? false
      : positive(options.handlerTimeout, 10_000, 'handlerTimeout', 'milliseconds or false');
  return {
    verifyToken,
    secrets: resolveSecrets(options),
    bodyLimit,
    bodyBudget: resolveBodyBudget(options.bodyBudget, 'createWebhooks'),
    ack,
    handlerTimeout,
    dedupe: resolveDedupe(options.dedupe),
    logger: resolveLoggerOption(options.logger),
    logPayloads: options.logPayloads === true,
    maxEventAge:
      options.maxEventAge === undefined ? undefined : positive(options.maxEventAge, 0, 'maxEventAge', 'milliseconds'),
  };
}
