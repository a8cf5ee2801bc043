/**
 * Private key containers for Web Crypto, which imports only unencrypted PKCS#8: wrapping a PKCS#1
 * `RSA PRIVATE KEY` into PKCS#8, reading the modulus size, and decrypting an `ENCRYPTED PRIVATE KEY`
 * (PKCS#8 with PBES2: PBKDF2 and AES-CBC, what `openssl genpkey -aes256`, `openssl pkcs8 -topk8 -v2
 * aes-256-cbc` and Node's `export({ type: 'pkcs8', cipher: 'aes-256-cbc' })` write). Formats: RFC 8017
 * (PKCS#1), RFC 5208 and RFC 5958 (PKCS#8), RFC 8018 (PBES2, PBKDF2).
 */
import {
  DerError,
  TAG,
  childrenOf,
  concat,
  expectTlv,
  integerBits,
  readOid,
  readSmallInteger,
  writeTlv,
  type Tlv,
} from './der';

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const PRF_HASHES: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};
const AES_CBC_KEY_BYTES: Readonly<Record<string, number>> = {
  '2.16.840.1.101.3.4.1.2': 16,
  '2.16.840.1.101.3.4.1.22': 24,
  '2.16.840.1.101.3.4.1.42': 32,
};

/** `AlgorithmIdentifier { rsaEncryption, NULL }` as DER. */
const RSA_ALGORITHM = writeTlv(
  TAG.SEQUENCE,
  concat(
    writeTlv(TAG.OID, new Uint8Array([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01])),
    writeTlv(TAG.NULL, new Uint8Array()),
  ),
);

/** The modulus size of a PKCS#1 `RSAPrivateKey` (`SEQUENCE { version, modulus, … }`). */
export function pkcs1ModulusBits(pkcs1: Uint8Array): number {
  const key = expectTlv(pkcs1, 0, TAG.SEQUENCE);
  const fields = childrenOf(pkcs1, key);
  if (fields.length < 9 || fields[1]!.tag !== TAG.INTEGER) throw new DerError('not an RSAPrivateKey');
  return integerBits(pkcs1, fields[1]!);
}

/** Wraps a PKCS#1 `RSAPrivateKey` into a PKCS#8 `PrivateKeyInfo`. */
export function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array {
  const version = writeTlv(TAG.INTEGER, new Uint8Array([0]));
  return writeTlv(TAG.SEQUENCE, concat(version, RSA_ALGORITHM, writeTlv(TAG.OCTET_STRING, pkcs1)));
}

/** The PKCS#1 key inside a PKCS#8 `PrivateKeyInfo`; throws unless its algorithm is rsaEncryption. */
export function pkcs8RsaKey(pkcs8: Uint8Array): Uint8Array {
  const info = expectTlv(pkcs8, 0, TAG.SEQUENCE);
  const [version, algorithm, privateKey] = childrenOf(pkcs8, info);
  if (version?.tag !== TAG.INTEGER || algorithm?.tag !== TAG.SEQUENCE || privateKey?.tag !== TAG.OCTET_STRING) {
    throw new DerError('not a PrivateKeyInfo');
  }
  const oid = readOid(pkcs8, childrenOf(pkcs8, algorithm)[0] ?? { tag: 0, start: 0, end: 0 });
  if (oid !== RSA_ENCRYPTION) throw new DerError(`the key algorithm is ${oid}, not rsaEncryption`);
  return pkcs8.subarray(privateKey.start, privateKey.end);
}

/** The PBES2 parameters of an `EncryptedPrivateKeyInfo`. */
export interface Pbes2Parameters {
  readonly salt: Uint8Array;
  readonly iterations: number;
  readonly hash: string;
  readonly keyBytes: number;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

function bytesOf(der: Uint8Array, element: Tlv | undefined, tag: number): Uint8Array {
  if (element?.tag !== tag) throw new DerError('unexpected element');
  return der.subarray(element.start, element.end);
}

/**
 * Reads an `EncryptedPrivateKeyInfo` protected with PBES2 (PBKDF2 + AES-CBC). Throws a `DerError`
 * saying which scheme it is when it is another one (PBES1, 3DES, scrypt).
 */
export function readPbes2(der: Uint8Array): Pbes2Parameters {
  const info = expectTlv(der, 0, TAG.SEQUENCE);
  const [algorithm, data] = childrenOf(der, info);
  if (algorithm?.tag !== TAG.SEQUENCE) throw new DerError('not an EncryptedPrivateKeyInfo');
  const [schemeOid, schemeParams] = childrenOf(der, algorithm);
  const scheme = readOid(der, schemeOid!);
  if (scheme !== PBES2 || schemeParams?.tag !== TAG.SEQUENCE) throw new DerError(`encryption scheme ${scheme}`);
  const [kdf, cipher] = childrenOf(der, schemeParams);
  const [kdfOid, kdfParams] = childrenOf(der, kdf!);
  const kdfName = readOid(der, kdfOid!);
  if (kdfName !== PBKDF2 || kdfParams?.tag !== TAG.SEQUENCE) throw new DerError(`key derivation ${kdfName}`);
  const pbkdf2 = childrenOf(der, kdfParams);
  const salt = bytesOf(der, pbkdf2[0], TAG.OCTET_STRING);
  const iterations = readSmallInteger(der, pbkdf2[1]!);
  // keyLength (INTEGER) and prf (SEQUENCE) are both optional; prf defaults to hmacWithSHA1.
  const prf = pbkdf2.slice(2).find((element) => element.tag === TAG.SEQUENCE);
  const prfOid = prf === undefined ? '1.2.840.113549.2.7' : readOid(der, childrenOf(der, prf)[0]!);
  const hash = PRF_HASHES[prfOid];
  if (hash === undefined) throw new DerError(`PBKDF2 pseudo-random function ${prfOid}`);
  const [cipherOid, ivElement] = childrenOf(der, cipher!);
  const cipherName = readOid(der, cipherOid!);
  const keyBytes = AES_CBC_KEY_BYTES[cipherName];
  if (keyBytes === undefined) throw new DerError(`cipher ${cipherName}`);
  return {
    salt,
    iterations,
    hash,
    keyBytes,
    iv: bytesOf(der, ivElement, TAG.OCTET_STRING),
    ciphertext: bytesOf(der, data, TAG.OCTET_STRING),
  };
}

type Subtle = typeof globalThis.crypto.subtle;

/** Decrypts PBES2 content with `passphrase`; rejects when the padding (so the passphrase) is wrong. */
export async function decryptPbes2(subtle: Subtle, params: Pbes2Parameters, passphrase: string): Promise<Uint8Array> {
  const password = await subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', salt: params.salt as Uint8Array<ArrayBuffer>, iterations: params.iterations, hash: params.hash },
    password,
    params.keyBytes * 8,
  );
  const key = await subtle.importKey('raw', bits, 'AES-CBC', false, ['decrypt']);
  const plain = await subtle.decrypt(
    { name: 'AES-CBC', iv: params.iv as Uint8Array<ArrayBuffer> },
    key,
    params.ciphertext as Uint8Array<ArrayBuffer>,
  );
  return new Uint8Array(plain);
}
