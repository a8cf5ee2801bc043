/**
 * The suites of one runtime: the app of `apps/` as a real process on 127.0.0.1, once per mount (the
 * Hono adapter, a bare `export default { fetch }` module, and on Bun and Deno the Node framework
 * adapters), driven over HTTP from this Node process with requests signed and escaped the way Meta
 * sends them. One test file per runtime, so that vitest runs the runtimes side by side.
 */
import { buildBatch, buildTextMessage, serializePayload, signBody } from '@wa-webhooks/testing';
import { afterAll, beforeAll, describe, expect, inject } from 'vitest';
import { AFTER_RESPONSE_WORK, HANDLER_TIMEOUT, type Mount, type RuntimeReport } from '../apps/app';
import { runtimeVersion } from './binaries';
import { caseCounter } from './matrix';
import { startRuntimeServer, type RuntimeServer } from './runtime-server';

const APP_SECRET = 'runtime-matrix-app-secret';
const VERIFY_TOKEN = 'runtime-matrix-verify-token';
const PREVIOUS_APP_SECRET = 'runtime-matrix-previous-secret';
const BODY_LIMIT = 64 * 1024;

/**
 * The signature implementation each runtime should resolve. Bun and Deno match the `node` export
 * condition, so they get the node:crypto build: measured on this machine (1.1 KB body, cached key) it
 * verifies in 1.6 µs on Bun and 8.8 µs on Deno, against 41 µs with Web Crypto on both. workerd matches
 * `workerd`/`worker`/`browser` and gets the Web Crypto build.
 */
const EXPECTED_CRYPTO = { bun: 'node:crypto', deno: 'node:crypto', workerd: 'web-crypto' } as const;

/** Every runtime serves the Hono app and the bare fetch module; Bun and Deno also the Node framework adapters on their node:http. */
const MOUNTS = {
  bun: ['hono', 'fetch', 'express', 'koa', 'fastify'],
  deno: ['hono', 'fetch', 'express', 'koa', 'fastify'],
  workerd: ['hono', 'fetch'],
} as const;
const SUITES: Readonly<Record<Mount, string>> = {
  hono: 'Hono app, createHonoMiddleware',
  fetch: 'export default { fetch }, webhooks.handleFetch',
  express: 'Express 5 on node:http, createExpressMiddleware',
  koa: 'Koa 3 on node:http, createKoaMiddleware',
  fastify: 'Fastify 5, fastifyWebhooksPlugin',
};

/** Declares the suites of `runtime`, one per mount. */
export function runRuntimeSuites(runtime: keyof typeof MOUNTS): void {
  describe.each(MOUNTS[runtime].map((mount: Mount) => ({ mount })))(`${runtime}, mounted with $mount`, ({ mount }) =>
    suite(runtime, mount),
  );
}

function suite(runtime: keyof typeof MOUNTS, mount: Mount): void {
  let server: RuntimeServer;
  const counter = caseCounter(inject('matrixFolder'), {
    runtime,
    version: runtimeVersion(runtime),
    suite: SUITES[mount],
  });

  beforeAll(async () => {
    server = await startRuntimeServer({
      runtime,
      mount,
      appSecret: APP_SECRET,
      previousAppSecret: PREVIOUS_APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      bodyLimit: BODY_LIMIT,
    });
  }, 60_000);
  afterAll(async () => {
    counter.flush();
    await server?.stop();
  });

  const report = async (): Promise<RuntimeReport> =>
    (await (await fetch(`${server.origin}/__runtime`)).json()) as RuntimeReport;
  const post = (
    body: Uint8Array | ReadableStream<Uint8Array>,
    headers: Record<string, string>,
    path = '/webhook',
  ): Promise<Response> =>
    fetch(`${server.origin}${path}`, {
      method: 'POST',
      body: body as Uint8Array<ArrayBuffer>,
      headers,
      duplex: 'half',
    } as RequestInit);
  // Signed by core's own signPayload (through @wa-webhooks/testing), the production signer.
  const signed = async (
    payload: unknown,
    secret = APP_SECRET,
  ): Promise<{ body: Uint8Array; headers: Record<string, string> }> => {
    const { body, headers } = await signBody(serializePayload(payload, { metaEscaping: true }), { secret });
    return { body, headers: { ...headers } };
  };

  counter.test('answers the verification handshake, and 403 for a wrong token', async () => {
    const ok = await fetch(
      `${server.origin}/webhook?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    const wrong = await fetch(
      `${server.origin}/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`,
    );
    expect(wrong.status).toBe(403);
    await wrong.body?.cancel();
  });

  counter.test('verifies a Meta-escaped unicode body on its exact bytes and runs the handler', async () => {
    const text = 'Olá, café 🎉 — a/b ñ';
    const { body, headers } = await signed(buildTextMessage({ body: text }));
    expect(new TextDecoder().decode(body)).toContain('caf\\u00e9 \\ud83c\\udf89');
    const response = await post(body, headers);
    expect([response.status, await response.text()]).toEqual([200, '']);
    const { received } = await report();
    expect(received.at(-1)).toMatchObject({ name: 'messages.text', text });
  });

  counter.test('accepts the secret being rotated out (additionalAppSecrets)', async () => {
    const { body, headers } = await signed(
      buildTextMessage({ body: 'signed with the previous secret' }),
      PREVIOUS_APP_SECRET,
    );
    const response = await post(body, headers);
    expect(response.status).toBe(200);
    await response.body?.cancel();
    expect((await report()).received.at(-1)).toMatchObject({ text: 'signed with the previous secret' });
  });

  counter.test(
    'answers 500 when a handler fails, so that Meta retries; the retry runs it, a duplicate does not',
    async () => {
      const { body, headers } = await signed(buildTextMessage({ body: 'fail once' }));
      const first = await post(body, headers);
      expect(first.status).toBe(500);
      expect(await first.json()).toMatchObject({ error: { code: 'HANDLER_FAILED' } });
      const before = (await report()).received.length;
      for (const attempt of ['retry', 'duplicate']) {
        const response = await post(body, headers);
        expect(response.status, attempt).toBe(200);
        await response.body?.cancel();
      }
      const after = (await report()).received;
      expect(after.slice(before).map((event) => event.text)).toEqual(['fail once']);
    },
  );

  counter.test(
    `answers 500 HANDLER_TIMEOUT when a handler outlasts handlerTimeout (${HANDLER_TIMEOUT} ms)`,
    async () => {
      const { body, headers } = await signed(buildTextMessage({ body: 'slow' }));
      const started = performance.now();
      const response = await post(body, headers);
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ error: { code: 'HANDLER_TIMEOUT' } });
      expect(performance.now() - started).toBeLessThan(HANDLER_TIMEOUT * 4);
    },
  );

  counter.test("with ack: 'immediately', answers first and still finishes the handler after the response", async () => {
    const { body, headers } = await signed(buildTextMessage({ body: 'acknowledged first' }));
    const response = await post(body, headers, '/webhook-immediately');
    expect(response.status).toBe(200);
    await response.body?.cancel();
    expect((await report()).received.some((event) => event.text === 'acknowledged first')).toBe(false);
    await expect
      .poll(
        async () =>
          (await report()).received.filter((event) => event.name === 'after the response').map((event) => event.text),
        { timeout: 5000, interval: 25 },
      )
      .toContain('acknowledged first');
  });

  // The control of the case above: without the platform's waitUntil, workerd cancels the work left
  // after the response, and the event would be lost. Bun and Deno keep running it.
  counter.test(
    `without waitUntil, the work after the response is ${runtime === 'workerd' ? 'cancelled (so it must be passed)' : 'still done'}`,
    async () => {
      const { body, headers } = await signed(buildTextMessage({ body: 'unkept' }));
      const response = await post(body, headers, '/webhook-immediately-unkept');
      expect(response.status).toBe(200);
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, AFTER_RESPONSE_WORK * 3));
      const texts = (await report()).received
        .filter((event) => event.name === 'after the response')
        .map((event) => event.text);
      expect(texts.includes('unkept')).toBe(runtime !== 'workerd');
    },
  );

  counter.test('rejects a wrong signature with 401 and runs no handler', async () => {
    const before = (await report()).received.length;
    const { body } = await signed(buildTextMessage({ body: 'forged' }));
    const response = await post(body, {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'SIGNATURE_MISMATCH' } });
    expect((await report()).received.length).toBe(before);
  });

  counter.test('fans a batch out to one handler call per message', async () => {
    const messages = Array.from({ length: 25 }, (_, index) => buildTextMessage({ body: `batch ${index}` }));
    const { body, headers } = await signed(buildBatch(messages));
    const response = await post(body, headers);
    expect(response.status).toBe(200);
    await response.body?.cancel();
    const texts = (await report()).received.slice(-25).map((event) => event.text);
    expect(texts).toEqual(messages.map((_, index) => `batch ${index}`));
  });

  counter.test('answers 413 for a body over the limit, with and without Content-Length', async () => {
    const { body, headers } = await signed({
      object: 'whatsapp_business_account',
      entry: [],
      padding: 'x'.repeat(BODY_LIMIT),
    });
    const declared = await post(body, headers);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < body.length; offset += 8192)
          controller.enqueue(body.subarray(offset, offset + 8192));
        controller.close();
      },
    });
    const chunked = await post(stream, headers);
    expect(chunked.status).toBe(413);
    await chunked.body?.cancel();
  });

  counter.test(
    `resolves the ${EXPECTED_CRYPTO[runtime]} signature path and imports each secret's Web Crypto key once`,
    async () => {
      const state = await report();
      expect([state.runtime.split(' ')[0], state.mount]).toEqual([runtime, mount]);
      counter.setCrypto(state.crypto);
      expect(state.crypto).toBe(EXPECTED_CRYPTO[runtime]);
      // The cases above verified about 30 signatures with two webhooks objects, one with two secrets and
      // one with a single secret: each secret's key was imported once per object, 3 in all.
      expect(state.keyImports).toBe(EXPECTED_CRYPTO[runtime] === 'web-crypto' ? 3 : 0);
    },
  );
}
