/**
 * `createWebhooks()`: the one object users configure. It owns the secrets, the handlers, the
 * deduplication store and the acknowledgement policy, and answers requests through `handle()` (for
 * adapters) or `handleFetch()` (for fetch runtimes).
 */
import { DEFAULT_BODY_LIMIT } from './body/limit';
import { resolveBodyBudget, type BodyBudget } from './budget';
import { memoryDedupeStore, type DedupeStore } from './dedupe';
import { dispatch, KNOWN_EVENT_NAMES, type DispatchOutcome, type DispatchSettings, type Registry } from './dispatch';
import {
  ConfigurationError,
  EventInProgressError,
  HandlerError,
  RequestError,
  type WebhookError,
  toWebhookError,
  type FailedEventInfo,
} from './errors';
import type {
  AnyEventHandler,
  KnownWebhookEvent,
  UnknownEvent,
  UnknownEventHandler,
  WebhookEventName,
  WebhookHandler,
} from './events';
import { errorResponse, handleRequest, okResponse, type HandleContext, type RequestStats } from './handle';
import { defaultLogger, errorFields, resolveLogger, type WebhooksLogger } from './logger';
import type { EventRecord, RequestRecord, WebhooksObserver } from './observe';
import { handleFetchWith } from './fetch';
import type { RequestHandler, WaitUntilContext, WebhookRequest, WebhookResponse } from './http';
import { createSignatureVerifier } from './signature';
import { createWatchdog } from '#watchdog';
import { TIMED_OUT } from './watchdog/shared';

/** When a POST is answered. */
export type AckMode = 'after-handlers' | 'immediately';

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
   * `console.error` when no `onError` handler is registered; nothing else is printed.
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
}

/** A handler for errors: handler failures, timeouts, store outages, setup problems. */
export type ErrorHandler = (error: WebhookError) => unknown;

/** Summary of one dispatched notification (`receive()`). */
export interface ReceiveResult {
  /** Events handed to handlers. */
  readonly delivered: number;
  /** Events skipped as duplicates. */
  readonly duplicates: number;
}

/** The webhooks instance. */
export interface Webhooks extends RequestHandler {
  /** Registers `handler` for one event name or several. Parent names (`messages`, `statuses`) receive their children. */
  on<Name extends WebhookEventName>(name: Name | readonly Name[], handler: WebhookHandler<Name>): void;
  /** Registers a handler for every event, known or unknown, after the specific handlers ran. */
  onAny(handler: AnyEventHandler): void;
  /** Registers a handler for signed notifications the schemas did not expect (answered 200 all the same). */
  onUnknown(handler: UnknownEventHandler): void;
  /** Registers a handler for failures. It may not throw; if it does, the error is ignored. */
  onError(handler: ErrorHandler): void;
  /**
   * Adds an instrumentation observer (metrics, tracing): told about every answered request and every
   * event whose handlers ran. Returns a function that removes it.
   */
  observe(observer: WebhooksObserver): () => void;
  /** Removes a handler added with `on` (by name), `onAny` (`'*'`), `onUnknown` (`'unknown'`) or `onError` (`'error'`). */
  removeListener(
    name: WebhookEventName | readonly WebhookEventName[] | '*' | 'unknown' | 'error',
    handler: (...args: never[]) => unknown,
  ): void;
  /**
   * The Meta webhook fields (`messages`, `account_update`, …) that the registered `on()` handlers
   * receive, sorted; `'*'` when an `onAny` handler receives every field. `onUnknown` handlers do not
   * count: they see only shapes the schemas do not know, not the known events of a field. Used by
   * `wa-webhooks status --config` to warn about subscribed fields nobody handles.
   */
  listenedFields(): readonly string[] | '*';
  /** Answers one request from an adapter. Never rejects. */
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  /**
   * Answers a Fetch `Request` (Hono, Bun, Deno, Cloudflare Workers, Next.js route handlers). Never
   * rejects. On Cloudflare Workers pass the `ctx` of your `fetch(request, env, ctx)`: work that goes on
   * after the response (`ack: 'immediately'`, a handler past `handlerTimeout`) is then kept alive with
   * `ctx.waitUntil()` instead of being cancelled with the request.
   */
  handleFetch(request: Request, context?: WaitUntilContext | object): Promise<Response>;
  /**
   * Dispatches an already verified notification (from a queue, a test, a replay), with deduplication.
   * Rejects with `HandlerError` if a handler failed, `EventInProgressError` if another delivery holds an
   * event, or `DedupeStoreError`.
   */
  receive(payload: unknown): Promise<ReceiveResult>;
}

function requireString(value: unknown, name: string, hint: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`createWebhooks: ${name} is required and must be a non-empty string. ${hint}`);
  }
  return value;
}

function resolveOptions(options: WebhooksOptions) {
  if (typeof options !== 'object' || options === null)
    throw new ConfigurationError('createWebhooks needs an options object.');
  const appSecret = requireString(
    options.appSecret,
    'appSecret',
    'Find it in the App Dashboard under App settings → Basic.',
  );
  const verifyToken = requireString(
    options.verifyToken,
    'verifyToken',
    'Use the string you typed as "Verify token" in the webhook settings.',
  );
  const additional = options.additionalAppSecrets ?? [];
  if (!Array.isArray(additional))
    throw new ConfigurationError('createWebhooks: additionalAppSecrets must be an array of strings.');
  additional.forEach((secret, index) => requireString(secret, `additionalAppSecrets[${index}]`, ''));
  const bodyBudget = resolveBodyBudget(options.bodyBudget, 'createWebhooks');
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 1)
    throw new ConfigurationError('createWebhooks: bodyLimit must be a positive integer (bytes).');
  const ack = options.ack ?? 'after-handlers';
  if (ack !== 'after-handlers' && ack !== 'immediately')
    throw new ConfigurationError('createWebhooks: ack must be "after-handlers" or "immediately".');
  const handlerTimeout = options.handlerTimeout ?? 10_000;
  if (
    handlerTimeout !== false &&
    !(typeof handlerTimeout === 'number' && handlerTimeout > 0 && Number.isFinite(handlerTimeout))
  ) {
    throw new ConfigurationError('createWebhooks: handlerTimeout must be a positive number of milliseconds or false.');
  }
  const dedupe =
    options.dedupe === undefined ? memoryDedupeStore() : options.dedupe === false ? undefined : options.dedupe;
  let logger: WebhooksLogger | undefined;
  if (options.logger !== undefined) {
    try {
      logger = resolveLogger(options.logger);
    } catch (error) {
      throw new ConfigurationError(
        `createWebhooks: ${(error as Error).message} (pino, console or any logger with debug/info/warn/error).`,
      );
    }
  }
  if (
    dedupe !== undefined &&
    (typeof dedupe.claim !== 'function' || typeof dedupe.commit !== 'function' || typeof dedupe.release !== 'function')
  ) {
    throw new ConfigurationError('createWebhooks: dedupe must be a DedupeStore (claim, commit, release) or false.');
  }
  return {
    appSecret,
    verifyToken,
    secrets: [appSecret, ...additional],
    bodyLimit,
    bodyBudget,
    ack,
    handlerTimeout,
    dedupe,
    logger,
    logPayloads: options.logPayloads === true,
  };
}

/**
 * Creates a webhooks instance. Throws `ConfigurationError` at once for a missing app secret or verify
 * token: verification is never silently off.
 *
 * @example
 * ```ts
 * const webhooks = createWebhooks({
 *   appSecret: process.env.WHATSAPP_APP_SECRET!,
 *   verifyToken: process.env.WHATSAPP_VERIFY_TOKEN!,
 * });
 * webhooks.on('messages.text', async (event) => {
 *   console.log(event.sender, event.message.text.body);
 * });
 * ```
 */
export function createWebhooks(options: WebhooksOptions): Webhooks {
  const config = resolveOptions(options);
  const registry: Registry = { named: new Map(), any: [], unknown: [] };
  let errorHandlers: readonly ErrorHandler[] = [];
  // A claim must outlive the handlers that hold it, or a slow handler's event could run twice.
  const claimTtl = config.handlerTimeout === false ? 5 * 60_000 : Math.max(60_000, config.handlerTimeout * 2);

  const logger = config.logger;
  let observers: readonly WebhooksObserver[] = [];

  const report = (error: WebhookError): void => {
    const fields = { ...errorFields(error), ...(error instanceof HandlerError ? { events: error.events } : {}) };
    if (logger !== undefined) logger.error(fields, error.message);
    else if (errorHandlers.length === 0) {
      // No logger and no onError handler: never lose a failure silently.
      defaultLogger().error(fields, `${error.code}: ${error.message}`);
    }
    for (const handler of errorHandlers) {
      try {
        const result = handler(error);
        if (result instanceof Promise) result.catch(() => undefined);
      } catch {
        // An error handler that throws must not take the server down.
      }
    }
  };

  // Signs of a wrong secret or token are logged at most once a minute: a public URL gets probed.
  const lastWarned = new Map<string, number>();
  const warnOnce = (key: string, fields: Record<string, unknown>, message: string): void => {
    const now = Date.now();
    if ((lastWarned.get(key) ?? -Infinity) > now - 60_000) return;
    lastWarned.set(key, now);
    logger!.warn(fields, message);
  };
  if (logger !== undefined && config.bodyLimit < 3_000_000) {
    logger.warn(
      { bodyLimit: config.bodyLimit },
      'bodyLimit is below 3 MB: Meta sends notifications of up to 3 MB, and a 413 makes it retry for days.',
    );
  }

  const finished = (record: RequestRecord): void => {
    if (logger !== undefined) {
      logger.info({ ...record }, 'webhook request');
      if (record.outcome === 'SIGNATURE_MISMATCH') {
        warnOnce(
          'signature',
          {},
          'A POST failed the signature check. If every POST does, appSecret is wrong or something re-serialises the body before the webhook route.',
        );
      } else if (record.outcome === 'VERIFY_TOKEN_MISMATCH') {
        warnOnce(
          'token',
          {},
          'A verification request carried the wrong verify token. Use the same string in the App Dashboard and in createWebhooks({ verifyToken }).',
        );
      }
    }
    for (const observer of observers) {
      try {
        observer.onRequest?.(record);
      } catch {
        // Instrumentation must never change an answer.
      }
    }
  };

  const observeEvent = (record: EventRecord, event: KnownWebhookEvent | UnknownEvent): void => {
    if (logger !== undefined) {
      logger.debug(
        { ...record, id: event.id, ...(config.logPayloads ? { payload: payloadOf(event) } : {}) },
        'webhook event',
      );
    }
    for (const observer of observers) {
      try {
        observer.onEvent?.(record);
      } catch {
        // Instrumentation must never change an answer.
      }
    }
  };

  const settings: DispatchSettings = {
    registry,
    dedupe: config.dedupe,
    claimTtl,
    report,
    get observeEvent() {
      return logger !== undefined || observers.length > 0 ? observeEvent : undefined;
    },
  };

  const failed = (error: WebhookError, stats: RequestStats | undefined): WebhookResponse => {
    if (stats !== undefined) stats.code = error.code;
    return errorResponse(error);
  };

  const outcomeResponse = (outcome: DispatchOutcome, stats?: RequestStats): WebhookResponse => {
    if (outcome.failures.length > 0) return failed(aggregate(outcome.failures), stats);
    if (outcome.inProgress.length > 0) return failed(new EventInProgressError(outcome.inProgress), stats);
    return okResponse();
  };

  const watch = config.handlerTimeout === false ? undefined : createWatchdog(config.handlerTimeout);

  const timedOut = (
    running: Promise<DispatchOutcome>,
    stats: RequestStats,
    waitUntil: WebhookRequest['waitUntil'],
  ): WebhookResponse => {
    // The handlers go on; their outcome is still committed or released, and failures still reported.
    const settled = running.then(
      () => undefined,
      (error: unknown) => report(toWebhookError(error, DISPATCH_FAILED)),
    );
    waitUntil?.(settled);
    const error = new HandlerError(
      `The handlers did not finish within handlerTimeout (${String(config.handlerTimeout)} ms); Meta will retry the notification.`,
      { errors: [], events: [], code: 'HANDLER_TIMEOUT' },
    );
    report(error);
    return failed(error, stats);
  };

  // Synchronous handlers with the memory store finish without a single promise: no watchdog needed.
  const processAfterHandlers = (
    payload: unknown,
    stats: RequestStats,
    waitUntil: WebhookRequest['waitUntil'],
  ): WebhookResponse | Promise<WebhookResponse> => {
    const counted = (outcome: DispatchOutcome): WebhookResponse => {
      stats.events = outcome.delivered;
      stats.duplicates = outcome.duplicates;
      stats.inProgress = outcome.inProgress.length;
      return outcomeResponse(outcome, stats);
    };
    const running = dispatch(payload, settings);
    if (!(running instanceof Promise)) return counted(running);
    if (watch === undefined) return running.then(counted);
    return watch(running).then((result) =>
      result === TIMED_OUT ? timedOut(running, stats, waitUntil) : counted(result),
    );
  };

  const processImmediately = (
    payload: unknown,
    _stats: RequestStats,
    waitUntil: WebhookRequest['waitUntil'],
  ): WebhookResponse => {
    const work = Promise.resolve()
      .then(() => dispatch(payload, settings))
      .then(
        (outcome) => {
          if (outcome.inProgress.length > 0) report(new EventInProgressError(outcome.inProgress));
        },
        (error: unknown) => report(toWebhookError(error, DISPATCH_FAILED)),
      );
    waitUntil?.(work);
    return okResponse();
  };

  const context: HandleContext = {
    verifyToken: config.verifyToken,
    verifier: createSignatureVerifier(config.secrets),
    bodyLimit: config.bodyLimit,
    budget: config.bodyBudget,
    process: config.ack === 'immediately' ? processImmediately : processAfterHandlers,
    report,
    isObserved: () => logger !== undefined || observers.length > 0,
    finished,
  };

  const add = (name: string, handler: unknown): void => {
    if (!KNOWN_EVENT_NAMES.has(name)) {
      throw new ConfigurationError(
        `on(): unknown event name ${JSON.stringify(name)}. Use onUnknown() for notifications the schemas do not know.`,
      );
    }
    registry.named.set(name, [...(registry.named.get(name) ?? []), handler as never]);
  };

  const instance: Webhooks = {
    bodyLimit: config.bodyLimit,
    on(name, handler) {
      if (typeof handler !== 'function') throw new ConfigurationError('on(): the handler must be a function.');
      for (const one of typeof name === 'string' ? [name] : name) add(one, handler);
    },
    onAny(handler) {
      if (typeof handler !== 'function') throw new ConfigurationError('onAny(): the handler must be a function.');
      registry.any = [...registry.any, handler as never];
    },
    onUnknown(handler) {
      if (typeof handler !== 'function') throw new ConfigurationError('onUnknown(): the handler must be a function.');
      registry.unknown = [...registry.unknown, handler as never];
    },
    onError(handler) {
      if (typeof handler !== 'function') throw new ConfigurationError('onError(): the handler must be a function.');
      errorHandlers = [...errorHandlers, handler];
    },
    observe(observer) {
      if (typeof observer !== 'object' || observer === null)
        throw new ConfigurationError('observe(): the observer must be an object with onRequest and/or onEvent.');
      observers = [...observers, observer];
      return () => {
        observers = observers.filter((one) => one !== observer);
      };
    },
    removeListener(name, handler) {
      const without = <T>(list: readonly T[]): readonly T[] => list.filter((one) => one !== (handler as unknown));
      if (name === '*') registry.any = without(registry.any);
      else if (name === 'unknown') registry.unknown = without(registry.unknown);
      else if (name === 'error') errorHandlers = without(errorHandlers);
      else {
        for (const one of typeof name === 'string' ? [name] : (name as readonly string[])) {
          const list = without(registry.named.get(one) ?? []);
          if (list.length === 0) registry.named.delete(one);
          else registry.named.set(one, list);
        }
      }
    },
    listenedFields() {
      if (registry.any.length > 0) return '*';
      // `statuses.*` and `errors` are items of the `messages` field; every other name starts with its field.
      const field = (name: string) =>
        name === 'statuses' || name.startsWith('statuses.') || name === 'errors' ? 'messages' : name.split('.')[0]!;
      return [...new Set([...registry.named.keys()].map(field))].sort();
    },
    handle(request) {
      return handleRequest(context, request);
    },
    handleFetch(request, context) {
      return handleFetchWith(instance, request, context);
    },
    async receive(payload) {
      let data = payload;
      if (typeof payload === 'string') {
        try {
          data = JSON.parse(payload);
        } catch (error) {
          throw new RequestError('INVALID_JSON', 'receive(): the string is not valid JSON.', { cause: error });
        }
      }
      const outcome = await dispatch(data, settings);
      if (outcome.failures.length > 0) throw aggregate(outcome.failures);
      if (outcome.inProgress.length > 0) throw new EventInProgressError(outcome.inProgress);
      return { delivered: outcome.delivered, duplicates: outcome.duplicates };
    },
  };
  return instance;
}

function aggregate(failures: readonly HandlerError[]): HandlerError {
  if (failures.length === 1) return failures[0]!;
  const events: FailedEventInfo[] = failures.flatMap((failure) => failure.events);
  return new HandlerError(`Handlers failed for ${failures.length} events of this notification.`, {
    errors: failures.flatMap((failure) => failure.errors),
    events,
  });
}

/** The payload of an event, for debug logs with `logPayloads`. */
function payloadOf(event: KnownWebhookEvent | UnknownEvent): unknown {
  switch (event.kind) {
    case 'message':
      return event.message;
    case 'status':
      return event.status;
    case 'error':
      return event.error;
    default:
      return event.value;
  }
}

const DISPATCH_FAILED = 'Unexpected failure while dispatching a notification.';
