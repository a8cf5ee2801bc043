/**
 * The Express app: the Flows endpoint on `/flows`, then the usual JSON parser for the app's other routes.
 */
import { createExpressMiddleware } from '@wa-webhooks/express';
import type { FlowEndpoint } from '@wa-webhooks/flows';
import express, { type Express } from 'express';
import type { screens } from './flows';

/** Builds the app around a Flows endpoint. */
export function createApp(flows: FlowEndpoint<typeof screens>): Express {
  const app = express();
  // 1. The endpoint first: it checks the signature on the exact bytes WhatsApp sent, so no body parser
  //    may read the request before it.
  app.use('/flows', createExpressMiddleware(flows));
  // 2. Then the JSON parser, for every other route.
  app.use(express.json());
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}
