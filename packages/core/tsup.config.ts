import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  target: 'node20',
  treeshake: true,
  splitting: false,
};

// Two builds of the main entry: node:crypto for Node (the `node` export condition), Web Crypto for
// every other runtime. The `#crypto`, `#text` and `#watchdog` imports are resolved at build time by the
// platform's conditions.
export default defineConfig([
  {
    ...shared,
    // `schemas` (the `./schemas` subpath) is plain zod, the same on every runtime: built once, here.
    entry: { index: 'src/index.ts', node: 'src/body/node.ts', schemas: 'src/schemas/index.ts' },
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
