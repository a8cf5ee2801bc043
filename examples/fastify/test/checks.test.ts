/** Issue 16's findings about the examples, checked on this one (the shared checks live in the test-kit). */
import { runExampleChecks } from '@wa-webhooks/test-kit';
import { createApp } from '../src/app';
import { SERVER_TIMEOUTS } from '../src/config';
import { createExampleWebhooks } from '../src/webhooks';

runExampleChecks({
  server: new URL('../src/server.ts', import.meta.url),
  timeouts: SERVER_TIMEOUTS,
  createWebhooks: createExampleWebhooks,
  listen: async (webhooks, timeouts) => {
    const app = createApp(webhooks, timeouts);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app.server;
  },
});
