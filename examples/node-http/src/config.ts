/**
 * Settings from the environment (`.env.example` lists them), with development defaults so that the
 * example starts with no configuration at all — but only while it listens on loopback, where nobody
 * else can reach it. Shared word for word by the examples (each one stands alone when copied).
 */

import { DEV_APP_SECRET, DEV_VERIFY_TOKEN } from '@wa-webhooks/testing';

// The public development secrets are @wa-webhooks/testing's: the CLI signs with the same ones by default.
export { DEV_APP_SECRET, DEV_VERIFY_TOKEN };

/**
 * Server timeouts fit for Meta's traffic: Meta sends each notification (at most about 3 MB) in one go,
 * so a client that takes longer is not Meta, and must not hold a connection (and its buffers) for the
 * 300 s of Node's defaults — or for ever, as on Fastify without `requestTimeout`. SECURITY.md lists
 * these knobs per framework; each example's server code sets them.
 */
export const SERVER_TIMEOUTS = {
  /** The whole request, head and body (Node `server.requestTimeout`; Fastify `requestTimeout`). */
  requestTimeout: 30_000,
  /** The request head (Node `server.headersTimeout`). */
  headersTimeout: 10_000,
  /** A keep-alive connection waiting for its next request (Node `server.keepAliveTimeout`). */
  keepAliveTimeout: 5_000,
  /** A socket with no traffic at all (Node `server.timeout`; Fastify `connectionTimeout`). */
  idleTimeout: 15_000,
  /** How often Node checks the first two (a `createServer` option; its default is 30 s). */
  connectionsCheckingInterval: 1_000,
} as const;

/** The shape of `SERVER_TIMEOUTS` (tests pass shorter ones). */
export type ServerTimeouts = { readonly [Key in keyof typeof SERVER_TIMEOUTS]: number };

/** The example's settings. */
export interface ExampleConfig {
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly host: string;
  readonly port: number;
  /** The variables that were not set and got their development default. */
  readonly defaulted: readonly string[];
}

/** A setting the example cannot start with; the message names the variables to set. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Whether `host` only accepts connections from this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * Reads the settings; empty variables count as unset. The public development defaults apply only on
 * a loopback `HOST`; elsewhere (`0.0.0.0`, a container, a tunnel target) a missing secret is an error.
 *
 * @throws ConfigError for a `PORT` that is not a port number, or a missing secret on a non-loopback `HOST`.
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ExampleConfig {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  const port = Number(value('PORT') ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number from 0 to 65535, not "${env.PORT}".`);
  const host = value('HOST') ?? '127.0.0.1';
  const defaulted = ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'].filter((name) => value(name) === undefined);
  if (defaulted.length > 0 && !isLoopbackHost(host)) {
    throw new ConfigError(
      `HOST=${host} accepts connections from other machines, so the public development defaults are refused: set ${defaulted.join(' and ')} (copy .env.example to .env), or listen on HOST=127.0.0.1.`,
    );
  }
  return {
    appSecret: value('WHATSAPP_APP_SECRET') ?? DEV_APP_SECRET,
    verifyToken: value('WHATSAPP_VERIFY_TOKEN') ?? DEV_VERIFY_TOKEN,
    host,
    port,
    defaulted,
  };
}

/**
 * What the server prints at start: a warning about development defaults, if any, and where to point
 * Meta (or curl). Never a configured secret or token: those are shown as the variable to read them from.
 */
export function startBanner(
  config: ExampleConfig,
  url: string,
  framework: string,
): { warning?: string; lines: string[] } {
  const warning =
    config.defaulted.length === 0
      ? undefined
      : `Warning: ${config.defaulted.join(' and ')} not set: using the public development defaults, on ${config.host} only. Never use them in production (copy .env.example to .env).`;
  const isDevSecret = config.defaulted.includes('WHATSAPP_APP_SECRET');
  const isDevToken = config.defaulted.includes('WHATSAPP_VERIFY_TOKEN');
  const send = [
    'pnpm exec wa-webhooks send text',
    ...(url === 'http://127.0.0.1:3000/webhook' ? [] : [`--url ${url}`]),
  ].join(' ');
  // The CLI reads WHATSAPP_APP_SECRET itself: a --secret flag would show the secret in `ps`.
  const where = isDevSecret ? 'in a second terminal' : 'in a second terminal with WHATSAPP_APP_SECRET exported';
  const token = isDevToken ? DEV_VERIFY_TOKEN : '$WHATSAPP_VERIFY_TOKEN';
  const lines = [
    `WhatsApp webhook (${framework}) listening on ${url}`,
    `Verify it:      curl "${url}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1234"`,
    `Send a message: ${send}   (${where}; \`pnpm exec wa-webhooks kinds\` lists the others)`,
  ];
  return warning === undefined ? { lines } : { warning, lines };
}
