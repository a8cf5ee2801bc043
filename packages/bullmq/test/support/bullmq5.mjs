// `node --import ./bullmq5.mjs …`: run a process with `bullmq` resolving to BullMQ 5.
import { register } from 'node:module';

register('./bullmq5-hooks.mjs', import.meta.url);
