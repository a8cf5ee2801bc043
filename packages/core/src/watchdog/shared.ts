/** What both watchdog implementations share (see `node.ts` and `web.ts`). */

/** What a watched promise resolves with when the deadline passed first. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/** Races `running` against the watchdog's deadline. */
export type Watch = <T>(running: Promise<T>) => Promise<T | typeof TIMED_OUT>;
