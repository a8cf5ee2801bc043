/** Issue 16's findings about the examples, checked on this one (the shared checks live in the test-kit). */
import { runExampleChecks, runExampleConfigTests } from '@wa-webhooks/test-kit';
import { createExampleServer, createExampleWebhooks } from '../src/app';
import { readConfig, SERVER_TIMEOUTS, startBanner } from '../src/config';

runExampleConfigTests({ readConfig, startBanner });
runExampleChecks({
  server: new URL('../src/server.ts', import.meta.url),
  timeouts: SERVER_TIMEOUTS,
  createWebhooks: createExampleWebhooks,
  listen: async (webhooks, timeouts) => {
    const server = createExampleServer(webhooks, '/webhook', timeouts);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return server;
  },
});
