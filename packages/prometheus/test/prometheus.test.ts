import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhooks } from '@wa-webhooks/core';
import { readNodeBody } from '@wa-webhooks/core/node';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebhookMetrics } from '../src/index';

const SECRET = 'metrics-secret';
const registry = new Registry();
const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: 'metrics-token' });
webhooks.onError(() => undefined);
webhooks.on('messages.text', (event) => {
  if (event.message.text.body === 'fail') throw new Error('handler failure');
});
webhooks.on('statuses', () => undefined);
const metrics = registerWebhookMetrics(webhooks, { registry });
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/metrics') {
      void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text));
      return;
    }
    void webhooks
      .handle({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        readBody: () => readNodeBody(req),
      })
      .then((response) => res.writeHead(response.status, response.headers).end(response.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const notification = (messages: unknown[], statuses: unknown[] = []) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: { metadata: { display_phone_number: '1', phone_number_id: '2' }, messages, statuses },
          },
        ],
      },
    ],
  });
const text = (id: string, body: string) => ({ from: '1', id, timestamp: '1', type: 'text', text: { body } });
const post = (body: string, secret = SECRET) =>
  fetch(`${base}/webhook`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
  });

function sample(text: string, metric: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric} `)) continue;
    if (wanted.every((pair) => line.includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('registerWebhookMetrics', () => {
  it('exposes requests by outcome, events by name, handler durations and dedupe hits, scraped over HTTP', async () => {
    const ok = notification(
      [text('wamid.M1', 'hi'), text('wamid.M2', 'there')],
      [{ id: 'wamid.OUT', status: 'read', timestamp: '1', recipient_id: '1' }],
    );
    expect((await post(ok)).status).toBe(200);
    expect((await post(ok)).status).toBe(200); // all three are duplicates now
    expect((await post(notification([text('wamid.M3', 'fail')]))).status).toBe(500);
    expect((await post(ok, 'wrong')).status).toBe(401);
    expect(
      (await fetch(`${base}/webhook?hub.mode=subscribe&hub.verify_token=metrics-token&hub.challenge=7`)).status,
    ).toBe(200);
    expect((await fetch(`${base}/webhook`, { method: 'PATCH' })).status).toBe(405);

    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const scraped = await response.text();
    expect(sample(scraped, 'wa_webhooks_requests_total', { method: 'POST', status: '200', outcome: 'ok' })).toBe(2);
    expect(
      sample(scraped, 'wa_webhooks_requests_total', { method: 'POST', status: '500', outcome: 'HANDLER_FAILED' }),
    ).toBe(1);
    expect(
      sample(scraped, 'wa_webhooks_requests_total', { method: 'POST', status: '401', outcome: 'SIGNATURE_MISMATCH' }),
    ).toBe(1);
    expect(sample(scraped, 'wa_webhooks_requests_total', { method: 'GET', status: '200', outcome: 'challenge' })).toBe(
      1,
    );
    expect(
      sample(scraped, 'wa_webhooks_requests_total', { method: 'OTHER', status: '405', outcome: 'METHOD_NOT_ALLOWED' }),
    ).toBe(1);
    expect(sample(scraped, 'wa_webhooks_events_total', { name: 'messages.text', outcome: 'ok' })).toBe(2);
    expect(sample(scraped, 'wa_webhooks_events_total', { name: 'messages.text', outcome: 'failed' })).toBe(1);
    expect(sample(scraped, 'wa_webhooks_events_total', { name: 'statuses.read', outcome: 'ok' })).toBe(1);
    expect(sample(scraped, 'wa_webhooks_handler_duration_seconds_count', { name: 'messages.text' })).toBe(3);
    expect(sample(scraped, 'wa_webhooks_request_duration_seconds_count', { method: 'POST', outcome: 'ok' })).toBe(2);
    expect(sample(scraped, 'wa_webhooks_duplicates_total')).toBe(3);
    expect(sample(scraped, 'wa_webhooks_in_progress_total')).toBe(0);
  });

  it('remove() unregisters the metrics and stops updating them', async () => {
    metrics.remove();
    expect(await registry.metrics()).not.toContain('wa_webhooks_requests_total');
    expect((await post(notification([text('wamid.M9', 'late')]))).status).toBe(200);
    expect(await metrics.requests.get()).toMatchObject({ values: expect.any(Array) });
    const again = registerWebhookMetrics(createWebhooks({ appSecret: 's', verifyToken: 't' }), {
      registry,
      prefix: 'again_',
    });
    expect(await registry.metrics()).toContain('again_requests_total');
    again.remove();
  });
});

describe('label values come from a closed set (issue 16: "Prometheus labels come from the body")', () => {
  it('gives every unknown event one fixed name label, however many new types and fields a body holds', async () => {
    const isolated = new Registry();
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: 'metrics-token', dedupe: false });
    hooks.onUnknown(() => undefined);
    const own = registerWebhookMetrics(hooks, { registry: isolated });
    const fields = Array.from({ length: 2000 }, (_, index) => ({
      field: `field_${index}_${'x'.repeat(200)}`,
      value: {},
    }));
    const types = Array.from({ length: 50 }, (_, index) => ({
      from: '1',
      id: `wamid.T${index}`,
      timestamp: '1',
      type: `type${index}`,
    }));
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        { id: '1', changes: fields },
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: { metadata: { display_phone_number: '1', phone_number_id: '2' }, messages: types },
            },
          ],
        },
      ],
    });
    const response = await hooks.handle({
      method: 'POST',
      url: '/webhook',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
      },
      readBody: async () => new TextEncoder().encode(body),
    });
    expect(response.status).toBe(200);
    const scraped = await isolated.metrics();
    const series = scraped.split('\n').filter((line) => line.startsWith('wa_webhooks_events_total{'));
    expect(series).toEqual(['wa_webhooks_events_total{name="unknown",outcome="ok"} 2050']);
    expect(scraped.length).toBeLessThan(20_000);
    own.remove();
  });
});
