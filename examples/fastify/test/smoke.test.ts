/** The Fastify example as users run it; the shared smoke suite lives in the test-kit. */
import { runExampleSmoke } from '@wa-webhooks/test-kit';

runExampleSmoke({ framework: 'Fastify', server: new URL('../src/server.ts', import.meta.url) });
