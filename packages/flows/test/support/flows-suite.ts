/**
 * The Flows suite every transport runs (the four adapters on real servers, and `handleFetch`): the
 * health check, INIT, data_exchange (typed by a zod schema per screen), completion, BACK, the error
 * notification, and every status Meta defines (421, 427, 432) plus 400, 405 and 500, with a 2048-bit
 * and a 4096-bit key. Requests are built by the independent Meta-like client in `meta-client.ts`.
 */
import type { RequestHandler } from '@wa-webhooks/core';
import type { RunningServer } from '@wa-webhooks/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createFlowEndpoint,
  InvalidFlowTokenError,
  type FlowEndpointError,
  type FlowErrorNotification,
} from '../../src/index';
import {
  FLOWS_APP_SECRET,
  decryptAnswer,
  encryptRequest,
  testKeyPair,
  type EncryptOptions,
  type TestKeyPair,
} from './meta-client';

/** A response as the client saw it. */
export interface TransportResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/** How the suite reaches an endpoint. */
export interface FlowTransport {
  send(init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<TransportResponse>;
  close(): Promise<void>;
}

/** Mounts `handler` (a Flows endpoint) and returns how to reach it. */
export type StartTransport = (handler: RequestHandler) => Promise<FlowTransport>;

/** A transport over real HTTP to a running server. */
export function overHttp(server: RunningServer): FlowTransport {
  return {
    async send(init) {
      const response = await fetch(server.url, {
        method: init.method ?? 'POST',
        headers: init.headers ?? {},
        body: init.body ?? null,
      });
      return { status: response.status, headers: response.headers, body: await response.text() };
    },
    close: () => server.close(),
  };
}

/** The screens of the suite's Flow, with their schemas. */
export const SCREENS = {
  APPOINTMENT: z.object({ department: z.string(), date: z.string() }),
  DETAILS: z.object({ name: z.string(), email: z.string() }),
};

/** What the suite's handlers saw. */
interface Seen {
  readonly requests: unknown[];
  readonly notifications: FlowErrorNotification[];
  readonly errors: FlowEndpointError[];
}

function createSuiteEndpoint(keys: TestKeyPair, seen: Seen, create: typeof createFlowEndpoint) {
  const flows = create({
    privateKey: keys.pkcs8Encrypted,
    passphrase: 'correct horse battery staple',
    appSecret: FLOWS_APP_SECRET,
    screens: SCREENS,
  });
  flows.on('INIT', (request) => {
    seen.requests.push({
      action: request.action,
      screen: request.screen,
      flowToken: request.flowToken,
      version: request.version,
    });
    return { screen: 'APPOINTMENT', data: { departments: ['shop', 'clinic'] } };
  });
  flows.on('data_exchange', 'APPOINTMENT', (request) => ({
    screen: 'DETAILS',
    data: { summary: `${request.data.department} on ${request.data.date}` },
  }));
  flows.on('data_exchange', 'DETAILS', (request) => {
    if (request.flowToken === 'expired-token') throw new InvalidFlowTokenError('This booking is already complete.');
    if (request.data.name === 'boom') throw new Error('database down (password hunter2)');
    return request.complete({ booked: true, name: request.data.name });
  });
  flows.on('BACK', (request) => ({ screen: request.screen ?? 'APPOINTMENT', data: { refreshed: true } }));
  flows.onErrorNotification((notification) => void seen.notifications.push(notification));
  flows.onError((error) => void seen.errors.push(error));
  return flows;
}

/** Runs the Flows suite against `start`, once with a 2048-bit key and once with a 4096-bit key. */
export function runFlowsSuite(options: {
  name: string;
  start: StartTransport;
  create?: typeof createFlowEndpoint;
}): void {
  for (const bits of [2048, 4096] as const) {
    describe(`${options.name}, ${bits}-bit key`, () => {
      let keys: TestKeyPair;
      let transport: FlowTransport;
      const seen: Seen = { requests: [], notifications: [], errors: [] };

      beforeAll(async () => {
        keys = await testKeyPair(bits);
        transport = await options.start(createSuiteEndpoint(keys, seen, options.create ?? createFlowEndpoint));
      });
      afterAll(() => transport?.close());

      const exchange = async (
        payload: unknown,
        spoil: EncryptOptions & { publicKey?: TestKeyPair['publicKey'] } = {},
      ) => {
        const request = encryptRequest(spoil.publicKey ?? keys.publicKey, payload, spoil);
        const response = await transport.send({ headers: request.headers, body: request.body });
        return { request, response, answer: () => decryptAnswer(response.body, request) };
      };

      it('answers the health check itself, encrypted, as base64 text', async () => {
        const { response, answer } = await exchange({ version: '3.0', action: 'ping' });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(response.body).toMatch(/^[A-Za-z0-9+/]+=*$/);
        expect(answer()).toEqual({ version: '3.0', data: { status: 'active' } });
      });

      it('routes INIT to its handler and returns the first screen', async () => {
        const { response, answer } = await exchange({ version: '3.0', action: 'INIT', flow_token: 'token-1' });
        expect(response.status).toBe(200);
        expect(answer()).toEqual({ version: '3.0', screen: 'APPOINTMENT', data: { departments: ['shop', 'clinic'] } });
        expect(seen.requests.at(-1)).toEqual({
          action: 'INIT',
          screen: undefined,
          flowToken: 'token-1',
          version: '3.0',
        });
      });

      it('routes data_exchange by screen, with the data its schema typed', async () => {
        const payload = {
          version: '3.0',
          action: 'data_exchange',
          screen: 'APPOINTMENT',
          flow_token: 'token-1',
          data: { department: 'shop', date: '2026-05-01' },
        };
        const { answer } = await exchange(payload);
        expect(answer()).toEqual({ version: '3.0', screen: 'DETAILS', data: { summary: 'shop on 2026-05-01' } });
      });

      it('closes the Flow with request.complete(): SUCCESS with the flow token in the params', async () => {
        const payload = {
          version: '3.0',
          action: 'data_exchange',
          screen: 'DETAILS',
          flow_token: 'token-1',
          data: { name: 'Ada', email: 'ada@example.com' },
        };
        const { answer } = await exchange(payload);
        expect(answer()).toEqual({
          version: '3.0',
          screen: 'SUCCESS',
          data: { extension_message_response: { params: { flow_token: 'token-1', booked: true, name: 'Ada' } } },
        });
      });

      it('routes BACK to its handler', async () => {
        const { answer } = await exchange({ version: '3.0', action: 'BACK', screen: 'DETAILS', flow_token: 'token-1' });
        expect(answer()).toEqual({ version: '3.0', screen: 'DETAILS', data: { refreshed: true } });
      });

      it('acknowledges an error notification and hands it to onErrorNotification', async () => {
        const payload = {
          version: '3.0',
          action: 'data_exchange',
          screen: 'DETAILS',
          flow_token: 'token-2',
          data: { error: 'INVALID_SCREEN', error_message: 'Screen NOPE does not exist' },
        };
        const { response, answer } = await exchange(payload);
        expect(response.status).toBe(200);
        expect(answer()).toEqual({ version: '3.0', data: { acknowledged: true } });
        expect(seen.notifications.at(-1)).toEqual({
          action: 'data_exchange',
          screen: 'DETAILS',
          flowToken: 'token-2',
          version: '3.0',
          error: 'INVALID_SCREEN',
          errorMessage: 'Screen NOPE does not exist',
        });
      });

      it('answers 427 with error_msg when the handler throws InvalidFlowTokenError', async () => {
        const payload = {
          version: '3.0',
          action: 'data_exchange',
          screen: 'DETAILS',
          flow_token: 'expired-token',
          data: { name: 'Ada', email: 'a@b.c' },
        };
        const { response } = await exchange(payload);
        expect(response.status).toBe(427);
        expect(JSON.parse(response.body)).toMatchObject({
          error_msg: 'This booking is already complete.',
          error: { code: 'FLOW_TOKEN_INVALID' },
        });
      });

      it('answers 421 when the AES key was encrypted for another public key', async () => {
        const other = await testKeyPair(bits === 2048 ? 4096 : 2048);
        const { response } = await exchange({ version: '3.0', action: 'ping' }, { publicKey: other.publicKey });
        expect(response.status).toBe(421);
        expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'KEY_DECRYPTION_FAILED' } });
      });

      it('answers 421 when the GCM tag was tampered with', async () => {
        const { response } = await exchange({ version: '3.0', action: 'ping' }, { tamperTag: true });
        expect(response.status).toBe(421);
        expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'PAYLOAD_DECRYPTION_FAILED' } });
      });

      it('answers 432 for a signature made with another secret, and for none', async () => {
        const wrong = await exchange({ version: '3.0', action: 'ping' }, { secret: 'not-the-app-secret' });
        expect(wrong.response.status).toBe(432);
        expect(JSON.parse(wrong.response.body)).toMatchObject({ error: { code: 'SIGNATURE_MISMATCH' } });
        const missing = await exchange({ version: '3.0', action: 'ping' }, { secret: null });
        expect(missing.response.status).toBe(432);
        expect(JSON.parse(missing.response.body)).toMatchObject({ error: { code: 'SIGNATURE_MISSING' } });
      });

      it('answers 400 for a signed body that is not the encrypted envelope', async () => {
        const body = JSON.stringify({ action: 'ping' });
        const { metaSignature } = await import('./meta-client');
        const response = await transport.send({
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body) },
          body,
        });
        expect(response.status).toBe(400);
        expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'INVALID_ENVELOPE' } });
      });

      it('answers 405 with Allow: POST to a GET', async () => {
        const response = await transport.send({ method: 'GET' });
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')).toBe('POST');
      });

      it('answers 500 for a failing handler, with nothing secret in the body, and reports it', async () => {
        const payload = {
          version: '3.0',
          action: 'data_exchange',
          screen: 'DETAILS',
          flow_token: 'secret-token-xyz',
          data: { name: 'boom', email: 'private@example.com' },
        };
        const { response } = await exchange(payload);
        expect(response.status).toBe(500);
        expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'HANDLER_FAILED' } });
        for (const secret of ['hunter2', 'secret-token-xyz', 'private@example.com', FLOWS_APP_SECRET, 'PRIVATE KEY']) {
          expect(response.body).not.toContain(secret);
        }
        expect(seen.errors.at(-1)).toMatchObject({ code: 'HANDLER_FAILED' });
      });

      it('answers 500 INVALID_SCREEN_DATA when a screen sends data its schema refuses', async () => {
        const payload = {
          version: '3.0',
          action: 'data_exchange',
          screen: 'DETAILS',
          flow_token: 'token-3',
          data: { name: 42 },
        };
        const { response } = await exchange(payload);
        expect(response.status).toBe(500);
        expect(seen.errors.at(-1)).toMatchObject({ code: 'INVALID_SCREEN_DATA', screen: 'DETAILS' });
      });
    });
  }
}
