/** The neutral request/response shapes adapters map their framework onto (STYLE.md section 2.3). */
import type { HeadersInput } from './headers';

/** A request as an adapter saw it. The core never sees the framework object. */
export interface WebhookRequest {
  /** HTTP method, e.g. `GET` or `POST` (any case). */
  readonly method: string;
  /** Path and query exactly as received (an absolute URL works too); the core parses `hub.*` from it. */
  readonly url: string;
  /** Request headers: a Fetch `Headers`, Node's `IncomingHttpHeaders`, or a plain record. */
  readonly headers: HeadersInput;
  /**
   * Reads the body bytes exactly as received. Called by the core only for a POST that passed the cheap
   * checks. May reject with `RawBodyUnavailableError` or `PayloadTooLargeError`.
   */
  readBody(): Promise<Uint8Array>;
  /**
   * Keeps the runtime alive for work that goes on after the response: the handlers with
   * `ack: 'immediately'`, and handlers still running when `handlerTimeout` answered for them. Isolate
   * runtimes cancel everything else once the response is sent (Cloudflare Workers: `ctx.waitUntil`).
   * Node.js, Bun and Deno need nothing here.
   */
  readonly waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
}

/** What `handleFetch` needs of a platform's execution context, e.g. the `ctx` of a Cloudflare Worker's `fetch`. */
export interface WaitUntilContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** What the adapter writes back, verbatim. */
export interface WebhookResponse {
  /** HTTP status. */
  readonly status: number;
  /** Response headers; always includes `content-type`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The challenge for a handshake, `""` for an accepted notification, or a JSON error body. */
  readonly body: string;
}
