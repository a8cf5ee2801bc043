/**
 * The Hono app: the webhook handler on /webhook, next to routes that parse JSON with `c.req.json()`.
 * The same app runs on Bun, Deno and Workers (`export default app`); `src/server.ts` serves it on Node.js.
 */
import type { Webhooks } from '@wa-webhooks/core';
import { createHonoMiddleware } from '@wa-webhooks/hono';
import { Hono } from 'hono';

/** Builds the app around a webhooks instance. */
export function createApp(webhooks: Webhooks): Hono {
  const app = new Hono();

  // The webhook reads the exact bytes Meta sent from c.req.raw. Nothing may read the body before it:
  // no middleware calling c.req.json() and no validator('json', …) on this route.
  app.all('/webhook', createHonoMiddleware(webhooks));

  // The app's other routes parse their JSON as usual.
  app.get('/health', (c) => c.json({ ok: true }));
  app.post('/api/notes', async (c) => c.json({ received: await c.req.json<unknown>() }, 201));
  return app;
}
