import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  target: 'node20',
  treeshake: true,
  splitting: false,
};

// Two builds, as in core: node:crypto for Node.js, Bun and Deno (the `node` export condition), Web
// Crypto for every other runtime. The `#crypto` import is resolved at build time by the conditions.
export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts' },
    platform: 'node',
    clean: true,
    outDir: 'dist',
  },
  {
    ...shared,
    entry: { index: 'src/index.ts' },
    platform: 'neutral',
    outDir: 'dist/web',
    esbuildOptions: (o) => {
      o.conditions = ['worker', 'browser'];
    },
  },
]);
