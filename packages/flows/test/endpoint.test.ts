/**
 * The endpoint's rules through `handle()`, request by request: options and registration, routing
 * (screen handlers, missing handlers, unknown actions and screens), what handlers receive, timeouts,
 * malformed envelopes and payloads, limits, logging without secrets, and the Web Crypto key whose
 * passphrase is only checked asynchronously.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { WebhookRequest, WebhookResponse, WebhooksLogger } from '@wa-webhooks/core';
import { createBodyBudget } from '@wa-webhooks/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { flowCrypto as webCrypto } from '../src/crypto/web';
import { createFlowEndpointWith } from '../src/endpoint';
import { createFlowEndpoint, type FlowEndpointError } from '../src/index';
import {
  FLOWS_APP_SECRET,
  PASSPHRASE,
  decryptAnswer,
  encryptRequest,
  metaSignature,
  testKeyPair,
  type EncryptOptions,
  type TestKeyPair,
} from './support/meta-client';

let keys: TestKeyPair;
beforeAll(async () => {
  keys = await testKeyPair(2048);
});

function post(body: string, headers: Record<string, string>): WebhookRequest {
  return { method: 'POST', url: '/flows', headers, readBody: () => Promise.resolve(new TextEncoder().encode(body)) };
}

/** Sends `payload` encrypted like Meta to `flows` and returns the response and the decrypted answer. */
async function send(
  flows: { handle(request: WebhookRequest): Promise<WebhookResponse> },
  payload: unknown,
  options: EncryptOptions = {},
) {
  const request = encryptRequest(keys.publicKey, payload, options);
  const response = await flows.handle(post(request.body, request.headers));
  return { response, answer: () => decryptAnswer(response.body, request) };
}

/** A signed body that is not necessarily an envelope. */
function signed(body: string): WebhookRequest {
  return post(body, { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body) });
}

function endpoint(extra: Record<string, unknown> = {}) {
  const errors: FlowEndpointError[] = [];
  const flows = createFlowEndpoint({ privateKey: keys.pkcs1, appSecret: FLOWS_APP_SECRET, ...extra });
  flows.onError((error) => void errors.push(error));
  return { flows, errors };
}

const code = (response: WebhookResponse) => (JSON.parse(response.body) as { error: { code: string } }).error.code;

describe('registration and options', () => {
  it('refuses a second handler for the same action, an unknown action, and INIT with a screen', () => {
    const { flows } = endpoint();
    flows.on('INIT', () => ({ screen: 'A' }));
    expect(() => flows.on('INIT', () => ({ screen: 'A' }))).toThrow(/already has a handler/);
    expect(() => flows.on('ping' as 'INIT', () => ({ screen: 'A' }))).toThrow(/INIT, data_exchange or BACK/);
    expect(() => (flows.on as (...args: unknown[]) => void)('INIT', 'A', () => ({ screen: 'A' }))).toThrow(/no screen/);
  });

  it.each([
    [{ bodyLimit: 0 }, /bodyLimit/],
    [{ handlerTimeout: -1 }, /handlerTimeout/],
    [{ screens: { A: { parse: () => 1 } } }, /screens\.A is not a schema/],
    [{ bodyBudget: 'lots' }, /bodyBudget/],
    [{ logger: { info: () => undefined } }, /logger\.debug/],
    [{ additionalAppSecrets: [''] }, /additionalAppSecrets/],
  ])('refuses %o at start', (options, message) => {
    expect(() =>
      createFlowEndpoint({ privateKey: keys.pkcs1, appSecret: FLOWS_APP_SECRET, ...(options as object) }),
    ).toThrow(message);
  });

  it('accepts requests signed with an additional (rotated) app secret', async () => {
    const { flows } = endpoint({ additionalAppSecrets: ['old-secret'] });
    const { response } = await send(flows, { version: '3.0', action: 'ping' }, { secret: 'old-secret' });
    expect(response.status).toBe(200);
  });
});

describe('routing', () => {
  it('prefers a screen handler to the action handler, for data_exchange and BACK', async () => {
    const { flows } = endpoint();
    flows.on('data_exchange', () => ({ screen: 'FROM_ACTION' }));
    flows.on('data_exchange', 'SPECIAL', () => ({ screen: 'FROM_SCREEN' }));
    flows.on('BACK', () => ({ screen: 'BACK_ACTION' }));
    flows.on('BACK', 'SPECIAL', () => ({ screen: 'BACK_SCREEN' }));
    const answer = async (payload: object) =>
      (await send(flows, { version: '3.0', flow_token: 't', ...payload })).answer();
    expect(await answer({ action: 'data_exchange', screen: 'SPECIAL', data: {} })).toMatchObject({
      screen: 'FROM_SCREEN',
    });
    expect(await answer({ action: 'data_exchange', screen: 'OTHER', data: {} })).toMatchObject({
      screen: 'FROM_ACTION',
    });
    expect(await answer({ action: 'BACK', screen: 'SPECIAL' })).toMatchObject({ screen: 'BACK_SCREEN' });
    expect(await answer({ action: 'BACK' })).toMatchObject({ screen: 'BACK_ACTION', data: {} });
  });

  it('answers 500 NO_HANDLER when nothing handles the action, and reports it', async () => {
    const { flows, errors } = endpoint();
    const { response } = await send(flows, { version: '3.0', action: 'INIT', flow_token: 't' });
    expect(response.status).toBe(500);
    expect(code(response)).toBe('NO_HANDLER');
    expect(errors.map((error) => error.code)).toEqual(['NO_HANDLER']);
  });

  it('answers 400 UNSUPPORTED_ACTION for an action it does not know', async () => {
    const { flows } = endpoint();
    const { response } = await send(flows, { version: '3.0', action: 'navigate', flow_token: 't' });
    expect(response.status).toBe(400);
    expect(code(response)).toBe('UNSUPPORTED_ACTION');
  });

  it('answers 500 UNDECLARED_SCREEN for data from a screen without a schema, when schemas are given', async () => {
    const { flows, errors } = endpoint({ screens: { A: z.object({}) } });
    flows.on('data_exchange', () => ({ screen: 'A' }));
    const { response } = await send(flows, { version: '3.0', action: 'data_exchange', screen: 'B', data: {} });
    expect(response.status).toBe(500);
    expect(errors[0]?.message).toMatch(/screen "B", which has no schema/);
  });
});

describe('what handlers receive and return', () => {
  it('gets the flow token, a numeric version as text, the signature of data API 4.0, and no flow token when absent', async () => {
    const { flows } = endpoint();
    const seen: unknown[] = [];
    flows.on('data_exchange', (request) => {
      seen.push({ token: request.flowToken, version: request.version, signature: request.flowTokenSignature });
      return { screen: 'NEXT' };
    });
    await send(flows, {
      version: 4,
      action: 'data_exchange',
      screen: 'A',
      data: {},
      flow_token: 'tk',
      flow_token_signature: 'jwt',
    });
    const { answer } = await send(flows, { version: '3.0', action: 'data_exchange', screen: 'A', data: {} });
    expect(seen).toEqual([
      { token: 'tk', version: '4', signature: 'jwt' },
      { token: undefined, version: '3.0', signature: undefined },
    ]);
    expect(answer()).toEqual({ version: '3.0', screen: 'NEXT', data: {} });
  });

  it('completes without a flow token when the request had none', async () => {
    const { flows } = endpoint();
    flows.on('INIT', (request) => request.complete({ done: 1 }));
    const { answer } = await send(flows, { version: '3.0', action: 'INIT' });
    expect(answer()).toMatchObject({ data: { extension_message_response: { params: { done: 1 } } } });
  });

  it.each([
    ['nothing', () => undefined],
    ['a screen that is not a string', () => ({ screen: 3 })],
    ['data that is an array', () => ({ screen: 'A', data: [1] })],
    ['data that cannot be serialised', () => ({ screen: 'A', data: { n: 1n } })],
  ])('answers 500 INVALID_HANDLER_RESPONSE when a handler returns %s', async (_case, handler) => {
    const { flows, errors } = endpoint();
    flows.on('INIT', handler as never);
    const { response } = await send(flows, { version: '3.0', action: 'INIT', flow_token: 't' });
    expect(response.status).toBe(500);
    expect(errors[0]?.code).toBe('INVALID_HANDLER_RESPONSE');
  });

  it('answers 500 HANDLER_TIMEOUT when a handler takes longer than handlerTimeout', async () => {
    const { flows, errors } = endpoint({ handlerTimeout: 20 });
    flows.on('INIT', () => new Promise(() => undefined));
    const { response } = await send(flows, { version: '3.0', action: 'INIT', flow_token: 't' });
    expect(response.status).toBe(500);
    expect(code(response)).toBe('HANDLER_TIMEOUT');
    expect(errors[0]?.code).toBe('HANDLER_TIMEOUT');
  });

  it('acknowledges an error notification even when its handler fails or nobody listens', async () => {
    const { flows, errors } = endpoint();
    const notification = { version: '3.0', action: 'INIT', flow_token: 't', data: { error: 'X' } };
    expect((await send(flows, notification)).answer()).toEqual({ version: '3.0', data: { acknowledged: true } });
    flows.onErrorNotification(() => {
      throw new Error('store down');
    });
    expect((await send(flows, notification)).answer()).toEqual({ version: '3.0', data: { acknowledged: true } });
    expect(errors[0]?.code).toBe('HANDLER_FAILED');
  });

  it("accepts an AES-256 key as well as Meta's AES-128", async () => {
    const { flows } = endpoint();
    const { response, answer } = await send(flows, { version: '3.0', action: 'ping' }, { aesKeyBytes: 32 });
    expect(response.status).toBe(200);
    expect(answer()).toEqual({ version: '3.0', data: { status: 'active' } });
  });
});

describe('malformed requests', () => {
  const envelope = (fields: Record<string, unknown>) =>
    JSON.stringify({
      encrypted_flow_data: 'AAAAAAAAAAAAAAAAAAAAAA==',
      encrypted_aes_key: 'AAAA',
      initial_vector: 'AAAAAAAAAAAAAAAAAAAAAA==',
      ...fields,
    });

  it.each([
    ['not JSON', 'nope'],
    ['a JSON array', '[]'],
    ['a missing field', JSON.stringify({ encrypted_flow_data: 'AAAA', initial_vector: 'AAAA' })],
    ['a field that is not base64', envelope({ encrypted_aes_key: 'not base64!' })],
    ['an IV of 65 bytes', envelope({ initial_vector: Buffer.alloc(65).toString('base64') })],
    ['data shorter than its tag', envelope({ encrypted_flow_data: 'AAAA' })],
  ])('answers 400 INVALID_ENVELOPE for %s', async (_case, body) => {
    const { flows } = endpoint();
    const response = await flows.handle(signed(body));
    expect(response.status).toBe(400);
    expect(code(response)).toBe('INVALID_ENVELOPE');
  });

  it('answers 400 INVALID_FLOW_REQUEST when the decrypted payload is not a request', async () => {
    const { flows } = endpoint();
    for (const payload of ['just text', [1], { no: 'action' }]) {
      const { response } = await send(flows, payload);
      expect(response.status).toBe(400);
      expect(code(response)).toBe('INVALID_FLOW_REQUEST');
    }
  });

  it('answers 415, 413 and 503 before reading a body, as webhooks do', async () => {
    const { flows } = endpoint({ bodyLimit: 100, bodyBudget: createBodyBudget(50) });
    const request = encryptRequest(keys.publicKey, { version: '3.0', action: 'ping' });
    const text = await flows.handle(post(request.body, { ...request.headers, 'content-type': 'text/plain' }));
    expect(text.status).toBe(415);
    const large = await flows.handle(post(request.body, { ...request.headers, 'content-length': '101' }));
    expect([large.status, large.headers.connection]).toEqual([413, 'close']);
    const busy = await flows.handle(post(request.body, { ...request.headers, 'content-length': '60' }));
    expect([busy.status, busy.headers['retry-after']]).toEqual([503, '5']);
  });
});

describe('reporting', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs one record per request and warns on 421 and 432, with no key, token or data in any record', async () => {
    const records: unknown[] = [];
    const log = (level: string) => (fields: Record<string, unknown>, message: string) =>
      void records.push({ level, fields, message });
    const logger: WebhooksLogger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
    const flows = createFlowEndpoint({
      privateKey: keys.pkcs8Encrypted,
      passphrase: PASSPHRASE,
      appSecret: FLOWS_APP_SECRET,
      logger,
    });
    flows.on('INIT', () => {
      throw new Error('boom');
    });
    await send(flows, {
      version: '3.0',
      action: 'INIT',
      flow_token: 'secret-flow-token',
      data: { email: 'private@example.com' },
    });
    await send(flows, { version: '3.0', action: 'ping' }, { secret: 'wrong' });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const wrongKey = encryptRequest(other, { version: '3.0', action: 'ping' });
    await flows.handle(post(wrongKey.body, wrongKey.headers));
    const levels = records.map((record) => (record as { level: string }).level);
    expect(levels).toEqual(['error', 'info', 'info', 'warn', 'info', 'warn']);
    expect(records[1]).toMatchObject({ fields: { action: 'INIT', status: 500, outcome: 'HANDLER_FAILED' } });
    const text = JSON.stringify(records);
    for (const secret of ['secret-flow-token', 'private@example.com', PASSPHRASE, FLOWS_APP_SECRET, 'PRIVATE KEY']) {
      expect(text).not.toContain(secret);
    }
  });

  it('prints a failure to console.error when there is neither a logger nor an onError handler', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const flows = createFlowEndpoint({ privateKey: keys.pkcs1, appSecret: FLOWS_APP_SECRET });
    await send(flows, { version: '3.0', action: 'INIT', flow_token: 'secret-flow-token' });
    expect(printed).toHaveBeenCalledTimes(1);
    expect(String(printed.mock.calls[0]?.[0])).toMatch(/^\[wa-webhooks\/flows\] NO_HANDLER: /);
    expect(String(printed.mock.calls[0]?.[0])).not.toContain('secret-flow-token');
  });
});

describe('a key with a wrong passphrase on Web Crypto (known only asynchronously)', () => {
  it('rejects ready(), reports once, and answers requests 500 PASSPHRASE_WRONG', async () => {
    const errors: FlowEndpointError[] = [];
    const flows = createFlowEndpointWith(webCrypto, {
      privateKey: keys.pkcs8Encrypted,
      passphrase: 'wrong',
      appSecret: FLOWS_APP_SECRET,
    });
    flows.onError((error) => void errors.push(error));
    await expect(flows.ready()).rejects.toMatchObject({ code: 'PASSPHRASE_WRONG' });
    const { response } = await send(flows, { version: '3.0', action: 'ping' });
    expect(response.status).toBe(500);
    expect(code(response)).toBe('PASSPHRASE_WRONG');
    expect(response.body).not.toContain('wrong');
    expect(errors.map((error) => error.code)).toEqual(['PASSPHRASE_WRONG', 'PASSPHRASE_WRONG']);
  });
});
