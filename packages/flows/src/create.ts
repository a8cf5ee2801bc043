/** The public factory: `createFlowEndpointWith` bound to this build's crypto (`#crypto`). */
import { flowCrypto } from '#crypto';
import { createFlowEndpointWith, type FlowEndpoint } from './endpoint';
import type { FlowEndpointOptions } from './options';
import type { ScreenSchemas } from './schema';

/**
 * Creates the Flows endpoint. Throws a `FlowConfigurationError` at once for a missing app secret, a key
 * that cannot be read or a wrong passphrase (on Web Crypto runtimes the passphrase is checked by
 * `ready()`).
 *
 * @example
 * ```ts
 * const flows = createFlowEndpoint({
 *   privateKey: process.env.FLOWS_PRIVATE_KEY!,
 *   passphrase: process.env.FLOWS_PASSPHRASE,
 *   appSecret: process.env.WHATSAPP_APP_SECRET!,
 *   screens: { DETAILS: z.object({ name: z.string(), email: z.email() }) },
 * });
 * flows.on('INIT', () => ({ screen: 'DETAILS', data: {} }));
 * flows.on('data_exchange', 'DETAILS', async (request) => {
 *   await crm.save(request.data.name, request.data.email);
 *   return request.complete({ saved: true });
 * });
 * app.use('/flows', createExpressMiddleware(flows));
 * ```
 */
export function createFlowEndpoint<S extends ScreenSchemas = Record<never, never>>(
  options: FlowEndpointOptions<S>,
): FlowEndpoint<S> {
  return createFlowEndpointWith(flowCrypto, options);
}

/** Which crypto this build uses: `node:crypto` (Node.js, Bun, Deno) or `web-crypto` (Workers, browsers). */
export const FLOWS_CRYPTO_IMPLEMENTATION = flowCrypto.implementation;
