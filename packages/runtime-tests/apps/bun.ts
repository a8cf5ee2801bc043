/** Bun entry of the Hono app: `Bun.serve` with the secrets and port from the environment (`Bun.env`). */
import { createRuntimeApp } from './app.ts';

const app = createRuntimeApp({
  appSecret: Bun.env.WHATSAPP_APP_SECRET!,
  previousAppSecret: Bun.env.PREVIOUS_APP_SECRET!,
  verifyToken: Bun.env.WHATSAPP_VERIFY_TOKEN!,
  bodyLimit: Number(Bun.env.BODY_LIMIT),
  mount: 'hono',
  runtime: `bun ${Bun.version}`,
});
Bun.serve({ hostname: '127.0.0.1', port: Number(Bun.env.PORT), fetch: (request) => app(request) });
