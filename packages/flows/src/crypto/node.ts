/**
 * The Flows crypto on node:crypto, selected by the `node` condition of the `#crypto` import (Node.js,
 * Bun, Deno). OpenSSL reads every PEM format users have: PKCS#1 and PKCS#8, plain or encrypted
 * (including the legacy `DEK-Info: DES-EDE3-CBC` keys that `openssl genrsa -des3` and Meta's own key
 * generator write). Loading is synchronous, so a wrong key or passphrase fails `createFlowEndpoint()`.
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  privateDecrypt,
  type KeyObject,
} from 'node:crypto';
import { FlowConfigurationError } from '../errors';
import { checkModulus, isEncryptedFormat, passphraseMissing, passphraseWrong, readPemPrivateKey } from '../keys/pem';
import type { FlowCrypto, LoadedPrivateKey } from './types';

const TAG_BYTES = 16;

function gcmAlgorithm(key: Uint8Array): 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' {
  if (key.byteLength === 16) return 'aes-128-gcm';
  if (key.byteLength === 24) return 'aes-192-gcm';
  if (key.byteLength === 32) return 'aes-256-gcm';
  throw new RangeError(`An AES key has 16, 24 or 32 bytes, not ${key.byteLength}.`);
}

function openKey(pem: string, passphrase: string | undefined): KeyObject {
  const block = readPemPrivateKey(pem);
  const encrypted = isEncryptedFormat(block.format);
  if (encrypted && (passphrase === undefined || passphrase === '')) throw passphraseMissing();
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: block.pem, format: 'pem', ...(encrypted ? { passphrase } : {}) });
  } catch (error) {
    // A wrong passphrase decrypts to garbage, which OpenSSL reports as "bad decrypt" or as a parse error.
    if (encrypted) throw passphraseWrong(error);
    throw new FlowConfigurationError(
      'PRIVATE_KEY_INVALID',
      'createFlowEndpoint: the private key could not be read (the PEM block is damaged or not an RSA key). Copy the whole file again, with its BEGIN and END lines.',
      { cause: error },
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new FlowConfigurationError(
      'PRIVATE_KEY_INVALID',
      `createFlowEndpoint: the private key is ${String(key.asymmetricKeyType)}, not RSA: Flows need an RSA key (wa-webhooks flows keygen creates one).`,
    );
  }
  checkModulus(key.asymmetricKeyDetails?.modulusLength ?? 0);
  return key;
}

function loadPrivateKey(pem: string, passphrase: string | undefined): LoadedPrivateKey {
  const key = openKey(pem, passphrase);
  return {
    ready: Promise.resolve(),
    modulusBits: key.asymmetricKeyDetails?.modulusLength,
    unwrap: (encryptedKey) =>
      privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, encryptedKey),
  };
}

/** The node:crypto implementation. */
export const flowCrypto: FlowCrypto = {
  implementation: 'node:crypto',
  loadPrivateKey,
  gcmDecrypt(key, iv, sealed) {
    if (sealed.byteLength < TAG_BYTES) throw new RangeError('The sealed data is shorter than its tag.');
    const decipher = createDecipheriv(gcmAlgorithm(key), key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.byteLength - TAG_BYTES));
    const head = decipher.update(sealed.subarray(0, sealed.byteLength - TAG_BYTES));
    return Buffer.concat([head, decipher.final()]);
  },
  gcmEncrypt(key, iv, plaintext) {
    const cipher = createCipheriv(gcmAlgorithm(key), key, iv, { authTagLength: TAG_BYTES });
    return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  },
  encodeBase64: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  decodeBase64: (text) => Buffer.from(text, 'base64'),
};
