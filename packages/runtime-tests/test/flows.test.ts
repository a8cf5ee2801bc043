/**
 * The Flows endpoint (`@wa-webhooks/flows`, built) on Bun, Deno and workerd as real processes, driven
 * over HTTP with requests encrypted and signed as WhatsApp does (`@wa-webhooks/testing`'s client):
 * the crypto build each runtime resolves, a 2048-bit key in the encrypted format that runtime can read
 * (OpenSSL's legacy DES-EDE3 PKCS#1 on node:crypto, PBES2 PKCS#8 on Web Crypto) and a 4096-bit PKCS#1
 * key, through `handleFetch` and the Hono adapter, with 421, 427 and 432.
 */
import { constants, createHmac, generateKeyPairSync, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { decryptFlowResponse, encryptFlowRequest } from '@wa-webhooks/testing';
import { afterAll, beforeAll, describe, expect, inject } from 'vitest';
import type { FlowsRuntimeReport } from '../apps/flows';
import { runtimeVersion } from '../src/binaries';
import { startFlowsServer } from '../src/flows-server';
import { caseCounter } from '../src/matrix';
import type { RuntimeServer } from '../src/runtime-server';

const APP_SECRET = 'runtime-flows-app-secret';
const PASSPHRASE = 'runtime flows passphrase';
const EXPECTED_CRYPTO = { bun: 'node:crypto', deno: 'node:crypto', workerd: 'web-crypto' } as const;
type Runtime = keyof typeof EXPECTED_CRYPTO;

/** The key each suite runs with: its PEM, and how it is described in the matrix. */
function keyFor(runtime: Runtime, bits: 2048 | 4096): { pem: string; publicKey: KeyObject; label: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  if (bits === 4096)
    return { pem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), publicKey, label: 'PKCS#1' };
  const pem =
    runtime === 'workerd'
      ? privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE })
      : privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'des-ede3-cbc', passphrase: PASSPHRASE });
  return { pem: pem.toString(), publicKey, label: runtime === 'workerd' ? 'encrypted PKCS#8' : 'PKCS#1, DES-EDE3' };
}

const cases = (['bun', 'deno', 'workerd'] as const).flatMap((runtime) =>
  ([2048, 4096] as const).map((bits) => ({ runtime, bits })),
);

describe.each(cases)('Flows endpoint on $runtime, $bits-bit key', ({ runtime, bits }) => {
  const key = keyFor(runtime, bits);
  const counter = caseCounter(inject('matrixFolder'), {
    runtime,
    version: runtimeVersion(runtime),
    suite: `Flows endpoint, ${bits}-bit ${key.label}: handleFetch and createHonoMiddleware`,
  });
  let server: RuntimeServer;

  beforeAll(async () => {
    if (!existsSync(new URL('../../flows/dist/web/index.js', import.meta.url)))
      throw new Error('The runtime tests run the built packages: run "pnpm build" first (pnpm test does).');
    server = await startFlowsServer({
      runtime,
      privateKey: key.pem,
      passphrase: bits === 2048 ? PASSPHRASE : '',
      appSecret: APP_SECRET,
    });
  }, 60_000);
  afterAll(async () => {
    counter.flush();
    await server?.stop();
  });

  const exchange = async (
    payload: unknown,
    options: { path?: string; secret?: string; publicKey?: KeyObject } = {},
  ) => {
    const request = await encryptFlowRequest(options.publicKey ?? key.publicKey, payload, {
      secret: options.secret ?? APP_SECRET,
    });
    const response = await fetch(`${server.origin}${options.path ?? '/flows'}`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
    });
    const body = await response.text();
    return { status: response.status, body, answer: () => decryptFlowResponse(body, request) };
  };

  counter.test(`resolves the ${EXPECTED_CRYPTO[runtime]} build and loads the key`, async () => {
    const report = (await (await fetch(`${server.origin}/__runtime`)).json()) as FlowsRuntimeReport;
    counter.setCrypto(report.crypto);
    expect([report.runtime.split(' ')[0], report.crypto, report.key]).toEqual([
      runtime,
      EXPECTED_CRYPTO[runtime],
      'ok',
    ]);
  });

  counter.test('answers the health check through handleFetch', async () => {
    const { status, answer } = await exchange({ version: '3.0', action: 'ping' });
    expect(status).toBe(200);
    expect(answer()).toEqual({ version: '3.0', data: { status: 'active' } });
  });

  counter.test('answers INIT and a typed data_exchange through the Hono adapter', async () => {
    const init = await exchange({ version: '3.0', action: 'INIT', flow_token: 'tk' }, { path: '/flows-hono' });
    expect(init.answer()).toEqual({ version: '3.0', screen: 'DETAILS', data: { token: 'tk' } });
    const done = await exchange(
      { version: '3.0', action: 'data_exchange', screen: 'DETAILS', flow_token: 'tk', data: { name: 'Ada' } },
      { path: '/flows-hono' },
    );
    expect(done.answer()).toEqual({
      version: '3.0',
      screen: 'SUCCESS',
      data: { extension_message_response: { params: { flow_token: 'tk', name: 'Ada' } } },
    });
    const invalid = await exchange({
      version: '3.0',
      action: 'data_exchange',
      screen: 'DETAILS',
      flow_token: 'tk',
      data: {},
    });
    expect(invalid.status).toBe(500);
  });

  counter.test(
    'answers 427 with error_msg, 432 for another secret, 421 for another key and for a tampered payload',
    async () => {
      const used = await exchange({
        version: '3.0',
        action: 'data_exchange',
        screen: 'DETAILS',
        flow_token: 'used',
        data: { name: 'x' },
      });
      expect([used.status, JSON.parse(used.body).error_msg]).toEqual([427, 'Already used.']);
      expect((await exchange({ version: '3.0', action: 'ping' }, { secret: 'not-the-secret' })).status).toBe(432);
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
      expect((await exchange({ version: '3.0', action: 'ping' }, { publicKey: other })).status).toBe(421);
      // A payload sealed with a key the endpoint can unwrap, but whose tag does not match.
      const aesKey = randomBytes(16);
      const body = JSON.stringify({
        encrypted_flow_data: randomBytes(48).toString('base64'),
        encrypted_aes_key: publicEncrypt(
          { key: key.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
          aesKey,
        ).toString('base64'),
        initial_vector: randomBytes(16).toString('base64'),
      });
      const tampered = await fetch(`${server.origin}/flows`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`,
        },
        body,
      });
      expect([tampered.status, ((await tampered.json()) as { error: { code: string } }).error.code]).toEqual([
        421,
        'PAYLOAD_DECRYPTION_FAILED',
      ]);
    },
  );
});
