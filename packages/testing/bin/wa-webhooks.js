#!/usr/bin/env node
// The `wa-webhooks` binary. Installed from npm, it runs the built CLI (dist/cli.js). In a checkout of
// the repository it runs the TypeScript source through tsx whenever dist/ is missing (a fresh clone:
// pnpm links this file at install time, before anything is built) or older than src/ (an edit not
// yet built), so `pnpm exec wa-webhooks send text` always runs the current code.
// WA_WEBHOOKS_CLI_SOURCE=1 forces the source.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';

const dist = new URL('../dist/cli.js', import.meta.url);
const src = new URL('../src/', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Newest modification time of the files under `src/`, or 0 when there is no `src/`. */
function newestSource() {
  if (!existsSync(src)) return 0;
  return Math.max(0, ...readdirSync(src, { recursive: true }).map((name) => statSync(new URL(String(name), src)).mtimeMs));
}

/** The CLI module from the TypeScript source, or `undefined` when tsx is not installed. */
async function loadSource() {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    return undefined;
  }
  return tsx.tsImport('../src/cli.ts', import.meta.url);
}

const hasDist = existsSync(dist);
const preferSource = process.env.WA_WEBHOOKS_CLI_SOURCE === '1' || !hasDist || newestSource() > statSync(dist).mtimeMs;
const cli = (preferSource ? await loadSource() : undefined) ?? (hasDist ? await import(dist.href) : undefined);
if (cli === undefined) {
  process.stderr.write('wa-webhooks: dist/cli.js is missing and tsx is not installed: run "pnpm build" in packages/testing.\n');
  process.exit(2);
}
await cli.main(version);
