/**
 * Fails a test that writes to the console without saying so: a library must not print behind its
 * users' backs, and a stray log usually hides a missing assertion. Tests that expect output spy on the
 * console method themselves (vi.spyOn), which replaces this guard for that test.
 */
import { afterEach, beforeEach } from 'vitest';

const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const originals = new Map(methods.map((method) => [method, console[method]]));
let stray: string[] = [];

beforeEach(() => {
  stray = [];
  for (const method of methods) {
    console[method] = (...args: unknown[]) => {
      stray.push(`console.${method}: ${args.map(String).join(' ').slice(0, 200)}`);
    };
  }
});

afterEach(() => {
  for (const method of methods) console[method] = originals.get(method)!;
  if (stray.length > 0) {
    const lines = stray;
    stray = [];
    throw new Error(`Unexpected console output:\n${lines.join('\n')}`);
  }
});
