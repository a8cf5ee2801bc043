import { defineConfig } from 'vitest/config';

// One vitest run over every package and example (docs/ARCHITECTURE.md, "Tests"); .ci/run reads the JSON report.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts', 'bench/vitest.config.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
