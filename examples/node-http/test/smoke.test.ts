import type { AddressInfo } from 'node:net';
import { signBody } from '@wa-webhooks/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExampleServer, createExampleWebhooks } from '../src/app';

const config = { appSecret: 'smoke-secret', verifyToken: 'smoke-token' };
const lines: string[] = [];
const server = createExampleServer(createExampleWebhooks(config, (line) => lines.push(line)));
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('node:http example', () => {
  it('answers the handshake', async () => {
    const response = await fetch(`${base}/webhook?hub.mode=subscribe&hub.verify_token=smoke-token&hub.challenge=abc`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('abc');
  });

  it('runs the text handler for a signed notification', async () => {
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
                messages: [
                  { from: '15551234567', id: 'wamid.SMOKE', timestamp: '1', type: 'text', text: { body: 'hi' } },
                ],
              },
            },
          ],
        },
      ],
    });
    const response = await fetch(`${base}/webhook`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signBody(body, config.appSecret),
      },
    });
    expect(response.status).toBe(200);
    expect(lines).toContain('messages.text m:wamid.SMOKE from 15551234567: "hi"');
  });

  it('serves Prometheus metrics that count the requests above', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/wa_webhooks_requests_total\{method="POST",status="200",outcome="ok"\} 1/);
    expect(text).toMatch(/wa_webhooks_events_total\{name="messages.text",outcome="ok"\} 1/);
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`${base}/other`)).status).toBe(404);
  });
});
