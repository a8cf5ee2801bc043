// The same check through require(): the CJS build, resolved by Node through package exports.
const flows = require('@wa-webhooks/flows');

process.stdout.write(
  JSON.stringify({
    crypto: flows.FLOWS_CRYPTO_IMPLEMENTATION,
    createFlowEndpoint: typeof flows.createFlowEndpoint,
    status: new flows.InvalidFlowTokenError('x').status,
  }),
);
