/**
 * The app every runtime serves: one `createWebhooks` instance mounted either through the Hono adapter
 * or as a bare fetch handler, a record of what the handlers received, and a report of which signature
 * implementation the runtime resolved. Runs unchanged on Node, Bun, Deno and workerd: Web APIs only.
 */
import { CRYPTO_IMPLEMENTATION, createWebhooks } from '@wa-webhooks/core';
import { createHonoMiddleware } from '@wa-webhooks/hono';
import { Hono } from 'hono';

/** How the webhook is mounted. */
export type Mount = 'hono' | 'fetch';

export interface RuntimeAppConfig {
  readonly appSecret: string;
  /** The secret being rotated out, still accepted (`additionalAppSecrets`). */
  readonly previousAppSecret: string;
  readonly verifyToken: string;
  readonly bodyLimit: number;
  readonly mount: Mount;
  /** Name of the runtime, reported back by `/__runtime`. */
  readonly runtime: string;
}

/** Handlers that take longer are answered 500 HANDLER_TIMEOUT (the default is 10 s). */
export const HANDLER_TIMEOUT = 500;

/** Where the test reads the app's state; the webhook itself is at `/webhook`. */
export const RUNTIME_PATH = '/__runtime';

// Counts Web Crypto key imports, to prove the key is imported once per secret and not per request.
// The real importKey runs; only a counter is added in front of it.
let keyImports = 0;
const subtle = globalThis.crypto.subtle;
const importKey = subtle.importKey.bind(subtle);
subtle.importKey = ((...args: Parameters<typeof importKey>) => {
  keyImports += 1;
  return importKey(...args);
}) as typeof subtle.importKey;

/** Builds the fetch handler for one runtime process. */
export function createRuntimeApp(config: RuntimeAppConfig): (request: Request) => Promise<Response> {
  const received: { name: string; id: string; text?: string }[] = [];
  const failedOnce = new Set<string>();
  const webhooks = createWebhooks({
    appSecret: config.appSecret,
    additionalAppSecrets: [config.previousAppSecret],
    verifyToken: config.verifyToken,
    bodyLimit: config.bodyLimit,
    handlerTimeout: HANDLER_TIMEOUT,
  });
  webhooks.on('messages.text', async (event) => {
    if (event.message.text.body === 'slow') await new Promise((resolve) => setTimeout(resolve, HANDLER_TIMEOUT * 4));
    // "fail once" makes the first delivery of a message fail, as a handler whose database is down would.
    if (event.message.text.body === 'fail once' && !failedOnce.has(event.id)) {
      failedOnce.add(event.id);
      throw new Error('the first attempt fails');
    }
    received.push({ name: event.name, id: event.id, text: event.message.text.body });
  });
  webhooks.onAny((event) => {
    if (event.name !== 'messages.text') received.push({ name: event.name, id: event.id });
  });

  const report = (): Response =>
    Response.json({ runtime: config.runtime, mount: config.mount, crypto: CRYPTO_IMPLEMENTATION, keyImports, received });

  if (config.mount === 'fetch') {
    // The bare server of the docs: `fetch: (request) => webhooks.handleFetch(request)`, plus the report.
    return async (request) => (new URL(request.url).pathname === RUNTIME_PATH ? report() : webhooks.handleFetch(request));
  }
  const app = new Hono();
  app.get(RUNTIME_PATH, () => report());
  app.all('/webhook', createHonoMiddleware(webhooks));
  return async (request) => app.fetch(request);
}
