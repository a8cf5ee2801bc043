/**
 * Cloudflare Workers entry, bundled by esbuild for workerd. Secrets arrive as bindings on `env` (in
 * production: `wrangler secret put WHATSAPP_APP_SECRET`), so the app is built on the first request and
 * kept for the life of the isolate: the HMAC key is imported once, not per request.
 */
import { configFrom, createRuntimeApp, type Platform, type RuntimeApp } from './app.ts';

/** The text bindings of the generated workerd config (`src/runtime-server.ts`). */
type Env = Readonly<Record<string, string | undefined>>;

let app: RuntimeApp | undefined;

export default {
  fetch(request: Request, env: Env, ctx: Platform): Promise<Response> {
    app ??= createRuntimeApp(configFrom((name) => env[name], 'workerd'));
    return app(request, ctx);
  },
};
