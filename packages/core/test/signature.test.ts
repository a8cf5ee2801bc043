import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as nodeCrypto from '../src/crypto/node';
import * as webCrypto from '../src/crypto/web';
import { CRYPTO_IMPLEMENTATION, parseSignatureHeader, signPayload, verifySignature } from '../src/index';
import { readFixture, readRaw, sign } from './helpers';

const body = new TextEncoder().encode('{"object":"whatsapp_business_account","entry":[]}');

describe.each([
  ['node:crypto', nodeCrypto],
  ['web-crypto', webCrypto],
] as const)('%s implementation', (_name, impl) => {
  const digestOf = (header: string) => {
    const parsed = parseSignatureHeader(header);
    if (!parsed.ok) throw new Error('bad header');
    return parsed.digest;
  };

  it('accepts the signature of an independent signer', async () => {
    expect(await impl.createHmacVerifier(['secret'])(body, digestOf(sign(body, 'secret')))).toBe(true);
  });

  it('rejects a signature made with another secret', async () => {
    expect(await impl.createHmacVerifier(['secret'])(body, digestOf(sign(body, 'other')))).toBe(false);
  });

  it('rejects a signature of other bytes', async () => {
    const other = new TextEncoder().encode('{"object":"whatsapp_business_account","entry":[] }');
    expect(await impl.createHmacVerifier(['secret'])(other, digestOf(sign(body, 'secret')))).toBe(false);
  });

  it('accepts any of several secrets (rotation)', async () => {
    const verify = impl.createHmacVerifier(['new-secret', 'old-secret']);
    expect(await verify(body, digestOf(sign(body, 'old-secret')))).toBe(true);
    expect(await verify(body, digestOf(sign(body, 'new-secret')))).toBe(true);
    expect(await verify(body, digestOf(sign(body, 'third')))).toBe(false);
  });

  it('checks call after call with one verifier, each against its own body, and refuses digests of another length', async () => {
    const verify = impl.createHmacVerifier(['secret']);
    const bodies = ['a', 'b', '', 'x'.repeat(5000)].map((text) => new TextEncoder().encode(text));
    const digests = bodies.map((bytes) => digestOf(sign(bytes, 'secret')));
    for (const [index, bytes] of bodies.entries()) {
      expect(await verify(bytes, digests[index]!)).toBe(true);
      expect(await verify(bytes, digests[(index + 1) % bodies.length]!)).toBe(false);
    }
    const digest = digestOf(sign(body, 'secret'));
    expect(await verify(body, digest.subarray(0, 31))).toBe(false);
    expect(await verify(body, new Uint8Array([...digest, 0]))).toBe(false);
  });

  it('decodes 64 hex digits of either case and refuses any other character at any position', () => {
    const hex = createHash('sha256').update('digest').digest('hex');
    const bytes = [...Buffer.from(hex, 'hex')];
    expect([...impl.decodeDigestHex(hex)!]).toEqual(bytes);
    expect([...impl.decodeDigestHex(hex.toUpperCase())!]).toEqual(bytes);
    for (let position = 0; position < hex.length; position++) {
      for (const bad of ['g', 'G', ' ', '-', 'é', 'Ā', '０']) {
        const broken = hex.slice(0, position) + bad + hex.slice(position + 1);
        expect(impl.decodeDigestHex(broken), `${bad} at ${position}`).toBeUndefined();
      }
    }
    expect(impl.decodeDigestHex(hex.slice(1))).toBeUndefined();
    expect(impl.decodeDigestHex(`${hex}0`)).toBeUndefined();
  });

  it('signs an empty body like the independent signer', async () => {
    await expect(impl.hmacSha256Hex('secret', new Uint8Array())).resolves.toBe(sign('', 'secret').slice(7));
  });

  it('signs strings as UTF-8', async () => {
    await expect(impl.hmacSha256Hex('secret', 'café ✓')).resolves.toBe(sign('café ✓', 'secret').slice(7));
  });

  it('compares tokens in constant time and correctly', () => {
    expect(impl.constantTimeEqual('token', 'token')).toBe(true);
    expect(impl.constantTimeEqual('token', 'tokeN')).toBe(false);
    expect(impl.constantTimeEqual('token', 'token2')).toBe(false);
    expect(impl.constantTimeEqual('token', 'toke')).toBe(false);
    expect(impl.constantTimeEqual('token', '')).toBe(false);
    expect(impl.constantTimeEqual('tökén', 'tökén')).toBe(true);
  });
});

describe('parseSignatureHeader', () => {
  const hex = 'a'.repeat(64);
  it.each([
    [undefined, 'missing'],
    [null, 'missing'],
    ['', 'missing'],
    [hex, 'malformed'], // no sha256= prefix
    [`sha1=${hex}`, 'malformed'],
    [`sha256=${hex.slice(1)}`, 'malformed'],
    [`sha256=${hex}0`, 'malformed'],
    [`sha256=${'g'.repeat(64)}`, 'malformed'],
    [`sha256=${'é'.repeat(64)}`, 'malformed'],
    [` sha256=${hex.slice(1)}`, 'malformed'],
    [`sha256=${hex}, sha256=${hex}`, 'malformed'],
  ])('%j is %s', (header, reason) => {
    expect(parseSignatureHeader(header)).toEqual({ ok: false, reason });
  });

  it('accepts upper-case hex and an upper-case prefix', () => {
    const parsed = parseSignatureHeader(`SHA256=${'AB'.repeat(32)}`);
    expect(parsed.ok && Array.from(parsed.digest)).toEqual(new Array(32).fill(0xab));
  });
});

describe('verifySignature / signPayload (this build)', () => {
  it('uses node:crypto on Node', () => {
    expect(CRYPTO_IMPLEMENTATION).toBe('node:crypto');
  });

  it('verifies upper-case hex of a valid signature', async () => {
    await expect(verifySignature(body, sign(body, 's').toUpperCase().replace('SHA256=', 'sha256='), 's')).resolves.toBe(
      true,
    );
  });

  it('resolves false (never throws) for missing and malformed headers', async () => {
    await expect(verifySignature(body, null, 's')).resolves.toBe(false);
    await expect(verifySignature(body, 'sha256=zz', 's')).resolves.toBe(false);
  });

  it('signPayload matches the independent signer', async () => {
    await expect(signPayload(body, 's')).resolves.toBe(sign(body, 's'));
  });

  it('verifies a real unicode-escaped body on its raw bytes, where re-serialising would not', async () => {
    const raw = readRaw('_raw-bodies/messages-image-caption-unicode-escaped.raw.json');
    const header = sign(raw, 'secret');
    await expect(verifySignature(raw, header, 'secret')).resolves.toBe(true);
    const reserialised = new TextEncoder().encode(JSON.stringify(JSON.parse(raw.toString('utf8'))));
    expect(Buffer.compare(Buffer.from(reserialised), raw)).not.toBe(0);
    await expect(verifySignature(reserialised, header, 'secret')).resolves.toBe(false);
    // The parsed form is the corpus fixture: same data, different bytes.
    expect(JSON.parse(raw.toString('utf8'))).toEqual(readFixture('messages/real-msg-image-caption-bsuid-2026.json'));
  });

  it('rejects empty secrets', async () => {
    await expect(signPayload(body, '')).rejects.toThrow(TypeError);
    await expect(verifySignature(body, sign(body, 'x'), [])).rejects.toThrow(TypeError);
  });
});
