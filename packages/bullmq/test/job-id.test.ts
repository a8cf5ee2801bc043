/**
 * Job ids and job data, without a queue. Issue 16, finding "BullMQ refuses some job ids": before the
 * fix, `0` and `12345` were passed to BullMQ as they were and refused (see the suites for the refusal on
 * real queues).
 */
import type { SingleEventNotification } from '@wa-webhooks/core';
import { describe, expect, it } from 'vitest';
import { HASHED_JOB_ID_PREFIX, JOB_ID_PREFIX, MAX_JOB_ID_BYTES, toJobId } from '../src/index';
import { notificationOf, toJobData } from '../src/job-data';

describe('toJobId', () => {
  const ids = [
    '0',
    '12345',
    '-1',
    '0:abc',
    '0:',
    ':',
    '%3A',
    '%',
    '{}',
    '',
    'wamid.A:read:1555',
    'wamid.A%3Aread:1555',
    'é😀中',
    'x'.repeat(4096),
    'y'.repeat(300),
    'nul\u0000id',
    'lone\uD800',
    'lone\uDC00',
  ];

  it('never gives BullMQ an integer, 0, a 0: start, a colon, NUL or an empty id, and keeps ids short', () => {
    for (const id of ids) {
      const jobId = toJobId(id);
      expect(`${parseInt(jobId, 10)}`).not.toBe(jobId);
      expect(jobId.startsWith(JOB_ID_PREFIX) || jobId.startsWith(HASHED_JOB_ID_PREFIX)).toBe(true);
      expect(jobId.includes(':') || jobId.includes('\u0000')).toBe(false);
      expect(Buffer.byteLength(jobId)).toBeLessThanOrEqual(MAX_JOB_ID_BYTES);
    }
  });

  it('is deterministic and one job id per event id', () => {
    expect(ids.map(toJobId)).toEqual(ids.map(toJobId));
    expect(new Set(ids.map(toJobId)).size).toBe(ids.length);
  });

  it('keeps usual ids readable and hashes the rest', () => {
    expect(toJobId('wamid.HBgL=')).toBe('wa.wamid.HBgL=');
    expect(toJobId('wamid.A:read:1555')).toBe('wa.wamid.A%3Aread%3A1555');
    expect(toJobId('x'.repeat(4096))).toMatch(/^wa#[0-9a-f]{64}$/);
    expect(toJobId('lone\uD800')).toMatch(/^wa#[0-9a-f]{64}$/);
  });
});

describe('job data', () => {
  it('carries a plain notification as it is, and one jsonb would refuse as base64, read back the same', () => {
    const plain = { object: 'whatsapp_business_account', entry: [] } as unknown as SingleEventNotification;
    expect(toJobData('messages.text', 'wamid.A', 'wa.wamid.A', plain)).toEqual({
      name: 'messages.text',
      id: 'wamid.A',
      notification: plain,
    });
    const awkward = { object: 'x\u0000y\uD800', entry: [] } as unknown as SingleEventNotification;
    const data = toJobData('messages.text', 'wamid.B', 'wa.wamid.B', awkward);
    expect(data.notification).toBeUndefined();
    expect(JSON.stringify(data)).not.toMatch(/\\u0000|\\ud800/);
    expect(notificationOf('wa.wamid.B', JSON.parse(JSON.stringify(data)))).toEqual(awkward);
    expect(() => notificationOf('j', {} as never)).toThrow(/forwardToQueue/);
  });
});
