/**
 * Private keys in every PEM format users have, on both crypto implementations: each loads and
 * unwraps an AES key that node:crypto's `publicEncrypt` wrapped (RSA-OAEP-SHA256), and each mistake
 * (no passphrase, a wrong one, a public key, a small or non-RSA key) is a clear error at start.
 */
import { constants, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowCrypto as nodeCrypto } from '../src/crypto/node';
import type { FlowCrypto, LoadedPrivateKey } from '../src/crypto/types';
import { flowCrypto as webCrypto } from '../src/crypto/web';
import { createFlowEndpoint, FlowConfigurationError, type FlowConfigurationErrorCode } from '../src/index';
import { FLOWS_APP_SECRET, PASSPHRASE, testKeyPair, type TestKeyPair } from './support/meta-client';

let keys: TestKeyPair;
beforeAll(async () => {
  keys = await testKeyPair(2048);
});

async function expectUnwraps(loaded: LoadedPrivateKey): Promise<void> {
  await loaded.ready;
  const aesKey = randomBytes(16);
  const wrapped = publicEncrypt(
    { key: keys.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    aesKey,
  );
  expect(Buffer.from(await loaded.unwrap(wrapped))).toEqual(aesKey);
}

/** The configuration error `run` throws (or rejects with, for the asynchronous part of Web Crypto). */
async function configurationError(run: () => LoadedPrivateKey): Promise<FlowConfigurationError> {
  try {
    await run().ready;
  } catch (error) {
    expect(error).toBeInstanceOf(FlowConfigurationError);
    return error as FlowConfigurationError;
  }
  throw new Error('expected a FlowConfigurationError');
}

const implementations: ReadonlyArray<readonly [string, FlowCrypto]> = [
  ['node:crypto', nodeCrypto],
  ['Web Crypto', webCrypto],
];

for (const [name, crypto] of implementations) {
  describe(`private keys on ${name}`, () => {
    it.each([
      ['PKCS#1', () => keys.pkcs1, undefined],
      ['PKCS#8', () => keys.pkcs8, undefined],
      ['encrypted PKCS#8 (PBES2, AES-256-CBC)', () => keys.pkcs8Encrypted, PASSPHRASE],
      ['PKCS#8 with \\n escapes, as environment variables hold it', () => keys.pkcs8.replace(/\n/g, '\\n'), undefined],
      ['PKCS#1 base64-encoded once more', () => Buffer.from(keys.pkcs1).toString('base64'), undefined],
      ['PKCS#8 flattened to one line with CRLF remains', () => keys.pkcs8.replace(/\n/g, ' ') + '\r\n', undefined],
      ['PKCS#1 with a passphrase it does not need', () => keys.pkcs1, 'unused'],
    ])('reads %s and unwraps with it', async (_format, pem, passphrase) => {
      await expectUnwraps(crypto.loadPrivateKey(pem(), passphrase));
    });

    it.each<[string, () => string, string | undefined, FlowConfigurationErrorCode, RegExp]>([
      ['an encrypted key without passphrase', () => keys.pkcs8Encrypted, undefined, 'PASSPHRASE_MISSING', /passphrase/],
      [
        'an encrypted key with a wrong passphrase',
        () => keys.pkcs8Encrypted,
        'wrong',
        'PASSPHRASE_WRONG',
        /passphrase/,
      ],
      ['a public key', () => keys.publicPem, undefined, 'PRIVATE_KEY_INVALID', /public key/],
      ['no PEM at all', () => 'not a key', undefined, 'PRIVATE_KEY_INVALID', /No PEM block/],
      ['an empty string', () => '', undefined, 'PRIVATE_KEY_INVALID', /required/],
      [
        'a damaged body',
        () => keys.pkcs8.replace(/\n[A-Za-z0-9+/]{10}/, '\n**********'),
        undefined,
        'PRIVATE_KEY_INVALID',
        /damaged/,
      ],
    ])('refuses %s with a clear error', async (_case, pem, passphrase, code, message) => {
      const error = await configurationError(() => crypto.loadPrivateKey(pem(), passphrase));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(PASSPHRASE);
    });

    it('refuses an RSA key smaller than 2048 bits', async () => {
      const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      });
      const error = await configurationError(() => crypto.loadPrivateKey(small.toString(), undefined));
      expect(error.code).toBe('PRIVATE_KEY_INVALID');
      expect(error.message).toMatch(/1024 bits/);
    });

    it('refuses an EC key', async () => {
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
      const error = await configurationError(() => crypto.loadPrivateKey(ec.toString(), undefined));
      expect(error.code).toBe('PRIVATE_KEY_INVALID');
    });

    it('says when a wrapped key cannot be decrypted', async () => {
      const loaded = crypto.loadPrivateKey(keys.pkcs1, undefined);
      await loaded.ready;
      await expect(Promise.resolve().then(() => loaded.unwrap(randomBytes(256)))).rejects.toThrow();
    });
  });
}

describe('legacy encrypted PKCS#1 (DEK-Info: DES-EDE3-CBC)', () => {
  it('is read by node:crypto with its passphrase', async () => {
    await expectUnwraps(nodeCrypto.loadPrivateKey(keys.pkcs1Encrypted, PASSPHRASE));
  });

  it('is refused by node:crypto with a wrong passphrase', async () => {
    const error = await configurationError(() => nodeCrypto.loadPrivateKey(keys.pkcs1Encrypted, 'wrong'));
    expect(error.code).toBe('PASSPHRASE_WRONG');
  });

  it('is refused on Web Crypto with the command that converts it', async () => {
    const error = await configurationError(() => webCrypto.loadPrivateKey(keys.pkcs1Encrypted, PASSPHRASE));
    expect(error.code).toBe('PRIVATE_KEY_INVALID');
    expect(error.message).toContain('DES-EDE3-CBC');
    expect(error.message).toContain('openssl pkcs8 -topk8 -v2 aes-256-cbc');
  });
});

describe('createFlowEndpoint at start', () => {
  it('throws at once for a wrong passphrase, before any request', () => {
    expect(() =>
      createFlowEndpoint({ privateKey: keys.pkcs8Encrypted, passphrase: 'wrong', appSecret: FLOWS_APP_SECRET }),
    ).toThrow(expect.objectContaining({ name: 'FlowConfigurationError', code: 'PASSPHRASE_WRONG' }));
  });

  it('throws at once without an app secret', () => {
    expect(() => createFlowEndpoint({ privateKey: keys.pkcs1, appSecret: '' })).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION_INVALID', message: expect.stringMatching(/appSecret/) }),
    );
  });

  it('is ready at once with a good key on node:crypto', async () => {
    await expect(createFlowEndpoint({ privateKey: keys.pkcs1, appSecret: FLOWS_APP_SECRET }).ready()).resolves.toBe(
      undefined,
    );
  });
});
