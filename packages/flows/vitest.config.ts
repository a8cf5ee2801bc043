import { defineProject } from 'vitest/config';
import { projectConfig } from '../../vitest.shared';

export default defineProject(
  projectConfig('flows', {
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  }),
);
