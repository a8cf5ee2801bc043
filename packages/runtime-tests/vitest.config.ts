import { defineProject } from 'vitest/config';
import { projectConfig } from '../../vitest.shared';

// The Node 22/24 runs start a whole vitest run each, and the runtimes start real processes.
export default defineProject(
  projectConfig('runtime-tests', { globalSetup: ['test/matrix-setup.ts'], testTimeout: 60_000 }),
);
