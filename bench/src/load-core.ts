/**
 * Loads the **built** core, as users run it: `dist/index.js` (node:crypto, what Node resolves) and
 * `dist/web/index.js` (Web Crypto, what edge runtimes resolve). Run `pnpm build` first (the root
 * `bench` script does).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Core from '@wa-webhooks/core';

export type CoreModule = typeof Core;

const dist = join(import.meta.dirname, '..', '..', 'packages', 'core', 'dist');

export async function loadCore(): Promise<{ node: CoreModule; web: CoreModule }> {
  const nodePath = join(dist, 'index.js');
  const webPath = join(dist, 'web', 'index.js');
  if (!existsSync(nodePath) || !existsSync(webPath)) throw new Error('Build core first: pnpm build');
  return {
    node: (await import(pathToFileURL(nodePath).href)) as CoreModule,
    web: (await import(pathToFileURL(webPath).href)) as CoreModule,
  };
}
