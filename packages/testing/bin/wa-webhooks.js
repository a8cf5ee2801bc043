#!/usr/bin/env node
// The `wa-webhooks` binary. Installed from npm, it runs the built CLI (dist/cli.js). In a checkout of
// the repository (recognised by its tsconfig.json, which is not published) it runs the TypeScript
// source through tsx whenever dist/ is missing (a fresh clone: pnpm links this file at install time,
// before anything is built) or older than src/ or fixtures/ (an edit not yet built), so that
// `pnpm exec wa-webhooks send text` always runs the current code. WA_WEBHOOKS_CLI_SOURCE=1 forces the
// source.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';

const dist = new URL('../dist/cli.js', import.meta.url);
// What dist/cli.js is built from: the source and the fixtures it bundles (its own, and those it reads
// from core's payload corpus, which only exists in a checkout).
const inputs = [
  new URL('../src/', import.meta.url),
  new URL('../fixtures/', import.meta.url),
  new URL('../../core/test/fixtures/payloads/', import.meta.url),
];
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Newest modification time of the files dist/cli.js is built from. */
function newestInput() {
  const times = inputs
    .filter((folder) => existsSync(folder))
    .flatMap((folder) =>
      readdirSync(folder, { recursive: true }).map((name) => statSync(new URL(String(name), folder)).mtimeMs),
    );
  return Math.max(0, ...times);
}

/**
 * The CLI module from the TypeScript source, or `undefined` when tsx is not installed. In a checkout,
 * the other workspace packages it imports (@wa-webhooks/setup) resolve to their sources too, through
 * the `@wa-webhooks/source` export condition, so that nothing needs to be built first.
 */
async function loadSource() {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    return undefined;
  }
  if (isCheckout) {
    const { register } = await import('node:module');
    const hook =
      'export async function resolve(specifier, context, next) { return next(specifier, { ...context, conditions: [...new Set([...context.conditions, "@wa-webhooks/source"])] }); }';
    register(`data:text/javascript,${encodeURIComponent(hook)}`);
  }
  return tsx.tsImport('../src/cli.ts', import.meta.url);
}

const hasDist = existsSync(dist);
const isCheckout = existsSync(new URL('../tsconfig.json', import.meta.url));
const preferSource =
  process.env.WA_WEBHOOKS_CLI_SOURCE === '1' || !hasDist || (isCheckout && newestInput() > statSync(dist).mtimeMs);
const cli = (preferSource ? await loadSource() : undefined) ?? (hasDist ? await import(dist.href) : undefined);
if (cli === undefined) {
  process.stderr.write(
    'wa-webhooks: dist/cli.js is missing and tsx is not installed: run "pnpm build" in packages/testing.\n',
  );
  process.exit(2);
}
await cli.main(version);
