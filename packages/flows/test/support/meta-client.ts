/**
 * A Meta-like Flows client for the tests, written on node:crypto independently of the package: it
 * encrypts a request as WhatsApp does (a fresh AES-128 key wrapped with RSA-OAEP-SHA256 under the
 * public key, AES-128-GCM with the tag appended), signs the body with the app secret, and decrypts the
 * answer with the flipped IV (signatures come from the test kit's independent signer). The package's
 * own code is never used here, so a wrong implementation in the package cannot agree with a wrong
 * client.
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  generateKeyPair,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';
import { signBody } from '@wa-webhooks/test-kit';

/** App secret every Flows test endpoint is created with. */
export const FLOWS_APP_SECRET = 'flows-test-app-secret';

/** A test key pair, with the private key in the PEM formats users have. */
export interface TestKeyPair {
  readonly bits: number;
  readonly publicKey: KeyObject;
  readonly publicPem: string;
  readonly pkcs1: string;
  readonly pkcs8: string;
  /** PKCS#8, PBES2 (PBKDF2-SHA256, AES-256-CBC), passphrase `PASSPHRASE`. */
  readonly pkcs8Encrypted: string;
  /** PKCS#1 with OpenSSL's legacy encryption (`DEK-Info: DES-EDE3-CBC`), passphrase `PASSPHRASE`. */
  readonly pkcs1Encrypted: string;
}

/** The passphrase of the encrypted test keys. */
export const PASSPHRASE = 'correct horse battery staple';

const generate = promisify(generateKeyPair);
const pairs = new Map<number, Promise<TestKeyPair>>();

/** A key pair of `bits` bits, generated once per test worker (4096 bits takes a second or two). */
export function testKeyPair(bits: 2048 | 4096 = 2048): Promise<TestKeyPair> {
  let pair = pairs.get(bits);
  if (pair === undefined) {
    pair = generate('rsa', { modulusLength: bits }).then(({ privateKey, publicKey }) => ({
      bits,
      publicKey,
      publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      pkcs8Encrypted: privateKey
        .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE })
        .toString(),
      pkcs1Encrypted: privateKey
        .export({ type: 'pkcs1', format: 'pem', cipher: 'des-ede3-cbc', passphrase: PASSPHRASE })
        .toString(),
    }));
    pairs.set(bits, pair);
  }
  return pair;
}

/** What the client sends, and what it needs to read the answer. */
export interface EncryptedRequest {
  /** The JSON body, exactly as posted. */
  readonly body: string;
  /** Headers Meta sends: content type and the signature. */
  readonly headers: Record<string, string>;
  readonly aesKey: Buffer;
  readonly iv: Buffer;
}

/** Ways to spoil a request on purpose. */
export interface EncryptOptions {
  /** Flip a bit of the GCM tag (the body is signed after tampering, as an attacker with the secret could). */
  readonly tamperTag?: boolean;
  /** Sign with this secret instead of `FLOWS_APP_SECRET`; `null` sends no signature. */
  readonly secret?: string | null;
  /** AES key length in bytes (Meta uses 16). */
  readonly aesKeyBytes?: 16 | 32;
}

/** Signs `body` as Meta does (`sha256=` + HMAC-SHA256 hex), with the test kit's independent signer. */
export function metaSignature(body: string, secret: string = FLOWS_APP_SECRET): string {
  return signBody(body, secret);
}

/** Encrypts `payload` for `publicKey` as WhatsApp does and signs the body. */
export function encryptRequest(
  publicKey: KeyObject | string,
  payload: unknown,
  options: EncryptOptions = {},
): EncryptedRequest {
  const aesKey = randomBytes(options.aesKeyBytes ?? 16);
  const iv = randomBytes(16);
  const cipher = createCipheriv(aesKey.length === 16 ? 'aes-128-gcm' : 'aes-256-gcm', aesKey, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  if (options.tamperTag) sealed[sealed.length - 1]! ^= 0x01;
  const encryptedKey = publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    aesKey,
  );
  const body = JSON.stringify({
    encrypted_flow_data: sealed.toString('base64'),
    encrypted_aes_key: encryptedKey.toString('base64'),
    initial_vector: iv.toString('base64'),
  });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.secret !== null) headers['x-hub-signature-256'] = metaSignature(body, options.secret ?? FLOWS_APP_SECRET);
  return { body, headers, aesKey, iv };
}

/** Decrypts a base64 answer with the request's key and the IV with every bit flipped, as WhatsApp does. */
export function decryptAnswer(answer: string, request: Pick<EncryptedRequest, 'aesKey' | 'iv'>): unknown {
  const sealed = Buffer.from(answer, 'base64');
  const flipped = Buffer.from(request.iv.map((byte) => ~byte & 0xff));
  const decipher = createDecipheriv(
    request.aesKey.length === 16 ? 'aes-128-gcm' : 'aes-256-gcm',
    request.aesKey,
    flipped,
  );
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}
