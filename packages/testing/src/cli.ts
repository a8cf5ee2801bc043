/**
 * Entry of the `wa-webhooks` binary (built to `dist/cli.js`; `bin/wa-webhooks.js` loads it, or this
 * source through tsx in a checkout that has not been built).
 *
 * @module
 */
export { main, runCli } from './cli/main';
export { EXIT } from './cli/io';
export type { CliIo, ExitCode } from './cli/io';
