import { defineProject } from 'vitest/config';
import { projectConfig } from '../../vitest.shared';

// The type tests depend on TypeScript, not on the Node line: the Node 22/24 runs (runtime-tests'
// node-lines) set WA_WEBHOOKS_SKIP_TYPE_TESTS=1 and leave them to the main run.
const skipTypeTests = process.env.WA_WEBHOOKS_SKIP_TYPE_TESTS === '1';

export default defineProject(
  projectConfig('core', {
    ...(skipTypeTests ? { exclude: ['test/types/**', '**/node_modules/**'] } : {}),
    typecheck: { enabled: !skipTypeTests, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  }),
);
