/**
 * Deadlines for many concurrent operations with one shared interval instead of a timer per request:
 * a POST costs a Set entry, not a Timeout object. The interval runs only while something is watched
 * and never keeps the process alive. A deadline fires between `timeout` and `timeout` plus one tick
 * (a tenth of the timeout, between 5 ms and 1 s). Selected by the `node` condition of the `#watchdog`
 * import (Node, Bun, Deno): one process, timers not bound to a request.
 */
import { TIMED_OUT, type Watch } from './shared';

interface Entry {
  readonly deadline: number;
  readonly expire: () => void;
}

/** Creates a watchdog whose deadlines are `timeout` ms after `watch()` is called. */
export function createWatchdog(timeout: number): Watch {
  const entries = new Set<Entry>();
  const tick = Math.max(5, Math.min(1000, Math.floor(timeout / 10)));
  let timer: ReturnType<typeof setInterval> | undefined;

  const check = (): void => {
    const now = Date.now();
    for (const entry of entries) {
      if (entry.deadline <= now) {
        entries.delete(entry);
        entry.expire();
      }
    }
    if (entries.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  return <T>(running: Promise<T>) =>
    new Promise<T | typeof TIMED_OUT>((resolve, reject) => {
      const entry: Entry = { deadline: Date.now() + timeout, expire: () => resolve(TIMED_OUT) };
      entries.add(entry);
      if (timer === undefined) {
        timer = setInterval(check, tick);
        (timer as { unref?: () => void }).unref?.();
      }
      running.then(
        (value) => {
          if (entries.delete(entry)) resolve(value);
        },
        (error: unknown) => {
          if (entries.delete(entry)) reject(error);
        },
      );
    });
}
