/**
 * Installs the runtime binaries (Bun, Deno, workerd, Node 22 and 24: about 600 MB) where and when the
 * runtime tests run, not with the workspace: `pnpm install && pnpm start` must not download them. The
 * versions are pinned by `runtimes/package.json` and its committed `package-lock.json`; `npm ci` installs
 * them from npm into a cache folder (`node_modules/.cache/wa-webhooks-runtimes` at the repository root, or
 * `WA_WEBHOOKS_RUNTIMES_DIR`), again only when the lockfile changed. Install scripts are not run: the
 * wrapper packages' postinstall only relinks the platform binary, which `binaries.ts` takes directly.
 *
 * The runtime tests' global setup calls `ensureRuntimes()`; `.ci/run` runs this file first so that a
 * download failure shows as its own step. Usage: `pnpm --filter @wa-webhooks/runtime-tests install:runtimes`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../runtimes/', import.meta.url));
const FILES = ['package.json', 'package-lock.json'] as const;

/** The folder the binaries are installed in (its `node_modules` holds `bun`, `deno`, …). */
export function runtimesDir(): string {
  return (
    process.env.WA_WEBHOOKS_RUNTIMES_DIR ??
    fileURLToPath(new URL('../../../node_modules/.cache/wa-webhooks-runtimes/', import.meta.url))
  );
}

function fingerprint(folder: string): string {
  const hash = createHash('sha256');
  for (const file of FILES) hash.update(readFileSync(join(folder, file)));
  return hash.digest('hex');
}

/**
 * Installs the pinned binaries into `runtimesDir()` unless they are there already for this lockfile,
 * and returns the folder. Throws with npm's message when the install fails.
 */
export function ensureRuntimes(log: (line: string) => void = () => {}): string {
  const target = runtimesDir();
  const stamp = join(target, '.installed');
  const wanted = fingerprint(SOURCE);
  // secret-compare-ok: a hash of the public lockfile, not a secret; timing reveals nothing.
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return target;
  mkdirSync(target, { recursive: true });
  for (const file of FILES) copyFileSync(join(SOURCE, file), join(target, file));
  log(`Installing the runtime binaries (Bun, Deno, workerd, Node 22 and 24) into ${target} …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    execFileSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: target,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`Installing the runtime binaries with "npm ci" in ${target} failed: ${stderr || String(error)}`, {
      cause: error,
    });
  }
  writeFileSync(stamp, wanted);
  return target;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const folder = ensureRuntimes((line) => process.stdout.write(`${line}\n`));
  process.stdout.write(
    `Runtime binaries ready in ${folder} (${((performance.now() - started) / 1000).toFixed(1)} s).\n`,
  );
}
