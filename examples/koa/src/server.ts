/**
 * Starts the Koa example: `pnpm --filter @wa-webhooks-examples/koa start`. Settings: `.env.example`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { readConfig, startBanner } from './config';
import { createExampleWebhooks } from './webhooks';

try {
  process.loadEnvFile('.env'); // optional; variables already set win
} catch (error) {
  if ((error as { code?: string }).code !== 'ENOENT') throw error;
}

const config = readConfig(process.env);
const webhooks = createExampleWebhooks(config, (line) => console.log(line));
const server = createServer(createApp(webhooks).callback());

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
  const { warning, lines } = startBanner(config, `http://${config.host}:${port}/webhook`, 'Koa');
  if (warning !== undefined) console.warn(warning);
  for (const line of lines) console.log(line);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
