/**
 * The neutral request/response shapes that adapters map their framework onto, and the contract of
 * everything they can mount (`createWebhooks()`, a Flows endpoint): a `RequestHandler`.
 */
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
  /** The response body as text: a handshake challenge, `""`, a JSON error, or an encrypted Flows answer. */
  readonly body: string;
}

/**
 * What the framework adapters mount: an object that answers neutral requests. `createWebhooks()`
 * returns one, and so does `createFlowEndpoint()` of `@wa-webhooks/flows`; adapters accept any.
 */
export interface RequestHandler {
  /** Largest body accepted, in bytes; adapters size their own readers and parsers to it. */
  readonly bodyLimit: number;
  /** Answers one request. Never rejects: every failure becomes a response. */
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  /**
   * Answers a Fetch `Request` (Bun, Deno, Cloudflare Workers, Next.js route handlers, Hono).
   * Pass the platform's execution context (a Worker's `ctx`) as `context` so that work outliving the
   * response is kept alive with `ctx.waitUntil()`; anything without a `waitUntil` method is ignored.
   */
  handleFetch(request: Request, context?: WaitUntilContext | object): Promise<Response>;
}
