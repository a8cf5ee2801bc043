/**
 * The Flows crypto on Web Crypto, for every runtime without node:crypto (Cloudflare Workers, Vercel
 * Edge, browsers). Web Crypto imports unencrypted PKCS#8 only, so PKCS#1 keys are wrapped into PKCS#8
 * here and PBES2-encrypted PKCS#8 keys are decrypted here. The legacy OpenSSL encryption of PKCS#1
 * keys (`DEK-Info: DES-EDE3-CBC`, an MD5-based key derivation) has no Web Crypto primitive: such a key
 * is refused at start with the one command that converts it. Key import is asynchronous: a wrong
 * passphrase is reported by `ready()` and by the first request.
 */
import { FlowConfigurationError } from '../errors';
import { DerError } from '../keys/der';
import { checkModulus, passphraseMissing, passphraseWrong, readPemPrivateKey, type PemPrivateKey } from '../keys/pem';
import { decryptPbes2, pkcs1ModulusBits, pkcs1ToPkcs8, pkcs8RsaKey, readPbes2 } from '../keys/pkcs8';
import type { FlowCrypto, LoadedPrivateKey } from './types';

type CryptoKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

const RSA_OAEP = { name: 'RSA-OAEP', hash: 'SHA-256' } as const;
const CONVERT =
  'openssl pkcs8 -topk8 -v2 aes-256-cbc -in private.pem -out private-pkcs8.pem (it asks for the old passphrase, then a new one)';

const subtle = (): typeof globalThis.crypto.subtle => globalThis.crypto.subtle;

function damaged(error: unknown): FlowConfigurationError {
  return new FlowConfigurationError(
    'PRIVATE_KEY_INVALID',
    `createFlowEndpoint: the private key could not be read (${error instanceof DerError ? error.message : 'damaged DER'}). Flows need an RSA key in PKCS#1 or PKCS#8 PEM.`,
    { cause: error },
  );
}

function decodePemBody(body: string): Uint8Array {
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** The unencrypted PKCS#8 of `block`, now or (for an encrypted key) once decrypted. */
function pkcs8Of(block: PemPrivateKey, passphrase: string | undefined): Uint8Array | Promise<Uint8Array> {
  const der = decodePemBody(block.body);
  if (block.format === 'pkcs1-encrypted') {
    throw new FlowConfigurationError(
      'PRIVATE_KEY_INVALID',
      `createFlowEndpoint: this key uses OpenSSL's legacy PEM encryption (${block.headers['DEK-Info']?.split(',')[0] ?? 'Proc-Type: 4,ENCRYPTED'}), which Web Crypto cannot decrypt. Convert it once to encrypted PKCS#8: ${CONVERT}.`,
    );
  }
  if (block.format === 'pkcs8-encrypted') {
    if (passphrase === undefined || passphrase === '') throw passphraseMissing();
    let params;
    try {
      params = readPbes2(der);
    } catch (error) {
      throw new FlowConfigurationError(
        'PRIVATE_KEY_INVALID',
        `createFlowEndpoint: the key is encrypted with a scheme Web Crypto cannot decrypt (${error instanceof DerError ? error.message : 'unknown'}); PBES2 with PBKDF2 and AES-CBC is supported. Convert it: ${CONVERT}.`,
        { cause: error },
      );
    }
    return decryptPbes2(subtle(), params, passphrase).then(
      (pkcs8) => {
        try {
          pkcs8RsaKey(pkcs8);
        } catch (error) {
          throw passphraseWrong(error);
        }
        return pkcs8;
      },
      (error: unknown) => {
        throw passphraseWrong(error);
      },
    );
  }
  try {
    if (block.format === 'pkcs1') {
      checkModulus(pkcs1ModulusBits(der));
      return pkcs1ToPkcs8(der);
    }
    checkModulus(pkcs1ModulusBits(pkcs8RsaKey(der)));
    return der;
  } catch (error) {
    throw error instanceof FlowConfigurationError ? error : damaged(error);
  }
}

async function importRsa(pkcs8: Uint8Array | Promise<Uint8Array>): Promise<CryptoKey> {
  const der = await pkcs8;
  try {
    checkModulus(pkcs1ModulusBits(pkcs8RsaKey(der)));
    return await subtle().importKey('pkcs8', der as Uint8Array<ArrayBuffer>, RSA_OAEP, false, ['decrypt']);
  } catch (error) {
    throw error instanceof FlowConfigurationError ? error : damaged(error);
  }
}

function loadPrivateKey(pem: string, passphrase: string | undefined): LoadedPrivateKey {
  const block = readPemPrivateKey(pem);
  const pkcs8 = pkcs8Of(block, passphrase);
  const modulusBits = pkcs8 instanceof Uint8Array ? pkcs1ModulusBits(pkcs8RsaKey(pkcs8)) : undefined;
  const key = importRsa(pkcs8);
  // Observed here so that an unawaited failure is not an unhandled rejection; `ready` reports it.
  key.catch(() => undefined);
  return {
    ready: key.then(() => undefined),
    modulusBits,
    unwrap: async (encryptedKey) =>
      new Uint8Array(await subtle().decrypt(RSA_OAEP, await key, encryptedKey as Uint8Array<ArrayBuffer>)),
  };
}

async function gcmKey(raw: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  if (raw.byteLength !== 16 && raw.byteLength !== 24 && raw.byteLength !== 32) {
    throw new RangeError(`An AES key has 16, 24 or 32 bytes, not ${raw.byteLength}.`);
  }
  return subtle().importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, [usage]);
}

/** The Web Crypto implementation. */
export const flowCrypto: FlowCrypto = {
  implementation: 'web-crypto',
  loadPrivateKey,
  async gcmDecrypt(key, iv, sealed) {
    const params = { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, tagLength: 128 };
    return new Uint8Array(
      await subtle().decrypt(params, await gcmKey(key, 'decrypt'), sealed as Uint8Array<ArrayBuffer>),
    );
  },
  async gcmEncrypt(key, iv, plaintext) {
    const params = { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, tagLength: 128 };
    return new Uint8Array(
      await subtle().encrypt(params, await gcmKey(key, 'encrypt'), plaintext as Uint8Array<ArrayBuffer>),
    );
  },
  encodeBase64(bytes) {
    let binary = '';
    for (let offset = 0; offset < bytes.byteLength; offset += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
    }
    return btoa(binary);
  },
  decodeBase64: decodePemBody,
};
