/**
 * Cloudflare Workers entry, bundled by esbuild for workerd. Secrets arrive as bindings on `env` (in
 * production: `wrangler secret put WHATSAPP_APP_SECRET`), so the app is built on the first request and
 * kept for the life of the isolate: the HMAC key is imported once, not per request.
 */
import { createRuntimeApp, type Mount, type Platform, type RuntimeApp } from './app.ts';

interface Env {
  readonly WHATSAPP_APP_SECRET: string;
  readonly WHATSAPP_VERIFY_TOKEN: string;
  readonly PREVIOUS_APP_SECRET: string;
  readonly BODY_LIMIT: string;
  readonly MOUNT: Mount;
}

let app: RuntimeApp | undefined;

export default {
  fetch(request: Request, env: Env, ctx: Platform): Promise<Response> {
    app ??= createRuntimeApp({
      appSecret: env.WHATSAPP_APP_SECRET,
      previousAppSecret: env.PREVIOUS_APP_SECRET,
      verifyToken: env.WHATSAPP_VERIFY_TOKEN,
      bodyLimit: Number(env.BODY_LIMIT),
      mount: env.MOUNT,
      runtime: 'workerd',
    });
    return app(request, ctx);
  },
};
