/**
 * The Flows app as a Cloudflare Worker, bundled by esbuild for workerd. The key and secrets arrive as
 * bindings on `env`, so the endpoint is built on the first request and kept for the isolate's life:
 * the private key is imported once, not per request.
 */
import { createFlowsApp, type FlowsPlatform } from './flows.ts';

type Env = Readonly<Record<string, string | undefined>>;

let app: ReturnType<typeof createFlowsApp> | undefined;

export default {
  fetch(request: Request, env: Env, ctx: FlowsPlatform): Promise<Response> {
    app ??= createFlowsApp((name) => env[name], 'workerd');
    return app(request, ctx);
  },
};
