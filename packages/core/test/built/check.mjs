// Runs a signed POST through handleFetch on a built copy of core. Usage: node check.mjs <specifier>
// The specifier is resolved by Node itself (package exports), not by vitest.
import { createHmac } from 'node:crypto';

const core = await import(process.argv[2]);
const webhooks = core.createWebhooks({ appSecret: 'secret', verifyToken: 'token' });
const seen = [];
webhooks.on('messages.text', (event) => seen.push(event.message.text.body));
const body = JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '1',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '1', phone_number_id: '2' },
            messages: [{ from: '3', id: 'wamid.X', timestamp: '1', type: 'text', text: { body: 'built ok' } }],
          },
        },
      ],
    },
  ],
});
const signature = `sha256=${createHmac('sha256', 'secret').update(body).digest('hex')}`;
const response = await webhooks.handleFetch(
  new Request('http://localhost/webhook', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
  }),
);
const bad = await webhooks.handleFetch(
  new Request('http://localhost/webhook', {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0'),
    },
  }),
);
process.stdout.write(
  JSON.stringify({
    status: response.status,
    bad: bad.status,
    seen,
    crypto: core.CRYPTO_IMPLEMENTATION,
    isError: core.isWebhookError(new core.SignatureError('SIGNATURE_MISMATCH', 'x')),
  }),
);
