import { runExampleConfigTests } from '@wa-webhooks/test-kit';
import { readConfig, startBanner } from '../src/config';

runExampleConfigTests({ readConfig, startBanner });
