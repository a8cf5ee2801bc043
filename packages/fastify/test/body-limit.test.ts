/** The adapter sizes its reader to the webhooks' own bodyLimit, above and below the default. */
import { createWebhooks, DEFAULT_BODY_LIMIT } from '@wa-webhooks/core';
import { APP_SECRET, VERIFY_TOKEN, notificationOfSize, signBody } from '@wa-webhooks/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { startLimitServer } from './support/limit-server';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function post(bodyLimit: number, size: number): Promise<{ status: number; code?: string }> {
  const webhooks = createWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, bodyLimit, dedupe: false });
  webhooks.onError(() => undefined);
  const { url, close } = await startLimitServer(webhooks);
  closers.push(close);
  const { body } = notificationOfSize(size);
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body) } });
  const text = await response.text();
  return { status: response.status, ...(response.status === 200 ? {} : { code: (JSON.parse(text) as { error: { code: string } }).error.code }) };
}

describe('fastify adapter and the webhooks bodyLimit', () => {
  it('accepts a body above the default limit when the webhooks allow it', async () => {
    expect(await post(DEFAULT_BODY_LIMIT + 1024 * 1024, DEFAULT_BODY_LIMIT + 1000)).toEqual({ status: 200 });
  });

  it('refuses a body above a smaller webhooks limit with 413', async () => {
    expect(await post(2000, 2001)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });
});
