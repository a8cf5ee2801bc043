// Answers a Meta-style encrypted ping and INIT through handleFetch on a built copy of the package.
// Usage: node check.mjs <specifier>; the specifier is resolved by Node itself (package exports).
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { encrypt, decrypt } from './meta.mjs';

const flows = await import(process.argv[2]);
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const endpoint = flows.createFlowEndpoint({
  privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }),
  appSecret: 'secret',
});
endpoint.on('INIT', (request) => ({ screen: 'FIRST', data: { token: request.flowToken } }));
const answers = [];
const statuses = [];
for (const payload of [
  { version: '3.0', action: 'ping' },
  { version: '3.0', action: 'INIT', flow_token: 'built' },
]) {
  const request = encrypt(publicKey, payload);
  const response = await endpoint.handleFetch(
    new Request('http://localhost/flows', {
      method: 'POST',
      body: request.body,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${createHmac('sha256', 'secret').update(request.body).digest('hex')}`,
      },
    }),
  );
  statuses.push(response.status);
  answers.push(decrypt(await response.text(), request));
}
process.stdout.write(
  JSON.stringify({
    statuses,
    answers,
    crypto: flows.FLOWS_CRYPTO_IMPLEMENTATION,
    isError: flows.isFlowEndpointError(new flows.InvalidFlowTokenError()),
  }),
);
