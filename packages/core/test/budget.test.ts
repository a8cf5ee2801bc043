/**
 * Issue 16, "Memory held for unsigned bodies is unbounded": a process-wide budget for body bytes read
 * before verification. A POST that would exceed it is answered 503 BODY_BUDGET_EXCEEDED with Retry-After
 * before its body is read; the reservation is released however the request ends. (The adapters' suites
 * prove the same over real HTTP with held connections.)
 */
import { describe, expect, it } from 'vitest';
import { createBodyBudget, createWebhooks, DEFAULT_BODY_BUDGET, readSignedBody } from '../src/index';
import { createSignatureVerifier } from '../src/signature';
import { fakeRequest, SECRET, sign, signedPost, TOKEN } from './helpers';

const NOTIFICATION = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });

/** A POST whose body arrives only when `arrive()` is called, like a client still sending. */
function heldPost(length: number, signature = sign('x')) {
  let arrive!: (bytes: Uint8Array) => void;
  let fail!: (error: Error) => void;
  const body = new Promise<Uint8Array>((resolve, reject) => {
    arrive = resolve;
    fail = reject;
  });
  const request = fakeRequest({
    headers: { 'content-type': 'application/json', 'content-length': String(length), 'x-hub-signature-256': signature },
    readBody: () => body,
  });
  return { request, arrive, fail };
}

describe('body budget (issue 16: bounded memory before authentication)', () => {
  it('answers 503 BODY_BUDGET_EXCEEDED with Retry-After, without reading, once held bodies fill it', async () => {
    const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, bodyBudget: 3_000_000 });
    const first = heldPost(2_000_000);
    const pending = webhooks.handle(first.request);
    const second = heldPost(2_000_000);
    const refused = await webhooks.handle(second.request);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.headers.connection).toBe('close');
    expect(JSON.parse(refused.body).error.code).toBe('BODY_BUDGET_EXCEEDED');
    expect(second.request.reads).toBe(0);

    // Small signed POSTs and the handshake still pass while the large body is held.
    expect((await webhooks.handle(signedPost(NOTIFICATION))).status).toBe(200);
    const handshake = await webhooks.handle(
      fakeRequest({ method: 'GET', url: `/w?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=42` }),
    );
    expect(handshake.body).toBe('42');

    // The held body turns out to be forged: 401, and its bytes are given back.
    first.arrive(new Uint8Array(2_000_000));
    expect((await pending).status).toBe(401);
    const third = heldPost(2_000_000);
    third.arrive(new Uint8Array(2_000_000));
    expect((await webhooks.handle(third.request)).status).toBe(401);
  });

  it('releases the reservation when the read fails (client gone) and after a success', async () => {
    const budget = createBodyBudget(1_000);
    const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, bodyBudget: budget });
    const aborted = heldPost(900);
    const pending = webhooks.handle(aborted.request);
    await Promise.resolve();
    expect(budget.reserved).toBe(900);
    aborted.fail(new Error('aborted'));
    expect((await pending).status).toBe(400);
    expect(budget.reserved).toBe(0);
    expect((await webhooks.handle(signedPost(NOTIFICATION))).status).toBe(200);
    expect(budget.reserved).toBe(0);
  });

  it('reserves the whole body limit for a body without Content-Length (chunked)', async () => {
    const budget = createBodyBudget(5_000);
    const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, bodyLimit: 4_000, bodyBudget: budget });
    const chunked = fakeRequest({
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign('x') },
      readBody: () => new Promise(() => undefined),
    });
    void webhooks.handle(chunked);
    await Promise.resolve();
    expect(budget.reserved).toBe(4_000);
    const refused = await webhooks.handle(heldPost(1_500).request);
    expect(refused.status).toBe(503);
  });

  it('is shared by every instance that sets none, process-wide, and defaults to 64 MiB', async () => {
    expect(DEFAULT_BODY_BUDGET).toBe(64 * 1024 * 1024);
    const a = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    const b = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    // Signed for the empty body they will turn out to be: each ends as 400 INVALID_JSON.
    const held = Array.from({ length: 19 }, () => heldPost(3_600_000, sign('')));
    const pending = held.map((one, index) => (index % 2 === 0 ? a : b).handle(one.request));
    const refused = await b.handle(heldPost(3_600_000).request);
    expect(refused.status).toBe(503);
    for (const one of held) one.arrive(new Uint8Array(0));
    const answers = await Promise.all(pending);
    expect(answers.map((answer) => answer.status)).toEqual([...Array<number>(18).fill(400), 503]);
    // Every reservation was given back: a full-size body fits again.
    const again = heldPost(3_600_000, sign(''));
    again.arrive(new Uint8Array(0));
    expect(JSON.parse((await a.handle(again.request)).body).error.code).toBe('INVALID_JSON');
  });

  it('readSignedBody is the same path for other endpoints (Flows): verified bytes or a typed error', async () => {
    const options = { verifier: createSignatureVerifier(SECRET), bodyLimit: 100, budget: createBodyBudget(1_000) };
    const body = await readSignedBody(signedPost('{"a":1}'), options);
    expect(new TextDecoder().decode(body)).toBe('{"a":1}');
    await expect(readSignedBody(signedPost('{"a":1}', { secret: 'other' }), options)).rejects.toMatchObject({
      code: 'SIGNATURE_MISMATCH',
    });
  });
});

describe('content-encoding (issue 16: only the bytes as sent are verified)', () => {
  it.each(['gzip', 'deflate', 'br', 'gzip, identity'])(
    'answers 415 for content-encoding %s on every path',
    async (encoding) => {
      const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
      const request = signedPost(NOTIFICATION, { headers: { 'content-encoding': encoding } });
      const response = await webhooks.handle(request);
      expect(response.status).toBe(415);
      expect(JSON.parse(response.body).error.message).toContain('content-encoding');
      expect(request.reads).toBe(0);
    },
  );

  it.each(['identity', 'IDENTITY', ''])('accepts content-encoding %j', async (encoding) => {
    const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    const response = await webhooks.handle(signedPost(NOTIFICATION, { headers: { 'content-encoding': encoding } }));
    expect(response.status).toBe(200);
  });
});
