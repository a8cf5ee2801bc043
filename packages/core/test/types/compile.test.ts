/**
 * Typed handlers are exact: `typos.ts` (a consumer file) must compile with TypeScript 5.9 (the
 * workspace's) and with TypeScript 7 (the `typescript7` alias of the native compiler), against the built
 * declarations a user installs (Node ESM and bundler resolution, without the workspace's source
 * condition) and against the sources. Each misspelt property in it carries a `@ts-expect-error`; a typo
 * that compiled would leave its directive unused, which is an error. `control.ts`, compiled in the same
 * program, holds two directives over valid code and proves that each compiler reports them.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = import.meta.dirname;
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);

interface Compiler {
  readonly name: string;
  readonly version: string;
  readonly bin: string;
}

function compiler(name: string, packageName: string): Compiler {
  const manifest = require.resolve(`${packageName}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { name, version, bin: join(manifest, '..', 'bin', 'tsc') };
}

const COMPILERS: readonly Compiler[] = [
  compiler('TypeScript 5.9', 'typescript'),
  compiler('TypeScript 7', 'typescript7'),
];

const PROJECTS = [
  { config: 'tsconfig.dist-node.json', against: 'the built declarations, Node ESM resolution', built: true },
  { config: 'tsconfig.dist-bundler.json', against: 'the built declarations, bundler resolution', built: true },
  { config: 'tsconfig.src.json', against: 'the sources', built: false },
] as const;

/** The lines of `control.ts` whose directive must be reported unused. */
const CONTROL_LINES = readFileSync(join(here, 'control.ts'), 'utf8')
  .split('\n')
  .flatMap((line, index) => (line.trimStart().startsWith('// @ts-expect-error') ? [index + 1] : []));

/** Runs `tsc -p`, never throwing: the diagnostics are the result. */
async function compile(tsc: Compiler, config: string): Promise<string[]> {
  const result = await run(process.execPath, [tsc.bin, '-p', join(here, config), '--pretty', 'false'], {
    cwd: root,
  }).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }));
  return `${result.stdout}${result.stderr}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

describe.each(COMPILERS)('$name ($version)', (tsc) => {
  it('is the compiler the test means', () => {
    expect(tsc.version.split('.')[0]).toBe(tsc.name.split(' ')[1]!.split('.')[0]);
  });

  // A few seconds each on an idle machine; the sources (all of core) take longest with TypeScript 5.9.
  it.each(PROJECTS)(
    'rejects every typo in typos.ts, against $against',
    { timeout: 120_000 },
    async ({ config, built }) => {
      if (built) expect(existsSync(join(root, 'dist', 'index.d.ts')), 'run `pnpm build` first').toBe(true);
      const diagnostics = await compile(tsc, config);
      // Only the control's two unused directives, each at its line: nothing in typos.ts.
      expect(diagnostics).toEqual(
        CONTROL_LINES.map((line) => expect.stringMatching(new RegExp(`control\\.ts\\(${line},\\d+\\): error TS2578:`))),
      );
    },
  );
});
