/**
 * Starts the Flows example: `pnpm --filter @wa-webhooks-examples/flows start`. Settings: `.env.example`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ConfigError, readConfig, SERVER_TIMEOUTS, startBanner, type ExampleConfig } from './config';
import { createExampleFlows } from './flows';

try {
  process.loadEnvFile('.env'); // optional; variables already set win
} catch (error) {
  if ((error as { code?: string }).code !== 'ENOENT') throw error;
}

let config: ExampleConfig;
let flows: ReturnType<typeof createExampleFlows>;
try {
  config = readConfig(process.env, process.cwd());
  // Throws at once for a key that cannot be read or a wrong passphrase.
  flows = createExampleFlows(config, (line) => console.log(line));
} catch (error) {
  console.error(
    error instanceof ConfigError || (error as Error).name === 'FlowConfigurationError'
      ? (error as Error).message
      : error,
  );
  process.exit(1);
}

const { idleTimeout, ...timeouts } = SERVER_TIMEOUTS;
const server = createServer(timeouts, createApp(flows)).setTimeout(idleTimeout);
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${config.port} is in use: start with PORT=3001.` : error.message);
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  const { warning, lines } = startBanner(config, `http://${config.host}:${port}/flows`);
  if (warning !== undefined) console.warn(warning);
  for (const line of lines) console.log(line);
});
