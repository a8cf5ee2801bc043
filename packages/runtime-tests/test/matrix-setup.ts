/**
 * Global setup of the runtime tests: installs the runtime binaries if needed, and a folder for the matrix
 * rows, printed as a table at the end.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureRuntimes } from '../src/install-runtimes';
import { formatMatrix, readRows } from '../src/matrix';

declare module 'vitest' {
  interface ProvidedContext {
    matrixFolder: string;
  }
}

/** The runtimes run the published builds, not the TypeScript sources. */
const BUILDS = [
  '../../core/dist/web/index.js',
  '../../core/dist/index.js',
  '../../hono/dist/index.js',
  '../../testing/dist/index.js',
];

export default function setup(project: TestProject): () => void {
  const missing = BUILDS.filter((path) => !existsSync(new URL(path, import.meta.url)));
  if (missing.length > 0)
    throw new Error(
      `The runtime tests run the built packages; ${missing.join(', ')} is missing. Run "pnpm build" first (pnpm test does).`,
    );
  // The binaries are not part of the workspace install: fetched here, on the first run (and after a bump).
  ensureRuntimes((line) => process.stdout.write(`${line}\n`));
  const folder = mkdtempSync(join(tmpdir(), 'wa-webhooks-matrix-'));
  project.provide('matrixFolder', folder);
  return () => {
    const rows = readRows(folder);
    rmSync(folder, { recursive: true, force: true });
    if (rows.length > 0)
      process.stdout.write(`\nRuntime matrix (wa-webhooks runtime tests)\n\n${formatMatrix(rows)}\n\n`);
  };
}
