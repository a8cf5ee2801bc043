/**
 * Starts the Fastify example: `pnpm --filter @wa-webhooks-examples/fastify start`. Settings: `.env.example`.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ConfigError, readConfig, startBanner, type ExampleConfig } from './config';
import { createExampleWebhooks } from './webhooks';

try {
  process.loadEnvFile('.env'); // optional; variables already set win
} catch (error) {
  if ((error as { code?: string }).code !== 'ENOENT') throw error;
}

let config: ExampleConfig;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Cannot start: ${error.message}`);
  process.exit(1);
}
const webhooks = createExampleWebhooks(config, (line) => console.log(line));
const app = createApp(webhooks);

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${config.port} is in use: start with PORT=3001 (or stop the other server).`
      : String(error),
  );
  process.exit(1);
}
const { port } = app.server.address() as AddressInfo;
const { warning, lines } = startBanner(config, `http://${config.host}:${port}/webhook`, 'Fastify');
if (warning !== undefined) console.warn(warning);
for (const line of lines) console.log(line);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
