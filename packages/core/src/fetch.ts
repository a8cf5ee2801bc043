/** The Fetch transport: a `Request` in, a `Response` out, through any `RequestHandler`'s `handle()`. */
import { readWebBody } from './body/web';
import type { RequestHandler, WaitUntilContext, WebhookRequest, WebhookResponse } from './http';

/** The execution context's `waitUntil`, when `context` has one (Bun, Deno and Next.js pass other things). */
function waitUntilOf(context: unknown): WebhookRequest['waitUntil'] {
  const execution = context as Partial<WaitUntilContext> | undefined;
  return typeof execution?.waitUntil === 'function' ? (promise) => execution.waitUntil!(promise) : undefined;
}

/**
 * Answers a Fetch `Request` with `handle()`: the body is read lazily, as received, up to `bodyLimit`.
 * This is how every `RequestHandler` implements `handleFetch`.
 */
export async function handleFetchWith(
  handler: Pick<RequestHandler, 'handle' | 'bodyLimit'>,
  request: Request,
  context?: WaitUntilContext | object,
): Promise<Response> {
  const response: WebhookResponse = await handler.handle({
    method: request.method,
    url: request.url,
    headers: request.headers,
    readBody: () => readWebBody(request, { limit: handler.bodyLimit }),
    waitUntil: waitUntilOf(context),
  });
  // A null body for an empty answer: undici builds a stream for any string body, even ''.
  return new Response(response.body === '' ? null : response.body, {
    status: response.status,
    headers: response.headers,
  });
}
