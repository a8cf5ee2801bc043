/**
 * The suites of one runtime: the app of `apps/` as a real process on 127.0.0.1, once per mount (the
 * Hono adapter, a bare `export default { fetch }` module, and on Bun and Deno the Node framework
 * adapters), driven over HTTP from this Node process (the cases are in `runtime-cases.ts`). One test
 * file per runtime, so that vitest runs the runtimes side by side.
 */
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { Mount } from '../apps/app';
import { runtimeVersion } from './binaries';
import { caseCounter } from './matrix';
import { APP_SECRET, BODY_LIMIT, PREVIOUS_APP_SECRET, registerRuntimeCases, VERIFY_TOKEN } from './runtime-cases';
import { startRuntimeServer, type RuntimeServer } from './runtime-server';

/** Every runtime serves the Hono app and the bare fetch module; Bun and Deno also the Node framework adapters on their node:http. */
const MOUNTS = {
  bun: ['hono', 'fetch', 'express', 'koa', 'fastify'],
  deno: ['hono', 'fetch', 'express', 'koa', 'fastify'],
  workerd: ['hono', 'fetch'],
} as const;
const SUITES: Readonly<Record<Mount, string>> = {
  hono: 'Hono app, createHonoMiddleware',
  fetch: 'export default { fetch }, webhooks.handleFetch',
  express: 'Express 5 on node:http, createExpressMiddleware',
  koa: 'Koa 3 on node:http, createKoaMiddleware',
  fastify: 'Fastify 5, fastifyWebhooksPlugin',
};

/** Declares the suites of `runtime`, one per mount. */
export function runRuntimeSuites(runtime: keyof typeof MOUNTS): void {
  describe.each(MOUNTS[runtime].map((mount: Mount) => ({ mount })))(`${runtime}, mounted with $mount`, ({ mount }) =>
    suite(runtime, mount),
  );
}

function suite(runtime: keyof typeof MOUNTS, mount: Mount): void {
  let server: RuntimeServer;
  const counter = caseCounter(inject('matrixFolder'), {
    runtime,
    version: runtimeVersion(runtime),
    suite: SUITES[mount],
  });

  beforeAll(async () => {
    server = await startRuntimeServer({
      runtime,
      mount,
      appSecret: APP_SECRET,
      previousAppSecret: PREVIOUS_APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      bodyLimit: BODY_LIMIT,
    });
  }, 60_000);
  afterAll(async () => {
    counter.flush();
    await server?.stop();
  });

  registerRuntimeCases(
    { runtime, mount, origin: () => server.origin, setCrypto: (crypto) => counter.setCrypto(crypto) },
    (name, run) => counter.test(name, run),
  );
}
