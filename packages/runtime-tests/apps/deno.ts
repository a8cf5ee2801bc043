/** Deno entry of the Hono app: `Deno.serve`, secrets and port from `Deno.env` (`deno run --allow-net=127.0.0.1 --allow-env --allow-read`). */
import { configFrom, createRuntimeApp, localRuntime } from './app.ts';

const app = createRuntimeApp(configFrom((name) => Deno.env.get(name), localRuntime(), 'hono'));
Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('PORT')), onListen: () => {} }, (request) =>
  app(request),
);
