/**
 * The Flows endpoint every runtime serves (Bun and Deno through `flows-default-export.ts`, workerd
 * through `flows-worker.ts`): `/flows` calls `flows.handleFetch`, `/flows-hono` mounts it with the Hono
 * adapter, `/__runtime` reports the crypto build the runtime resolved and whether the key loaded. The
 * DETAILS screen's schema is a hand-written Standard Schema, so no validation library is needed here.
 */
import {
  createFlowEndpoint,
  FLOWS_CRYPTO_IMPLEMENTATION,
  InvalidFlowTokenError,
  type StandardSchemaV1,
} from '@wa-webhooks/flows';
import { createHonoMiddleware } from '@wa-webhooks/hono';
import { Hono } from 'hono';

/** A platform's execution context (a Worker's `ctx`); absent on Bun and Deno. */
export interface FlowsPlatform {
  waitUntil(promise: Promise<unknown>): void;
}

/** What the test reads at `/__runtime`. */
export interface FlowsRuntimeReport {
  readonly runtime: string;
  readonly crypto: string;
  /** `ok`, or the error code `ready()` rejected with. */
  readonly key: string;
}

/** `{ name: string }`, as a Standard Schema. */
const details: StandardSchemaV1<unknown, { name: string }> = {
  '~standard': {
    version: 1,
    vendor: 'runtime-tests',
    validate: (value) =>
      typeof (value as { name?: unknown } | null)?.name === 'string'
        ? { value: { name: (value as { name: string }).name } }
        : { issues: [{ message: 'name must be a string', path: ['name'] }] },
  },
};

/** Builds the fetch handler from the app's variables (environment on Bun and Deno, bindings on Workers). */
export function createFlowsApp(read: (name: string) => string | undefined, runtime: string) {
  const flows = createFlowEndpoint({
    privateKey: read('FLOWS_PRIVATE_KEY') ?? '',
    passphrase: read('FLOWS_PASSPHRASE') || undefined,
    appSecret: read('WHATSAPP_APP_SECRET') ?? '',
    screens: { DETAILS: details },
  });
  flows.on('INIT', (request) => ({ screen: 'DETAILS', data: { token: request.flowToken ?? null } }));
  flows.on('data_exchange', 'DETAILS', (request) => {
    if (request.flowToken === 'used') throw new InvalidFlowTokenError('Already used.');
    return request.complete({ name: request.data.name });
  });
  flows.onError(() => undefined);
  const hono = new Hono().all('/flows-hono', createHonoMiddleware(flows));
  const report = async (): Promise<FlowsRuntimeReport> => ({
    runtime,
    crypto: FLOWS_CRYPTO_IMPLEMENTATION,
    key: await flows.ready().then(
      () => 'ok',
      (error: { code?: string }) => error.code ?? 'failed',
    ),
  });
  return async (request: Request, platform?: FlowsPlatform): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (path === '/__runtime') return Response.json(await report());
    if (path === '/flows') return flows.handleFetch(request, platform);
    return hono.fetch(request, {}, platform as never);
  };
}
