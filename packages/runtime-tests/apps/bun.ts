/** Bun entry of the Hono app: `Bun.serve` with the secrets and port from the environment (`Bun.env`). */
import { configFrom, createRuntimeApp, localRuntime } from './app.ts';

const app = createRuntimeApp(configFrom((name) => Bun.env[name], localRuntime(), 'hono'));
Bun.serve({ hostname: '127.0.0.1', port: Number(Bun.env.PORT), fetch: (request) => app(request) });
