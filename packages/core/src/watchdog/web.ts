/**
 * Deadlines with one timer per watched operation, for every runtime but Node's. Isolate runtimes
 * (Cloudflare Workers, Vercel Edge) bind a timer to the request that created it and cancel it when
 * that request ends: a shared interval started by one request silently stops for all later ones, and
 * handlerTimeout would never fire again. A timer per request is always in the right request.
 */
import { TIMED_OUT, type Watch } from './shared';

/** Creates a watchdog whose deadlines are `timeout` ms after `watch()` is called. */
export function createWatchdog(timeout: number): Watch {
  return <T>(running: Promise<T>) =>
    new Promise<T | typeof TIMED_OUT>((resolve, reject) => {
      const timer = setTimeout(() => resolve(TIMED_OUT), timeout);
      running.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
}
