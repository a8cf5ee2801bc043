/**
 * The shapes of the conformance suite: what an adapter's test file passes in, and the rows of the case
 * tables (`conformance-cases.ts`, `conformance-limits.ts`) that `runAdapterConformance` registers.
 */
import type { WebhookError, WebhookEvent, Webhooks, WebhooksOptions } from '@wa-webhooks/core';
import type { RunningServer } from './http';

/** Boots the adapter under test around `webhooks` on 127.0.0.1, port 0. */
export type StartServer = (webhooks: Webhooks) => Promise<RunningServer>;

/** A server where something already ran on the request body before the webhook route. */
export interface ConsumedBodyVariant {
  /** What ran first, e.g. `express.json() before the webhook route`. */
  readonly name: string;
  /** Boots that server. */
  readonly start: StartServer;
  /**
   * `raw-body-unavailable`: the exact bytes are gone and the adapter must fail fast with 500
   * `RAW_BODY_UNAVAILABLE` (never hang, never re-serialise). `exact-bytes`: the adapter recovers the bytes
   * the parser kept, so signed POSTs (including a unicode-escaped real body) pass.
   */
  readonly expect: 'raw-body-unavailable' | 'exact-bytes';
}

/** A server with the webhook route and a sibling route that parses JSON the framework's usual way. */
export interface SiblingRouteServer extends RunningServer {
  /**
   * A route of the same app that parses a JSON POST with the framework's usual parser and answers 200
   * with `{"parsed": <the parsed body>}` as JSON.
   */
  readonly siblingUrl: string;
}

/** Options of `runAdapterConformance`. */
export interface AdapterConformanceOptions {
  /** Shown in the test names, e.g. `express 5`. */
  readonly name: string;
  /** Boots the usual setup: the webhook route alone. */
  readonly start: StartServer;
  /** Setups where the body was read before the webhook route (at least one per framework). */
  readonly consumedBody: readonly ConsumedBodyVariant[];
  /** Boots the webhook route next to a JSON route of the same app. */
  readonly siblingRoute: (webhooks: Webhooks) => Promise<SiblingRouteServer>;
}

/** A booted server with its webhooks instance and what the handlers saw. */
export interface Booted {
  readonly webhooks: Webhooks;
  readonly url: string;
  /** Every error passed to `onError` (registered, so core never falls back to console.error). */
  readonly errors: WebhookError[];
  /** Every `messages.text` event, in the order the handler saw them. */
  readonly texts: Array<WebhookEvent<'messages.text'>>;
}

/** What a case gets: a way to boot the adapter (closed after the test), and the adapter's options. */
export interface ConformanceContext {
  readonly options: AdapterConformanceOptions;
  /** Creates the conformance webhooks instance with `settings` and boots `start` (default: the usual setup). */
  boot(settings?: Partial<WebhooksOptions>, start?: StartServer): Promise<Booted>;
  /** Closes `server` after the test. */
  track(server: RunningServer): void;
}

/** One row of a case table: the test name and its body. */
export interface ConformanceCase {
  readonly name: string;
  readonly run: (context: ConformanceContext) => Promise<void>;
}

/** A `describe` block of cases. */
export interface ConformanceSection {
  readonly name: string;
  readonly cases: readonly ConformanceCase[];
}
