/**
 * Starts the Express example: `pnpm start` at the repository root, or
 * `pnpm --filter @wa-webhooks-examples/express start`. Settings: `.env.example`.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ConfigError, readConfig, startBanner, type ExampleConfig } from './config';
import { createHttpServer } from './http-server';
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
const server = createHttpServer(createApp(webhooks));

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${config.port} is in use: start with PORT=3001 (or stop the other server).`
      : error.message,
  );
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  const { warning, lines } = startBanner(config, `http://${config.host}:${port}/webhook`, 'Express');
  if (warning !== undefined) console.warn(warning);
  for (const line of lines) console.log(line);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
