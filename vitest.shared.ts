import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

/** Resolve workspace packages to their TypeScript sources, as tsx and tsc do (the `@wa-webhooks/source` condition, docs/ARCHITECTURE.md). */
const conditions = ['@wa-webhooks/source', 'module', 'node', 'development|production'];

/** Shared settings of every vitest project in the workspace. */
export function projectConfig(name: string, extra: NonNullable<ViteUserConfig['test']> = {}): ViteUserConfig {
  return {
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@wa-webhooks/source'] } },
    test: {
      name,
      environment: 'node',
      include: ['test/**/*.test.ts'],
      setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
      testTimeout: 20_000,
      hookTimeout: 30_000,
      ...extra,
    },
  };
}
