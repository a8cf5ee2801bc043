import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');

async function node(...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, args, { cwd: root });
  return JSON.parse(stdout);
}

const expected = (crypto: string) => ({
  statuses: [200, 200],
  answers: [
    { version: '3.0', data: { status: 'active' } },
    { version: '3.0', screen: 'FIRST', data: { token: 'built' } },
  ],
  crypto,
  isError: true,
});

// These run the files tsup wrote (`pnpm build`, which `pnpm test` runs first), resolved by Node itself.
describe('the built package', () => {
  it('has been built', () => {
    expect(existsSync(join(root, 'dist/index.js')), 'run `pnpm build` first').toBe(true);
  });

  it('works through import (ESM, node:crypto build)', async () => {
    await expect(node(join(root, 'test/built/check.mjs'), '@wa-webhooks/flows')).resolves.toEqual(
      expected('node:crypto'),
    );
  });

  it('works through require (CJS)', async () => {
    await expect(node(join(root, 'test/built/check.cjs'))).resolves.toEqual({
      crypto: 'node:crypto',
      createFlowEndpoint: 'function',
      status: 427,
    });
  });

  it('works on the Web Crypto build that edge runtimes get', async () => {
    await expect(node(join(root, 'test/built/check.mjs'), '../../dist/web/index.js')).resolves.toEqual(
      expected('web-crypto'),
    );
  });
});
