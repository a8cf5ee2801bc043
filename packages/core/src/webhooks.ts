/**
 * `createWebhooks()`: the one object users configure. It composes the parts, each in its own module:
 * the options (`options.ts`), the handlers (`registry.ts`), reporting (`reporter.ts`), the request
 * path (`handle.ts` → `signed-body.ts` → `ack.ts` → `dispatch.ts` → `respond.ts`) and the Fetch
 * transport (`fetch.ts`).
 */
import { createAcknowledge, type AckMode } from './ack';
import { dispatch, type DispatchSettings } from './dispatch';
import { ConfigurationError, RequestError } from './errors';
import type { AnyEventHandler, UnknownEventHandler, WebhookEventName, WebhookHandler } from './events';
import { handleFetchWith } from './fetch';
import { createHandle } from './handle';
import type { RequestHandler } from './http';
import type { WebhooksObserver } from './observe';
import { resolveOptions, type WebhooksOptions } from './options';
import { createRegistry, requireFunction } from './registry';
import { createReporter, type ErrorHandler } from './reporter';
import { outcomeError } from './respond';
import { createSignatureVerifier } from './signature';

export type { AckMode, ErrorHandler, WebhooksOptions };

/** Summary of one dispatched notification (`receive()`). */
export interface ReceiveResult {
  /** Events handed to handlers. */
  readonly delivered: number;
  /** Events skipped as duplicates. */
  readonly duplicates: number;
  /** Events skipped as older than `maxEventAge`. */
  readonly stale: number;
}

/** The webhooks instance: a `RequestHandler` for the adapters, plus the handlers you register. */
export interface Webhooks extends RequestHandler {
  /**
   * Registers `handler` for one event name or several. Parent names (`messages`, `statuses`) receive their
   * children. Returns a function that removes this registration.
   */
  on<Name extends WebhookEventName>(name: Name | readonly Name[], handler: WebhookHandler<Name>): () => void;
  /** Registers a handler for every event, known or unknown, after the specific handlers ran. Returns its remover. */
  onAny(handler: AnyEventHandler): () => void;
  /**
   * Registers a handler for signed notifications the schemas did not expect (answered 200 all the same).
   * Returns its remover.
   */
  onUnknown(handler: UnknownEventHandler): () => void;
  /** Registers a handler for failures. It may not throw; if it does, the error is ignored. Returns its remover. */
  onError(handler: ErrorHandler): () => void;
  /**
   * Adds an instrumentation observer (metrics, tracing): told about every answered request and every
   * event whose handlers ran. Returns its remover.
   */
  observe(observer: WebhooksObserver): () => void;
  /**
   * The Meta webhook fields (`messages`, `account_update`, …) that the registered `on()` handlers
   * receive, sorted; `'*'` when an `onAny` handler receives every field. `onUnknown` handlers do not
   * count: they see only shapes the schemas do not know, not the known events of a field. Used by
   * `wa-webhooks status --config` to warn about subscribed fields nobody handles.
   */
  listenedFields(): readonly string[] | '*';
  /**
   * Dispatches an already verified notification (from a queue, a test, a replay), with deduplication.
   * Rejects with `HandlerError` if a handler failed, `EventInProgressError` if another delivery holds an
   * event, or `DedupeStoreError`.
   */
  receive(payload: unknown): Promise<ReceiveResult>;
}

/** A claim must outlive the handlers that hold it, or a slow handler's event could run twice. */
function claimTtlOf(handlerTimeout: number | false): number {
  return handlerTimeout === false ? 5 * 60_000 : Math.max(60_000, handlerTimeout * 2);
}

function parsePayload(payload: unknown): unknown {
  if (typeof payload !== 'string') return payload;
  try {
    return JSON.parse(payload);
  } catch (error) {
    throw new RequestError('INVALID_JSON', 'receive(): the string is not valid JSON.', { cause: error });
  }
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
  const registry = createRegistry();
  const reporter = createReporter(config.logger, config.logPayloads);
  if (config.bodyLimit < 3_000_000) {
    reporter.warn(
      'body-limit',
      'bodyLimit is below 3 MB: Meta sends notifications of up to 3 MB, and a 413 makes it retry for days.',
      { fields: { bodyLimit: config.bodyLimit } },
    );
  }
  const settings: DispatchSettings = {
    registry,
    dedupe: config.dedupe,
    claimTtl: claimTtlOf(config.handlerTimeout),
    maxEventAge: config.maxEventAge,
    report: (error) => reporter.report(error),
    unheard: (works) =>
      reporter.warn(
        'unheard',
        `A notification held ${works.length} event(s) the schemas do not know (${works[0]!.reason}: ${works[0]!.name.slice(0, 60)}) and no onUnknown or onAny handler receives them.`,
      ),
    get observeEvent() {
      return reporter.event;
    },
  };
  const handle = createHandle({
    verifyToken: config.verifyToken,
    signed: {
      verifier: createSignatureVerifier(config.secrets),
      bodyLimit: config.bodyLimit,
      budget: config.bodyBudget,
    },
    acknowledge: createAcknowledge({
      ack: config.ack,
      handlerTimeout: config.handlerTimeout,
      dispatch: (payload) => dispatch(payload, settings),
      report: (error) => reporter.report(error),
    }),
    reporter,
  });

  const webhooks: Webhooks = {
    bodyLimit: config.bodyLimit,
    on(name, handler) {
      requireFunction(handler, 'on');
      return registry.add(typeof name === 'string' ? [name] : [...(name as readonly string[])], handler);
    },
    onAny(handler) {
      requireFunction(handler, 'onAny');
      return registry.addAny(handler);
    },
    onUnknown(handler) {
      requireFunction(handler, 'onUnknown');
      return registry.addUnknown(handler);
    },
    onError(handler) {
      requireFunction(handler, 'onError');
      return reporter.addErrorHandler(handler);
    },
    observe(observer) {
      if (typeof observer !== 'object' || observer === null) {
        throw new ConfigurationError('observe(): the observer must be an object with onRequest and/or onEvent.');
      }
      return reporter.addObserver(observer);
    },
    listenedFields: () => registry.listenedFields(),
    handle,
    // No `this`: `export const POST = webhooks.handleFetch` must work.
    handleFetch: (request, context) => handleFetchWith(webhooks, request, context),
    async receive(payload) {
      const result = await dispatch(parsePayload(payload), settings);
      const error = outcomeError(result);
      if (error !== undefined) throw error;
      return { delivered: result.delivered, duplicates: result.duplicates, stale: result.stale };
    },
  };
  return webhooks;
}
