import { describe, expect, it } from 'vitest';
import { notificationOfSize, readFixtureBytes, signBody, textNotification } from '../src/index';

describe('signBody', () => {
  it('matches RFC 4231 test case 2 (HMAC-SHA-256)', () => {
    expect(signBody('what do ya want for nothing?', 'Jefe')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('signs the bytes, not a re-serialisation', () => {
    const raw = readFixtureBytes('_raw-bodies/messages-image-caption-unicode-escaped.raw.json');
    const reserialised = JSON.stringify(JSON.parse(new TextDecoder().decode(raw)));
    expect(signBody(raw)).not.toBe(signBody(reserialised));
  });
});

describe('notification builders', () => {
  it('builds bodies of an exact byte size', () => {
    for (const size of [600, 2048, 2049, 100_000]) {
      expect(Buffer.byteLength(notificationOfSize(size).body)).toBe(size);
    }
  });

  it('gives every message a fresh wamid', () => {
    expect(textNotification().wamid).not.toBe(textNotification().wamid);
  });
});
