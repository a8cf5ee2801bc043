/** Bun entry: `bun apps/bun.ts`, with the secrets and port in the environment (`Bun.env`). */
import { createRuntimeApp, type Mount } from './app.ts';

const app = createRuntimeApp({
  appSecret: Bun.env.WHATSAPP_APP_SECRET!,
  verifyToken: Bun.env.WHATSAPP_VERIFY_TOKEN!,
  bodyLimit: Number(Bun.env.BODY_LIMIT),
  mount: Bun.env.MOUNT as Mount,
  runtime: `bun ${Bun.version}`,
});
Bun.serve({ hostname: '127.0.0.1', port: Number(Bun.env.PORT), fetch: app });
