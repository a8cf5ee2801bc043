import { defineConfig } from 'tsup';

// platform 'neutral': the adapter runs unchanged on Node.js, Bun, Deno and Workers.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'neutral',
  treeshake: true,
  splitting: false,
});
