/**
 * The Express app: the webhook route, then the usual global JSON parser for the app's other routes.
 */
import type { Webhooks } from '@wa-webhooks/core';
import { createExpressMiddleware } from '@wa-webhooks/express';
import express, { type Express } from 'express';

/** Builds the app around a webhooks instance. */
export function createApp(webhooks: Webhooks): Express {
  const app = express();

  // 1. The webhook first: it verifies the signature on the exact bytes Meta sent, so no body parser
  //    may read the request before it. Mounted after express.json(), it would answer 500
  //    RAW_BODY_UNAVAILABLE (or use express.json({ verify: keepRawBody }); see @wa-webhooks/express).
  app.use('/webhook', createExpressMiddleware(webhooks));

  // 2. Then the JSON parser, for every other route.
  app.use(express.json());

  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  app.post('/api/notes', (req, res) => {
    res.status(201).json({ received: req.body as unknown });
  });
  return app;
}
