/**
 * The BullMQ suite on BullMQ 5 (the `bullmq5` npm alias) on Redis. The mock replaces the module
 * `bullmq` with BullMQ 5 everywhere in this file's module graph, the package's sources included; worker
 * processes get the same through support/bullmq5.mjs.
 */
import { vi } from 'vitest';
import { runBullmqSuite } from './support/suite';

vi.mock('bullmq', async () => await import('bullmq5'));

runBullmqSuite({ major: 5, backend: 'redis' });
