/**
 * Settings from the environment (`.env.example` lists them), with development defaults so that the
 * example starts with no configuration at all.
 */

/** The app secret used when `WHATSAPP_APP_SECRET` is not set. The `wa-webhooks` CLI signs with it by default. */
export const DEV_APP_SECRET = 'dev-app-secret';
/** The verify token used when `WHATSAPP_VERIFY_TOKEN` is not set. */
export const DEV_VERIFY_TOKEN = 'dev-verify-token';

/** The example's settings. */
export interface ExampleConfig {
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly host: string;
  readonly port: number;
  /** The variables that were not set and got their development default. */
  readonly defaulted: readonly string[];
}

/** Reads the settings; empty variables count as unset. Throws for a `PORT` that is not a port number. */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ExampleConfig {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  const port = Number(value('PORT') ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RangeError(`PORT must be a port number, not "${env.PORT}".`);
  return {
    appSecret: value('WHATSAPP_APP_SECRET') ?? DEV_APP_SECRET,
    verifyToken: value('WHATSAPP_VERIFY_TOKEN') ?? DEV_VERIFY_TOKEN,
    host: value('HOST') ?? '127.0.0.1',
    port,
    defaulted: ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'].filter((name) => value(name) === undefined),
  };
}

/** What the server prints at start: a warning about development defaults, if any, and where to point Meta (or curl). */
export function startBanner(
  config: ExampleConfig,
  url: string,
  framework: string,
): { warning?: string; lines: string[] } {
  const warning =
    config.defaulted.length === 0
      ? undefined
      : `Warning: ${config.defaulted.join(' and ')} not set: using the development defaults (app secret "${DEV_APP_SECRET}", verify token "${DEV_VERIFY_TOKEN}"). They are public: never use them in production (copy .env.example to .env).`;
  const send = [
    'pnpm exec wa-webhooks send text',
    ...(url === 'http://127.0.0.1:3000/webhook' ? [] : [`--url ${url}`]),
    ...(config.appSecret === DEV_APP_SECRET ? [] : ['--secret "$WHATSAPP_APP_SECRET"']),
  ].join(' ');
  const token = config.verifyToken === DEV_VERIFY_TOKEN ? DEV_VERIFY_TOKEN : '$WHATSAPP_VERIFY_TOKEN';
  const lines = [
    `WhatsApp webhook (${framework}) listening on ${url}`,
    `Verify it:      curl "${url}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1234"`,
    `Send a message: ${send}   (in a second terminal; \`pnpm exec wa-webhooks kinds\` lists the others)`,
  ];
  return warning === undefined ? { lines } : { warning, lines };
}
