/**
 * The WhatsApp side of a Flows data endpoint, for tests and the `wa-webhooks flows` commands: build a
 * request as WhatsApp does ("Implementing Endpoints for Flows",
 * https://developers.facebook.com/docs/whatsapp/flows/guides/implementingyourflowendpoint), encrypt it
 * (a fresh AES-128 key wrapped with RSA-OAEP-SHA256 under the business public key, AES-128-GCM with the
 * tag appended), sign the body with the app secret, POST it, and decrypt the answer with the flipped
 * IV. Also a key pair generator for the endpoint. node:crypto only; independent of `@wa-webhooks/flows`.
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { SIGNATURE_HEADER, signPayload } from '@wa-webhooks/core';
import { TestingError } from './errors';
import { parseErrorBody, parseUrl, toSendError, type FetchLike } from './send';

/** The actions `buildFlowRequest` builds: the three WhatsApp sends on user actions, the health check, and an error notification. */
export const FLOW_REQUEST_ACTIONS = ['ping', 'INIT', 'data_exchange', 'BACK', 'error'] as const;

/** One of `FLOW_REQUEST_ACTIONS`. */
export type FlowRequestAction = (typeof FLOW_REQUEST_ACTIONS)[number];

/** A decrypted Flows request, as WhatsApp writes it. */
export interface FlowRequestPayload {
  readonly version: string;
  readonly action: string;
  readonly screen?: string;
  readonly data?: unknown;
  readonly flow_token?: string;
}

/** Options of `buildFlowRequest`. */
export interface FlowRequestOptions {
  /** The screen that sends the request (`data_exchange`, `BACK`, `error`). */
  readonly screen?: string;
  /** The screen's data (`data_exchange`); for `error`, merged into `{ error, error_message }`. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** The flow token. Default `wa-webhooks-test-token`. */
  readonly flowToken?: string;
  /** The data API version. Default `3.0`. */
  readonly version?: string;
}

/** Builds the decrypted request WhatsApp sends for `action`. */
export function buildFlowRequest(action: FlowRequestAction, options: FlowRequestOptions = {}): FlowRequestPayload {
  const version = options.version ?? '3.0';
  if (action === 'ping') return { version, action: 'ping' };
  const base = { version, flow_token: options.flowToken ?? 'wa-webhooks-test-token' };
  const screen = options.screen === undefined ? {} : { screen: options.screen };
  if (action === 'error') {
    // An error notification: WhatsApp could not use the endpoint's previous answer.
    const data = { error: 'INVALID_SCREEN', error_message: 'Screen does not exist in the Flow JSON', ...options.data };
    return { ...base, action: 'data_exchange', ...screen, data };
  }
  if (action === 'INIT') return { ...base, action };
  if (action === 'BACK') return { ...base, action, ...screen };
  return { ...base, action, ...screen, data: options.data ?? {} };
}

/** An encrypted, signed request and what is needed to read its answer. */
export interface EncryptedFlowRequest {
  /** The JSON body `{ encrypted_flow_data, encrypted_aes_key, initial_vector }`, exactly as posted. */
  readonly body: string;
  /** `content-type` and `x-hub-signature-256`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The AES key of this request (the answer is encrypted with it). */
  readonly aesKey: Uint8Array;
  /** The IV of this request (the answer uses it with every bit flipped). */
  readonly iv: Uint8Array;
}

function toPublicKey(publicKey: string | KeyObject): KeyObject {
  try {
    return typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  } catch (error) {
    throw new TestingError(
      'INVALID_OPTION',
      'The public key is not a PEM public key (or private key). Pass the public.pem that "wa-webhooks flows keygen" wrote.',
      { cause: error },
    );
  }
}

/**
 * Encrypts `payload` for the endpoint's public key as WhatsApp does, and signs the body with `secret`
 * (core's `signPayload`, hence async).
 */
export async function encryptFlowRequest(
  publicKey: string | KeyObject,
  payload: unknown,
  options: { readonly secret: string },
): Promise<EncryptedFlowRequest> {
  const key = toPublicKey(publicKey);
  const aesKey = randomBytes(16);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-gcm', aesKey, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const wrapped = publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, aesKey);
  const body = JSON.stringify({
    encrypted_flow_data: sealed.toString('base64'),
    encrypted_aes_key: wrapped.toString('base64'),
    initial_vector: iv.toString('base64'),
  });
  return {
    body,
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: await signPayload(body, options.secret) },
    aesKey,
    iv,
  };
}

/** Decrypts an endpoint's base64 answer as WhatsApp does. Throws when it is not encrypted for `request`. */
export function decryptFlowResponse(answer: string, request: Pick<EncryptedFlowRequest, 'aesKey' | 'iv'>): unknown {
  const sealed = Buffer.from(answer.trim(), 'base64');
  if (sealed.length < 16) throw new TestingError('INVALID_PAYLOAD', 'The answer is too short to be encrypted.');
  const flipped = Buffer.from(request.iv.map((byte) => ~byte & 0xff));
  const decipher = createDecipheriv('aes-128-gcm', request.aesKey, flipped);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  } catch (error) {
    throw new TestingError(
      'INVALID_PAYLOAD',
      "The answer could not be decrypted with the request's key and flipped IV (is it encrypted with the IV flipped, and base64?).",
      { cause: error },
    );
  }
  return JSON.parse(plain.toString('utf8'));
}

/** Options of `sendFlowRequest`. */
export interface SendFlowOptions {
  /** The endpoint's public key (PEM), the one uploaded to Meta. */
  readonly publicKey: string | KeyObject;
  /** The app secret the endpoint verifies `X-Hub-Signature-256` with. */
  readonly secret: string;
  /** Give up after this many milliseconds. Default 10 000. */
  readonly timeout?: number;
  /** Sends the request. Default `globalThis.fetch`. */
  readonly fetch?: FetchLike;
}

/** The endpoint's answer to one request. */
export interface FlowSendResult {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  /** The raw body: base64 for a 200, JSON for an error status. */
  readonly body: string;
  /** The decrypted answer, for a 200 that decrypts. */
  readonly answer?: unknown;
  /** Why a 200 did not decrypt. */
  readonly decryptError?: string;
  /** `error.code` of a JSON error body. */
  readonly errorCode?: string;
  /** `error_msg` of a 427 body (what WhatsApp shows the user). */
  readonly userMessage?: string;
  readonly durationMs: number;
}

/**
 * Encrypts, signs and POSTs `payload` to a Flows endpoint, and decrypts a 200 answer. Rejects with a
 * `SendError` only when no answer came; any status resolves.
 */
export async function sendFlowRequest(
  url: string,
  payload: unknown,
  options: SendFlowOptions,
): Promise<FlowSendResult> {
  const target = parseUrl(url).href;
  const request = await encryptFlowRequest(options.publicKey, payload, { secret: options.secret });
  const timeout = options.timeout ?? 10_000;
  const started = performance.now();
  let response: Response;
  let body: string;
  try {
    response = await (options.fetch ?? globalThis.fetch)(
      new Request(target, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeout),
      }),
    );
    body = await response.text();
  } catch (error) {
    throw toSendError(error, target, timeout);
  }
  const result = {
    url: target,
    status: response.status,
    headers: response.headers,
    body,
    durationMs: performance.now() - started,
  };
  if (response.status !== 200) {
    const { code } = parseErrorBody(body);
    let userMessage: unknown;
    try {
      userMessage = (JSON.parse(body) as { error_msg?: unknown }).error_msg;
    } catch {
      userMessage = undefined;
    }
    return {
      ...result,
      ...(code === undefined ? {} : { errorCode: code }),
      ...(typeof userMessage === 'string' ? { userMessage } : {}),
    };
  }
  try {
    return { ...result, answer: decryptFlowResponse(body, request) };
  } catch (error) {
    return { ...result, decryptError: (error as Error).message };
  }
}

/** A new key pair for a Flows endpoint, as PEM text. */
export interface FlowKeyPair {
  /** PKCS#8; encrypted (PBES2, AES-256-CBC) when a passphrase was given. Readable by node:crypto and Web Crypto. */
  readonly privateKey: string;
  /** SPKI (`BEGIN PUBLIC KEY`): the business public key to upload to Meta. */
  readonly publicKey: string;
}

/** Generates an RSA key pair for a Flows endpoint. Meta documents 2048 bits, the default. */
export function generateFlowKeyPair(
  options: { readonly bits?: number; readonly passphrase?: string } = {},
): FlowKeyPair {
  const bits = options.bits ?? 2048;
  if (![2048, 3072, 4096].includes(bits)) {
    throw new TestingError('INVALID_OPTION', `The key size must be 2048, 3072 or 4096 bits, not ${bits}.`);
  }
  const encryption =
    options.passphrase === undefined || options.passphrase === ''
      ? {}
      : { cipher: 'aes-256-cbc', passphrase: options.passphrase };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem', ...encryption },
  });
  return { privateKey, publicKey };
}
