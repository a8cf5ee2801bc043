/** Deno entry of the Hono app: `Deno.serve`, secrets and port from `Deno.env` (`deno run --allow-net=127.0.0.1 --allow-env --allow-read`). */
import { createRuntimeApp } from './app.ts';

const app = createRuntimeApp({
  appSecret: Deno.env.get('WHATSAPP_APP_SECRET')!,
  previousAppSecret: Deno.env.get('PREVIOUS_APP_SECRET')!,
  verifyToken: Deno.env.get('WHATSAPP_VERIFY_TOKEN')!,
  bodyLimit: Number(Deno.env.get('BODY_LIMIT')),
  mount: 'hono',
  runtime: `deno ${Deno.version.deno}`,
});
Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('PORT')), onListen: () => {} }, (request) => app(request));
