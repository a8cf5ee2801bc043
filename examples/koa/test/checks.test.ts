/** Issue 16's findings about the examples, checked on this one (the shared checks live in the test-kit). */
import { runExampleChecks } from '@wa-webhooks/test-kit';
import { createApp } from '../src/app';
import { SERVER_TIMEOUTS } from '../src/config';
import { createHttpServer } from '../src/http-server';
import { createExampleWebhooks } from '../src/webhooks';

runExampleChecks({
  server: new URL('../src/server.ts', import.meta.url),
  timeouts: SERVER_TIMEOUTS,
  createWebhooks: createExampleWebhooks,
  listen: async (webhooks, timeouts) => {
    const server = createHttpServer(createApp(webhooks).callback(), timeouts);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return server;
  },
});
