/** The BullMQ suite on BullMQ 6's PostgreSQL backend (`createPostgresBackend`), with the PostgreSQL dedupe store. */
import { runBullmqSuite } from './support/suite';

runBullmqSuite({ major: 6, backend: 'postgres' });
