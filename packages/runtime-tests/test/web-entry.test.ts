/**
 * The web path reaches no Node API: `@wa-webhooks/core` and `@wa-webhooks/hono`, bundled for a worker
 * target as Cloudflare's tooling resolves them, import no Node built-in and reference neither `Buffer`
 * nor `process`.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleForWorkers } from '../src/bundle';

const resolveDir = fileURLToPath(new URL('..', import.meta.url));

describe('the web entry, bundled for a worker target', () => {
  it('resolves the Web Crypto build and reaches no Node built-in, Buffer or process', async () => {
    const report = await bundleForWorkers({
      contents: "export * from '@wa-webhooks/core'; export { createHonoMiddleware } from '@wa-webhooks/hono';",
      resolveDir,
    });
    expect(report.nodeBuiltins).toEqual([]);
    expect(report.nodeGlobals).toEqual([]);
    expect(report.inputs).toContain('../core/dist/web/index.js');
    expect(report.inputs).not.toContain('../core/dist/index.js');
    expect(report.code).toContain('"web-crypto"');
  });

  it('reports Node built-ins and globals when they are there', async () => {
    const report = await bundleForWorkers({
      contents:
        "import { createHmac } from 'node:crypto'; import path from 'path'; export const reached = [createHmac, path, Buffer.from('a'), process.env.HOME, globalThis.process];",
      resolveDir,
    });
    expect(report.nodeBuiltins).toEqual([
      expect.stringMatching(/^node:crypto from /),
      expect.stringMatching(/^path from /),
    ]);
    expect(report.nodeGlobals.map((line) => line.split(':')[0])).toEqual(['Buffer', 'process', 'process']);
  });
});
