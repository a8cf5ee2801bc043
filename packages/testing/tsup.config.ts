import { defineConfig } from 'tsup';

export default defineConfig([
  // The library: ESM + CJS with per-format types. Fixtures are JSON imports, bundled in.
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    treeshake: true,
    splitting: false,
  },
  // The `wa-webhooks` binary's code, loaded by bin/wa-webhooks.js. ESM only, no types.
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
  },
]);
