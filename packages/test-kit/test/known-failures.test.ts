/**
 * Failures the fuzz suite found in core, kept as regression tests once fixed, so that they are exercised
 * deterministically and not only when the generator happens to draw them.
 */
import { createWebhooks, type UnknownEvent } from '@wa-webhooks/core';
import { describe, expect, it } from 'vitest';
import { APP_SECRET, VERIFY_TOKEN, signBody } from '../src/index';

async function postSigned(body: string) {
  const webhooks = createWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, dedupe: false });
  const unknown: UnknownEvent[] = [];
  const reported: string[] = [];
  webhooks.onUnknown((event) => {
    unknown.push(event);
  });
  webhooks.onError((error) => {
    reported.push(error.code);
  });
  const response = await webhooks.handle({
    method: 'POST',
    url: '/webhook',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body) },
    readBody: () => Promise.resolve(new TextEncoder().encode(body)),
  });
  return { response, unknown, reported };
}

const deep = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('core: signed JSON nested deeply', () => {
  it('is answered 200 and reaches onUnknown when nested 1 000 deep', async () => {
    const { response, unknown } = await postSigned(deep(1000));
    expect(response.status).toBe(200);
    expect(unknown.map((event) => event.reason)).toEqual(['invalid_envelope']);
  });

  // Found by the fuzz suite and fixed in core: the event id was hashString(JSON.stringify(...)), and
  // JSON.stringify recursed into a RangeError (500 INTERNAL_ERROR, which Meta would retry for days).
  it('is answered 200 and reaches onUnknown when nested 100 000 deep', async () => {
    const { response, unknown, reported } = await postSigned(deep(100_000));
    expect({ status: response.status, reasons: unknown.map((event) => event.reason), reported }).toEqual({
      status: 200,
      reasons: ['invalid_envelope'],
      reported: [],
    });
  });
});
