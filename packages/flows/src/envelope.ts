/**
 * The encrypted envelope Meta posts to a Flows endpoint and the encrypted answer, per "Implementing
 * Endpoints for Flows" (https://developers.facebook.com/docs/whatsapp/flows/guides/implementingyourflowendpoint),
 * sections "Request decryption and encryption" and "Data exchange request":
 *
 * - request body (JSON): `{ encrypted_flow_data, encrypted_aes_key, initial_vector }`, all base64;
 * - `encrypted_aes_key`: an AES key wrapped with RSA-OAEP (SHA-256, MGF1 with SHA-256) under the
 *   business public key (128-bit per Meta; 192 and 256 are accepted too);
 * - `encrypted_flow_data`: the request JSON, AES-GCM, with the 16-byte tag appended;
 * - answer: the response JSON encrypted with the same key and `initial_vector` with every bit flipped,
 *   tag appended, sent as base64 text (Meta's example answers `content-type: text/plain`).
 */
import { FlowEndpointError } from './errors';
import type { FlowCrypto, LoadedPrivateKey } from './crypto/types';

/** The decoded fields of the request body. */
export interface Envelope {
  /** The RSA-OAEP encrypted AES key (as long as the RSA modulus: 256 bytes for 2048 bits, 512 for 4096). */
  readonly encryptedKey: Uint8Array;
  /** The AES-GCM initialisation vector (Meta sends 16 bytes). */
  readonly iv: Uint8Array;
  /** Ciphertext and 16-byte tag. */
  readonly sealed: Uint8Array;
}

/** The opened request: the AES key (to answer with) and the decrypted JSON text. */
export interface OpenedEnvelope {
  readonly aesKey: Uint8Array;
  readonly plaintext: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const TAG_BYTES = 16;
const MAX_IV_BYTES = 64;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

function malformed(message: string, cause?: unknown): FlowEndpointError {
  return new FlowEndpointError('INVALID_ENVELOPE', message, cause === undefined ? {} : { cause });
}

function base64Field(record: Record<string, unknown>, name: string, crypto: FlowCrypto): Uint8Array {
  const value = record[name];
  if (typeof value !== 'string' || value === '') {
    throw malformed(
      `The request body has no ${name} (a base64 string); Meta sends encrypted_flow_data, encrypted_aes_key and initial_vector.`,
    );
  }
  if (!BASE64.test(value)) throw malformed(`${name} is not base64.`);
  return crypto.decodeBase64(value);
}

/** Reads the request body; throws 400 `INVALID_ENVELOPE` when it is not Meta's encrypted envelope. */
export function parseEnvelope(body: Uint8Array, crypto: FlowCrypto): Envelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(strictUtf8.decode(body));
  } catch (error) {
    throw malformed('The request body is not JSON (or not UTF-8).', error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw malformed(
      'The request body must be a JSON object with encrypted_flow_data, encrypted_aes_key and initial_vector.',
    );
  }
  const record = parsed as Record<string, unknown>;
  const envelope = {
    encryptedKey: base64Field(record, 'encrypted_aes_key', crypto),
    iv: base64Field(record, 'initial_vector', crypto),
    sealed: base64Field(record, 'encrypted_flow_data', crypto),
  };
  if (envelope.iv.byteLength > MAX_IV_BYTES)
    throw malformed(`initial_vector has ${envelope.iv.byteLength} bytes; Meta sends 16.`);
  if (envelope.sealed.byteLength < TAG_BYTES) {
    throw malformed('encrypted_flow_data is shorter than its 16-byte authentication tag.');
  }
  return envelope;
}

/**
 * Unwraps the AES key (421 `KEY_DECRYPTION_FAILED` when the private key cannot: WhatsApp then fetches
 * the public key again and retries once) and decrypts the payload (421 `PAYLOAD_DECRYPTION_FAILED`
 * when the tag does not match).
 */
export async function openEnvelope(
  key: LoadedPrivateKey,
  crypto: FlowCrypto,
  envelope: Envelope,
): Promise<OpenedEnvelope> {
  let aesKey: Uint8Array;
  try {
    aesKey = await key.unwrap(envelope.encryptedKey);
  } catch (error) {
    throw new FlowEndpointError(
      'KEY_DECRYPTION_FAILED',
      'The AES key could not be decrypted with this private key. Upload the matching public key (wa-webhooks flows upload-key); WhatsApp fetches it again after this 421.',
      { cause: error },
    );
  }
  if (aesKey.byteLength !== 16 && aesKey.byteLength !== 24 && aesKey.byteLength !== 32) {
    throw new FlowEndpointError(
      'KEY_DECRYPTION_FAILED',
      `The decrypted AES key has ${aesKey.byteLength} bytes; Meta sends 16 (AES-128).`,
    );
  }
  let plain: Uint8Array;
  try {
    plain = await crypto.gcmDecrypt(aesKey, envelope.iv, envelope.sealed);
  } catch (error) {
    throw new FlowEndpointError(
      'PAYLOAD_DECRYPTION_FAILED',
      'encrypted_flow_data could not be decrypted: its authentication tag does not match.',
      { cause: error },
    );
  }
  let plaintext: string;
  try {
    plaintext = strictUtf8.decode(plain);
  } catch (error) {
    throw new FlowEndpointError('INVALID_FLOW_REQUEST', 'The decrypted request is not UTF-8 text.', { cause: error });
  }
  return { aesKey, plaintext };
}

/** The IV with every bit flipped, as Meta specifies for the answer. */
export function flipIv(iv: Uint8Array): Uint8Array {
  const flipped = new Uint8Array(iv.byteLength);
  for (let index = 0; index < iv.byteLength; index++) flipped[index] = ~iv[index]! & 0xff;
  return flipped;
}

/** Encrypts the answer's JSON text with the request's key and the flipped IV; returns base64. */
export async function sealAnswer(
  crypto: FlowCrypto,
  aesKey: Uint8Array,
  iv: Uint8Array,
  json: string,
): Promise<string> {
  return crypto.encodeBase64(await crypto.gcmEncrypt(aesKey, flipIv(iv), encoder.encode(json)));
}
