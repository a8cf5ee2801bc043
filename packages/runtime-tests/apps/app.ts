/**
 * The app every runtime serves: the `createWebhooks` instances, a record of what their handlers
 * received, and a report of which signature implementation the runtime resolved; mounted through the
 * Hono adapter or as a bare fetch handler here (Web APIs only: Bun, Deno, workerd), and through the
 * Node framework adapters in `node-frameworks.ts` (Bun and Deno).
 */
import { CRYPTO_IMPLEMENTATION, createWebhooks } from '@wa-webhooks/core';
import { createHonoMiddleware } from '@wa-webhooks/hono';
import { Hono } from 'hono';

/** How the webhook is mounted. */
export type Mount = 'hono' | 'fetch' | 'express' | 'koa' | 'fastify';

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

/**
 * The app's config from the variables the test passes to every runtime process (`src/runtime-server.ts`):
 * the environment on Bun and Deno, the bindings of `env` on Workers.
 */
export function configFrom(
  read: (name: string) => string | undefined,
  runtime: string,
  mount = read('MOUNT') as Mount,
): RuntimeAppConfig {
  return {
    appSecret: read('WHATSAPP_APP_SECRET') ?? '',
    previousAppSecret: read('PREVIOUS_APP_SECRET') ?? '',
    verifyToken: read('WHATSAPP_VERIFY_TOKEN') ?? '',
    bodyLimit: Number(read('BODY_LIMIT')),
    mount,
    runtime,
  };
}

/** The name and version of the runtime, on Bun or Deno. */
export function localRuntime(): string {
  return typeof Deno !== 'undefined' ? `deno ${Deno.version.deno}` : `bun ${Bun.version}`;
}

/** Handlers that take longer are answered 500 HANDLER_TIMEOUT (the default is 10 s). */
export const HANDLER_TIMEOUT = 200;

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

/** How long the handler of the `ack: 'immediately'` webhooks works after the response. */
export const AFTER_RESPONSE_WORK = 300;

/** A platform's execution context (a Worker's `ctx`); absent on Bun and Deno. */
export interface Platform {
  waitUntil(promise: Promise<unknown>): void;
}

/** The app's fetch handler: the request, and the Worker's `ctx` where there is one. */
export type RuntimeApp = (request: Request, platform?: Platform) => Promise<Response>;

/** What the test reads at `/__runtime`. */
export interface RuntimeReport {
  readonly runtime: string;
  readonly mount: Mount;
  readonly crypto: string;
  readonly keyImports: number;
  readonly received: readonly { name: string; id: string; text?: string }[];
}

/**
 * The webhooks of one runtime process: `webhooks` acknowledges after the handlers (mounted at
 * `/webhook`); `immediate` acknowledges at once and runs its handler after the response (mounted at
 * `/webhook-immediately` with the platform's `waitUntil`, and at `/webhook-immediately-unkept`
 * without it).
 */
export function createRuntimeWebhooks(config: RuntimeAppConfig) {
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
  const immediate = createWebhooks({
    appSecret: config.appSecret,
    verifyToken: config.verifyToken,
    ack: 'immediately',
  });
  immediate.on('messages.text', async (event) => {
    await new Promise((resolve) => setTimeout(resolve, AFTER_RESPONSE_WORK));
    received.push({ name: 'after the response', id: event.id, text: event.message.text.body });
  });

  const report = (): RuntimeReport => ({
    runtime: config.runtime,
    mount: config.mount,
    crypto: CRYPTO_IMPLEMENTATION,
    keyImports,
    received,
  });
  return { webhooks, immediate, report };
}

/** Builds the fetch handler for one runtime process (`hono` or `fetch` mount). */
export function createRuntimeApp(config: RuntimeAppConfig): RuntimeApp {
  const runtime = createRuntimeWebhooks(config);
  const { webhooks, immediate } = runtime;
  const report = (): Response => Response.json(runtime.report());

  if (config.mount === 'fetch') {
    // The bare server of the docs: `fetch: (request, ctx) => webhooks.handleFetch(request, ctx)`.
    return async (request, platform) => {
      const path = new URL(request.url).pathname;
      if (path === RUNTIME_PATH) return report();
      if (path === '/webhook-immediately') return immediate.handleFetch(request, platform);
      if (path === '/webhook-immediately-unkept') return immediate.handleFetch(request);
      return webhooks.handleFetch(request);
    };
  }
  const app = new Hono();
  app.get(RUNTIME_PATH, () => report());
  app.all('/webhook', createHonoMiddleware(webhooks));
  // The adapter hands Hono's c.executionCtx.waitUntil to the core by itself.
  app.all('/webhook-immediately', createHonoMiddleware(immediate));
  app.all('/webhook-immediately-unkept', (c) => immediate.handleFetch(c.req.raw));
  return async (request, platform) => app.fetch(request, {}, platform as never);
}
