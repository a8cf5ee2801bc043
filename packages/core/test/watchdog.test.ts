import { describe, expect, it } from 'vitest';
import { createWatchdog as nodeWatchdog } from '../src/watchdog/node';
import { TIMED_OUT } from '../src/watchdog/shared';
import { createWatchdog as webWatchdog } from '../src/watchdog/web';

const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe.each([
  ['node (one shared interval)', nodeWatchdog],
  ['web (a timer per watched promise)', webWatchdog],
])('the %s watchdog', (_name, createWatchdog) => {
  it('passes a value or a rejection through when it settles before the deadline', async () => {
    const watch = createWatchdog(200);
    await expect(watch(later(5, 'done'))).resolves.toBe('done');
    await expect(watch(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });

  it('resolves TIMED_OUT once the deadline passed, for each of several concurrent operations', async () => {
    const watch = createWatchdog(40);
    const started = Date.now();
    const results = await Promise.all([
      watch(later(400, 'late')),
      watch(later(5, 'early')),
      watch(new Promise(() => {})),
    ]);
    expect(results).toEqual([TIMED_OUT, 'early', TIMED_OUT]);
    expect(Date.now() - started).toBeLessThan(300);
  });

  it('keeps working for operations watched after earlier ones finished', async () => {
    const watch = createWatchdog(30);
    await watch(later(1, 'first'));
    await later(80, undefined);
    await expect(watch(new Promise(() => {}))).resolves.toBe(TIMED_OUT);
  });
});
