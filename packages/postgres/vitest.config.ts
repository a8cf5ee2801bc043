import { defineProject } from 'vitest/config';
import { projectConfig } from '../../vitest.shared';

export default defineProject(projectConfig('postgres', { testTimeout: 120_000 }));
