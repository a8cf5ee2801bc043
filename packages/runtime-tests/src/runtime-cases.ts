/**
 * The cases every runtime suite runs, as rows registered by `runtime-suite.ts`: each gets the running
 * app (through `RuntimeCaseContext`) and checks one thing over HTTP with requests signed and escaped the
 * way Meta sends them.
 */
import { buildBatch, buildTextMessage, serializePayload, signBody } from '@wa-webhooks/testing';
import { expect } from 'vitest';
import { AFTER_RESPONSE_WORK, HANDLER_TIMEOUT, type Mount, type RuntimeReport } from '../apps/app';

/** The secrets and limit every runtime app is started with. */
export const APP_SECRET = 'runtime-matrix-app-secret';
export const VERIFY_TOKEN = 'runtime-matrix-verify-token';
export const PREVIOUS_APP_SECRET = 'runtime-matrix-previous-secret';
export const BODY_LIMIT = 64 * 1024;

/**
 * The signature implementation each runtime should resolve. Bun and Deno match the `node` export
 * condition, so they get the node:crypto build: measured on this machine (1.1 KB body, cached key) it
 * verifies in 1.6 µs on Bun and 8.8 µs on Deno, against 41 µs with Web Crypto on both. workerd matches
 * `workerd`/`worker`/`browser` and gets the Web Crypto build.
 */
export const EXPECTED_CRYPTO = { bun: 'node:crypto', deno: 'node:crypto', workerd: 'web-crypto' } as const;

/** A runtime the suites run on. */
export type RuntimeUnderTest = keyof typeof EXPECTED_CRYPTO;

/** What a case gets: the runtime and mount, and the app's origin once it runs. */
export interface RuntimeCaseContext {
  readonly runtime: RuntimeUnderTest;
  readonly mount: Mount;
  readonly origin: () => string;
  /** Records which signature implementation the app resolved (for the matrix). */
  readonly setCrypto: (crypto: string) => void;
}

/** Registers one case under its name (the suite counts passes for the matrix). */
export type RegisterCase = (name: string, run: () => Promise<void>) => void;

/** What the cases use: the runtime, the app's report, and Meta-like signed POSTs. */
interface CaseTools {
  readonly runtime: RuntimeUnderTest;
  readonly mount: Mount;
  readonly setCrypto: (crypto: string) => void;
  readonly server: { readonly origin: string };
  readonly report: () => Promise<RuntimeReport>;
  readonly post: (
    body: Uint8Array | ReadableStream<Uint8Array>,
    headers: Record<string, string>,
    path?: string,
  ) => Promise<Response>;
  readonly signed: (
    payload: unknown,
    secret?: string,
  ) => Promise<{ body: Uint8Array; headers: Record<string, string> }>;
}

function caseTools(context: RuntimeCaseContext): CaseTools {
  const server = {
    get origin(): string {
      return context.origin();
    },
  };
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

  return { runtime: context.runtime, mount: context.mount, setCrypto: context.setCrypto, server, report, post, signed };
}

/** Handshake, exact bytes, secret rotation, handler failures and timeouts. */
function registerVerificationCases(tools: CaseTools, test: RegisterCase): void {
  const { server, report, post, signed } = tools;
  test('answers the verification handshake, and 403 for a wrong token', async () => {
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

  test('verifies a Meta-escaped unicode body on its exact bytes and runs the handler', async () => {
    const text = 'Olá, café 🎉 — a/b ñ';
    const { body, headers } = await signed(buildTextMessage({ body: text }));
    expect(new TextDecoder().decode(body)).toContain('caf\\u00e9 \\ud83c\\udf89');
    const response = await post(body, headers);
    expect([response.status, await response.text()]).toEqual([200, '']);
    const { received } = await report();
    expect(received.at(-1)).toMatchObject({ name: 'messages.text', text });
  });

  test('accepts the secret being rotated out (additionalAppSecrets)', async () => {
    const { body, headers } = await signed(
      buildTextMessage({ body: 'signed with the previous secret' }),
      PREVIOUS_APP_SECRET,
    );
    const response = await post(body, headers);
    expect(response.status).toBe(200);
    await response.body?.cancel();
    expect((await report()).received.at(-1)).toMatchObject({ text: 'signed with the previous secret' });
  });

  test('answers 500 when a handler fails, so that Meta retries; the retry runs it, a duplicate does not', async () => {
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
  });

  test(`answers 500 HANDLER_TIMEOUT when a handler outlasts handlerTimeout (${HANDLER_TIMEOUT} ms)`, async () => {
    const { body, headers } = await signed(buildTextMessage({ body: 'slow' }));
    const started = performance.now();
    const response = await post(body, headers);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: 'HANDLER_TIMEOUT' } });
    expect(performance.now() - started).toBeLessThan(HANDLER_TIMEOUT * 4);
  });
}

/** Acknowledging first, with and without waitUntil, and forged signatures. */
function registerAckCases(tools: CaseTools, test: RegisterCase): void {
  const { runtime, report, post, signed } = tools;
  test("with ack: 'immediately', answers first and still finishes the handler after the response", async () => {
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
  test(`without waitUntil, the work after the response is ${runtime === 'workerd' ? 'cancelled (so it must be passed)' : 'still done'}`, async () => {
    const { body, headers } = await signed(buildTextMessage({ body: 'unkept' }));
    const response = await post(body, headers, '/webhook-immediately-unkept');
    expect(response.status).toBe(200);
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, AFTER_RESPONSE_WORK * 3));
    const texts = (await report()).received
      .filter((event) => event.name === 'after the response')
      .map((event) => event.text);
    expect(texts.includes('unkept')).toBe(runtime !== 'workerd');
  });
}

/** Batches, body limits, and the signature implementation resolved. */
function registerLimitCases(tools: CaseTools, test: RegisterCase): void {
  const { runtime, mount, setCrypto, report, post, signed } = tools;
  test('rejects a wrong signature with 401 and runs no handler', async () => {
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

  test('fans a batch out to one handler call per message', async () => {
    const messages = Array.from({ length: 25 }, (_, index) => buildTextMessage({ body: `batch ${index}` }));
    const { body, headers } = await signed(buildBatch(messages));
    const response = await post(body, headers);
    expect(response.status).toBe(200);
    await response.body?.cancel();
    const texts = (await report()).received.slice(-25).map((event) => event.text);
    expect(texts).toEqual(messages.map((_, index) => `batch ${index}`));
  });

  test('answers 413 for a body over the limit, with and without Content-Length', async () => {
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

  test(`resolves the ${EXPECTED_CRYPTO[runtime]} signature path and imports each secret's Web Crypto key once`, async () => {
    const state = await report();
    expect([state.runtime.split(' ')[0], state.mount]).toEqual([runtime, mount]);
    setCrypto(state.crypto);
    expect(state.crypto).toBe(EXPECTED_CRYPTO[runtime]);
    // The cases above verified about 30 signatures with two webhooks objects, one with two secrets and
    // one with a single secret: each secret's key was imported once per object, 3 in all.
    expect(state.keyImports).toBe(EXPECTED_CRYPTO[runtime] === 'web-crypto' ? 3 : 0);
  });
}

/** Registers every case for one running app. */
export function registerRuntimeCases(context: RuntimeCaseContext, test: RegisterCase): void {
  const tools = caseTools(context);
  registerVerificationCases(tools, test);
  registerAckCases(tools, test);
  registerLimitCases(tools, test);
}
