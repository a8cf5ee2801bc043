// The same check through require(): the CJS build, resolved by Node through package exports.
const { createHmac } = require('node:crypto');
const core = require('@wa-webhooks/core');
const nodeEntry = require('@wa-webhooks/core/node');

(async () => {
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
  process.stdout.write(
    JSON.stringify({
      status: response.status,
      seen,
      crypto: core.CRYPTO_IMPLEMENTATION,
      readNodeBody: typeof nodeEntry.readNodeBody,
    }),
  );
})();
