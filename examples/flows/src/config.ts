/**
 * Settings from the environment (`.env.example` lists them). The private key comes from
 * `FLOWS_PRIVATE_KEY` (PEM text) or the file `FLOWS_PRIVATE_KEY_FILE` (default `keys/private.pem`,
 * which `pnpm keygen` writes). Without an app secret the example uses the public development secret
 * that the `wa-webhooks` CLI also signs with, and warns.
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

/** Reads the settings; empty variables count as unset. `cwd` is where a relative key file is read from. */
export function readConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): ExampleConfig {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  const port = Number(value('PORT') ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, not "${env.PORT}".`);
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
    host: value('HOST') ?? '127.0.0.1',
    port,
    devSecret: appSecret === undefined,
  };
}

/** What the server prints at start: a warning about the development secret, if used, and how to try it. */
export function startBanner(config: ExampleConfig, url: string): { warning?: string; lines: string[] } {
  const send = [
    'pnpm exec wa-webhooks flows send ping',
    ...(url === 'http://127.0.0.1:3000/flows' ? [] : [`--url ${url}`]),
    ...(config.devSecret ? [] : ['--secret "$WHATSAPP_APP_SECRET"']),
  ].join(' ');
  const lines = [
    `WhatsApp Flows endpoint (Express) listening on ${url}`,
    `Private key:  ${config.keySource}`,
    `Try it:       ${send}   (in a second terminal; also INIT, data_exchange --screen APPOINTMENT --data '{…}', BACK, error)`,
  ];
  if (!config.devSecret) return { lines };
  return {
    warning: `Warning: WHATSAPP_APP_SECRET is not set: using the public development secret "${DEV_APP_SECRET}". Never in production (copy .env.example to .env).`,
    lines,
  };
}
