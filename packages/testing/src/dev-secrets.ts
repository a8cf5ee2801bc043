/**
 * The public development secrets: the example apps use them when their environment sets none (and only
 * on a loopback address), and the `wa-webhooks` CLI signs and verifies with them by default, so that
 * `pnpm start` and `wa-webhooks send text` work together with no configuration. They are in this
 * source for anyone to read: never use them for a server others can reach.
 */

/** The app secret of the examples and the CLI's default (`WHATSAPP_APP_SECRET` unset). Public. */
export const DEV_APP_SECRET = 'dev-app-secret';

/** The verify token of the examples and the CLI's default (`WHATSAPP_VERIFY_TOKEN` unset). Public. */
export const DEV_VERIFY_TOKEN = 'dev-verify-token';
