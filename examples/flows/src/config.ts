/**
 * Settings from the environment (`.env.example` lists them). The private key comes from
 * `FLOWS_PRIVATE_KEY` (PEM text) or the file `FLOWS_PRIVATE_KEY_FILE` (default `keys/private.pem`,
 * which `pnpm keygen` writes). Without an app secret the example uses the public development secret
 * that the `wa-webhooks` CLI also signs with, and warns; only while it listens on loopback, where nobody
 * else can reach it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The app secret used when `WHATSAPP_APP_SECRET` is not set. */
export const DEV_APP_SECRET = 'dev-app-secret';

/** The example's settings. */
export interface ExampleConfig {
  readonly appSecret: string;
  readonly privateKey: string;
  readonly passphrase: string | undefined;
  /** Where the key came from, for the start banner: `FLOWS_PRIVATE_KEY` or the file's path. */
  readonly keySource: string;
  readonly host: string;
  readonly port: number;
  /** Whether the development app secret is in use. */
  readonly devSecret: boolean;
}

/** A setting that is missing or wrong; the server prints the message and exits. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Server timeouts fit for Meta's traffic (each request arrives in one go), instead of Node's 300 s for a
 * request whose body never ends. The same values as the webhook examples (SECURITY.md, "Slow clients").
 */
export const SERVER_TIMEOUTS = {
  requestTimeout: 30_000,
  headersTimeout: 10_000,
  keepAliveTimeout: 5_000,
  idleTimeout: 15_000,
  connectionsCheckingInterval: 1_000,
} as const;

/** Whether `host` only accepts connections from this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * Reads the settings; empty variables count as unset. `cwd` is where a relative key file is read from.
 *
 * @throws ConfigError for a bad `PORT`, a missing key, or no app secret on a non-loopback `HOST` (the
 * public development secret would let anyone sign requests).
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): ExampleConfig {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  const port = Number(value('PORT') ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, not "${env.PORT}".`);
  const host = value('HOST') ?? '127.0.0.1';
  if (value('WHATSAPP_APP_SECRET') === undefined && !isLoopbackHost(host)) {
    throw new ConfigError(
      `HOST=${host} accepts connections from other machines, so the public development secret is refused: set WHATSAPP_APP_SECRET (copy .env.example to .env), or listen on HOST=127.0.0.1.`,
    );
  }
  let privateKey = value('FLOWS_PRIVATE_KEY');
  let keySource = 'FLOWS_PRIVATE_KEY';
  if (privateKey === undefined) {
    keySource = value('FLOWS_PRIVATE_KEY_FILE') ?? 'keys/private.pem';
    try {
      privateKey = readFileSync(resolve(cwd, keySource), 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new ConfigError(
        code === 'ENOENT'
          ? `No private key at ${keySource}. Create a key pair first: pnpm keygen (then upload keys/public.pem: see README.md).`
          : `Cannot read the private key ${keySource} (${code ?? String(error)}).`,
      );
    }
  }
  const appSecret = value('WHATSAPP_APP_SECRET');
  return {
    appSecret: appSecret ?? DEV_APP_SECRET,
    privateKey,
    passphrase: value('FLOWS_PASSPHRASE'),
    keySource,
    host,
    port,
    devSecret: appSecret === undefined,
  };
}

/** What the server prints at start: a warning about the development secret, if used, and how to try it. */
export function startBanner(config: ExampleConfig, url: string): { warning?: string; lines: string[] } {
  const send = [
    'pnpm exec wa-webhooks flows send ping',
    ...(url === 'http://127.0.0.1:3000/flows' ? [] : [`--url ${url}`]),
  ].join(' ');
  // The CLI reads WHATSAPP_APP_SECRET itself: a --secret flag would show the secret in `ps`.
  const where = config.devSecret ? 'in a second terminal' : 'in a second terminal with WHATSAPP_APP_SECRET exported';
  const lines = [
    `WhatsApp Flows endpoint (Express) listening on ${url}`,
    `Private key:  ${config.keySource}`,
    `Try it:       ${send}   (${where}; also INIT, data_exchange --screen APPOINTMENT --data '{…}', BACK, error)`,
  ];
  if (!config.devSecret) return { lines };
  return {
    warning: `Warning: WHATSAPP_APP_SECRET is not set: using the public development secret "${DEV_APP_SECRET}", on ${config.host} only. Never in production (copy .env.example to .env).`,
    lines,
  };
}
