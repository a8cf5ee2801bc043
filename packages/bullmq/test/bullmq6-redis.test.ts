/** The BullMQ suite on BullMQ 6 with its default backend, Redis. */
import { runBullmqSuite } from './support/suite';

runBullmqSuite({ major: 6, backend: 'redis' });
