/**
 * What both crypto implementations provide (node:crypto in `node.ts`, Web Crypto in `web.ts`, chosen
 * at build time through the `#crypto` import like core's HMAC). The scheme is Meta's ("Implementing
 * Endpoints for Flows", "Request decryption and encryption"): the AES key is wrapped with RSA-OAEP
 * (SHA-256 for both the hash and MGF1) under the business public key; the payload is AES-GCM with the
 * 16-byte tag appended; the answer is encrypted with the same key and the IV with every bit flipped.
 */

/** A private key, loaded once at start. */
export interface LoadedPrivateKey {
  /** Settles once the key is usable: rejects with a `FlowConfigurationError` when it is not. */
  readonly ready: Promise<void>;
  /** Modulus size in bits, when known without decrypting (always on node:crypto). */
  readonly modulusBits: number | undefined;
  /** Unwraps an RSA-OAEP-SHA256 encrypted AES key. Throws (or rejects) when it cannot be decrypted. */
  unwrap(encryptedKey: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** The primitives the endpoint needs. */
export interface FlowCrypto {
  /** Which implementation this is; reported by tests and benchmarks. */
  readonly implementation: 'node:crypto' | 'web-crypto';
  /** Loads a PEM private key. Throws a `FlowConfigurationError` for anything it can tell at once. */
  loadPrivateKey(pem: string, passphrase: string | undefined): LoadedPrivateKey;
  /** AES-GCM decryption of `ciphertext‖tag` (16-byte tag). Throws when the tag does not match. */
  gcmDecrypt(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** AES-GCM encryption; returns `ciphertext‖tag`. */
  gcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** Standard base64 with padding. */
  encodeBase64(bytes: Uint8Array): string;
  /** Decodes base64 that `isBase64` accepted. */
  decodeBase64(text: string): Uint8Array;
}
