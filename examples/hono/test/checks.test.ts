/** Issue 16's findings about the examples, checked on this one (the shared checks live in the test-kit). */
import type { Server } from 'node:http';
import { runExampleChecks } from '@wa-webhooks/test-kit';
import { createApp } from '../src/app';
import { SERVER_TIMEOUTS } from '../src/config';
import { serveApp } from '../src/http-server';
import { createExampleWebhooks } from '../src/webhooks';

runExampleChecks({
  server: new URL('../src/server.ts', import.meta.url),
  timeouts: SERVER_TIMEOUTS,
  createWebhooks: createExampleWebhooks,
  listen: (webhooks, timeouts) =>
    new Promise<Server>((resolve) => {
      serveApp(createApp(webhooks).fetch, { host: '127.0.0.1', port: 0 }, resolve, timeouts);
    }),
});
