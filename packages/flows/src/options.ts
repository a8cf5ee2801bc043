/**
 * The options of `createFlowEndpoint()`, checked once at start: a missing app secret or key, a key that
 * cannot be read, a wrong passphrase (on node:crypto) all throw a `FlowConfigurationError` there.
 */
import { createBodyBudget, sharedBodyBudget, type BodyBudget, type WebhooksLogger } from '@wa-webhooks/core';
import { FlowConfigurationError } from './errors';
import { isStandardSchema, type ScreenSchemas } from './schema';

/** Default body limit: 1 MiB. Flows requests carry form fields and media metadata, never media bytes. */
export const DEFAULT_FLOW_BODY_LIMIT = 1024 * 1024;

/** Default `handlerTimeout`: 10 seconds (Meta asks for answers in under one; it documents no hard limit). */
export const DEFAULT_FLOW_HANDLER_TIMEOUT = 10_000;

/** Options of `createFlowEndpoint`. */
export interface FlowEndpointOptions<S extends ScreenSchemas = Record<never, never>> {
  /**
   * The RSA private key, as PEM text: PKCS#1 (`BEGIN RSA PRIVATE KEY`) or PKCS#8 (`BEGIN PRIVATE KEY`,
   * `BEGIN ENCRYPTED PRIVATE KEY`). `\n` escapes, CRLF line ends and a base64-encoded PEM file (as
   * environment variables often hold them) are undone. Its public key is the one uploaded to Meta.
   */
  readonly privateKey: string;
  /** The passphrase of an encrypted private key. */
  readonly passphrase?: string | undefined;
  /** Your app secret (App Dashboard → App settings → Basic): every request's `X-Hub-Signature-256` is checked with it. */
  readonly appSecret: string;
  /** Older app secrets still accepted while you rotate. */
  readonly additionalAppSecrets?: readonly string[];
  /**
   * One schema per screen (zod 4, or any Standard Schema): the data the screen sends with
   * `data_exchange`. Handlers then receive that data typed and validated; a screen missing from the
   * map, or data its schema refuses, answers 500 and reaches `onError`.
   */
  readonly screens?: S;
  /** Largest body accepted, in bytes. Default `DEFAULT_FLOW_BODY_LIMIT` (1 MiB). */
  readonly bodyLimit?: number;
  /**
   * Bytes of request bodies that may be held before their signature is checked, shared with every
   * handler using the same budget (503 `BODY_BUDGET_EXCEEDED` beyond it). Default: the process-wide
   * budget that `createWebhooks()` uses too; a number gives this endpoint its own.
   */
  readonly bodyBudget?: BodyBudget | number;
  /** Longest a handler may take, in ms, before the request answers 500 `HANDLER_TIMEOUT`. Default 10 000; `false` disables it. */
  readonly handlerTimeout?: number | false;
  /**
   * pino, winston, `console` or anything with `debug/info/warn/error`: one `info` record per request
   * (action, status, outcome, duration), `warn` for 421 and 432 (a key or secret that does not match),
   * `error` for failures. Never a key, a flow token or decrypted data.
   */
  readonly logger?: WebhooksLogger;
}

/** The checked options. */
export interface ResolvedOptions {
  readonly secrets: readonly string[];
  readonly screens: ScreenSchemas | undefined;
  readonly bodyLimit: number;
  readonly budget: BodyBudget;
  readonly handlerTimeout: number | false;
  readonly logger: WebhooksLogger | undefined;
}

/**
 * The budget `option` asks for. Without one, core's process-wide budget, so webhooks and Flows
 * endpoints in one process share it.
 */
function resolveBudget(option: BodyBudget | number | undefined): BodyBudget {
  if (option === undefined) return sharedBodyBudget();
  if (typeof option === 'number') return createBodyBudget(option);
  if (typeof option !== 'object' || option === null || typeof option.tryReserve !== 'function') {
    throw invalid('bodyBudget must be a number of bytes or a budget from createBodyBudget().');
  }
  return option;
}

function invalid(message: string): FlowConfigurationError {
  return new FlowConfigurationError('CONFIGURATION_INVALID', `createFlowEndpoint: ${message}`);
}

function resolveScreens(screens: unknown): ScreenSchemas | undefined {
  if (screens === undefined) return undefined;
  if (typeof screens !== 'object' || screens === null || Array.isArray(screens)) {
    throw invalid('screens must be an object of one schema per screen name.');
  }
  for (const [name, schema] of Object.entries(screens)) {
    if (!isStandardSchema(schema)) throw invalid(`screens.${name} is not a schema (zod 4, or any Standard Schema).`);
  }
  return Object.keys(screens).length === 0 ? undefined : (screens as ScreenSchemas);
}

function resolveLogger(logger: WebhooksLogger | undefined): WebhooksLogger | undefined {
  if (logger === undefined) return undefined;
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    if (typeof logger?.[level] !== 'function')
      throw invalid(`logger.${level} must be a function (pino, console or any logger).`);
  }
  const bound = typeof logger.child === 'function' ? logger.child({ component: 'wa-webhooks/flows' }) : logger;
  return {
    debug: bound.debug.bind(bound),
    info: bound.info.bind(bound),
    warn: bound.warn.bind(bound),
    error: bound.error.bind(bound),
  };
}

/** Checks the options (not the key: each crypto build loads it). */
export function resolveOptions(options: FlowEndpointOptions<ScreenSchemas>): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw invalid('an options object is required.');
  if (typeof options.appSecret !== 'string' || options.appSecret.trim() === '') {
    throw invalid(
      'appSecret is required: requests are signed with it. Find it in the App Dashboard under App settings → Basic.',
    );
  }
  const additional = options.additionalAppSecrets ?? [];
  if (!Array.isArray(additional) || additional.some((secret) => typeof secret !== 'string' || secret === '')) {
    throw invalid('additionalAppSecrets must be an array of non-empty strings.');
  }
  if (options.passphrase !== undefined && typeof options.passphrase !== 'string')
    throw invalid('passphrase must be a string.');
  const bodyLimit = options.bodyLimit ?? DEFAULT_FLOW_BODY_LIMIT;
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 1) throw invalid('bodyLimit must be a positive integer (bytes).');
  const handlerTimeout = options.handlerTimeout ?? DEFAULT_FLOW_HANDLER_TIMEOUT;
  if (
    handlerTimeout !== false &&
    !(typeof handlerTimeout === 'number' && handlerTimeout > 0 && Number.isFinite(handlerTimeout))
  ) {
    throw invalid('handlerTimeout must be a positive number of milliseconds or false.');
  }
  return {
    secrets: [options.appSecret, ...additional],
    screens: resolveScreens(options.screens),
    bodyLimit,
    budget: resolveBudget(options.bodyBudget),
    handlerTimeout,
    logger: resolveLogger(options.logger),
  };
}
