/**
 * `createFlowEndpoint()`: the data endpoint of WhatsApp Flows as a `RequestHandler`, so the four
 * adapters mount it exactly as they mount `createWebhooks()`, and fetch runtimes call `handleFetch()`.
 * The crypto implementation is passed in by the entry point (`#crypto`: node:crypto or Web Crypto).
 */
import {
  createSignatureVerifier,
  handleFetchWith,
  type RequestHandler,
  type WaitUntilContext,
  type WebhookRequest,
  type WebhookResponse,
} from '@wa-webhooks/core';
import type { FlowCrypto } from './crypto/types';
import { registerHandler, type Registry } from './dispatch';
import type { FlowEndpointError } from './errors';
import { handleFlowRequest } from './handle';
import { createReporter, type FlowErrorHandler } from './report';
import { resolveOptions, type FlowEndpointOptions } from './options';
import type { ScreenSchemas } from './schema';
import type {
  DataExchangeRequestOf,
  FlowAction,
  FlowBackRequest,
  FlowErrorNotificationHandler,
  FlowHandler,
  FlowRequestOf,
  ScreenName,
} from './types';

/** The Flows endpoint. */
export interface FlowEndpoint<S extends ScreenSchemas = Record<never, never>> extends RequestHandler {
  /**
   * Registers the handler of an action: `INIT` (the Flow opens), `data_exchange` (a screen submits),
   * `BACK` (back pressed on a screen with `refresh_on_back`). One handler per action.
   */
  on<Action extends FlowAction>(action: Action, handler: FlowHandler<FlowRequestOf<S, Action>>): void;
  /** Registers the handler of one screen's `data_exchange`; it wins over the action's own handler. */
  on<Screen extends ScreenName<S>>(
    action: 'data_exchange',
    screen: Screen,
    handler: FlowHandler<DataExchangeRequestOf<S, Screen>>,
  ): void;
  /** Registers the handler of `BACK` to one screen; it wins over the action's own handler. */
  on(action: 'BACK', screen: string, handler: FlowHandler<FlowBackRequest>): void;
  /** Registers a handler for WhatsApp's error notifications (the endpoint acknowledges them by itself). */
  onErrorNotification(handler: FlowErrorNotificationHandler): void;
  /** Registers a handler for failures. Without one (and without a logger), failures go to `console.error`. */
  onError(handler: FlowErrorHandler): void;
  /**
   * Settles once the private key is usable. With node:crypto, `createFlowEndpoint()` has already thrown
   * for a bad key; with Web Crypto, a wrong passphrase is known only here (and requests answer 500).
   */
  ready(): Promise<void>;
  /** Answers one request from an adapter. Never rejects. */
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  /** Answers a Fetch `Request` (Bun, Deno, Cloudflare Workers, Next.js route handlers). Never rejects. */
  handleFetch(request: Request, context?: WaitUntilContext | object): Promise<Response>;
}

/** Builds an endpoint on `crypto`. The public `createFlowEndpoint` passes the build's implementation. */
export function createFlowEndpointWith<S extends ScreenSchemas = Record<never, never>>(
  crypto: FlowCrypto,
  options: FlowEndpointOptions<S>,
): FlowEndpoint<S> {
  const config = resolveOptions(options as FlowEndpointOptions<ScreenSchemas>);
  const key = crypto.loadPrivateKey(options.privateKey, options.passphrase);
  const registry: Registry = { handlers: new Map(), notificationHandlers: [] };
  const reporter = createReporter(config.logger);
  // A key that fails to load asynchronously (Web Crypto) is reported once, when it fails.
  key.ready.catch((error: unknown) => reporter.report(error as FlowEndpointError));

  const context = {
    ...config,
    crypto,
    key,
    registry,
    verifier: createSignatureVerifier(config.secrets),
    finished: reporter.finished,
    report: reporter.report,
  };

  const endpoint: FlowEndpoint<S> = {
    bodyLimit: config.bodyLimit,
    on(action: string, screenOrHandler: unknown, maybeHandler?: unknown) {
      registerHandler(registry, action, screenOrHandler, maybeHandler);
    },
    onErrorNotification(handler) {
      registry.notificationHandlers = [...registry.notificationHandlers, handler];
    },
    onError: reporter.addErrorHandler,
    ready: () => key.ready,
    handle: (request) => handleFlowRequest(context, request, reporter.report),
    handleFetch: (request, fetchContext) => handleFetchWith(endpoint, request, fetchContext),
  };
  return endpoint;
}
