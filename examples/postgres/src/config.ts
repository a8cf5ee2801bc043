/**
 * Settings of both processes, from the environment (`.env.example` lists them), with development
 * defaults so that the example starts against a local PostgreSQL with no configuration at all.
 */
import pg from 'pg';

/** The app secret used when `WHATSAPP_APP_SECRET` is not set. The `wa-webhooks` CLI signs with it by default. */
export const DEV_APP_SECRET = 'dev-app-secret';
/** The verify token used when `WHATSAPP_VERIFY_TOKEN` is not set. */
export const DEV_VERIFY_TOKEN = 'dev-verify-token';
/** The database used when `DATABASE_URL` is not set. */
export const DEV_DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
/** The queue both processes use. */
export const QUEUE_NAME = 'whatsapp';

/**
 * Server timeouts fit for Meta's traffic (each notification arrives in one go), instead of Node's 300 s
 * for a request whose body never ends. The same values as the other examples (SECURITY.md, "Slow clients").
 */
export const SERVER_TIMEOUTS = {
  requestTimeout: 30_000,
  headersTimeout: 10_000,
  keepAliveTimeout: 5_000,
  idleTimeout: 15_000,
  connectionsCheckingInterval: 1_000,
} as const;

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

/** The example's settings. */
export interface ExampleConfig {
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly databaseUrl: string;
  readonly host: string;
  readonly port: number;
  /** The secrets that were not set and got their development default. */
  readonly defaulted: readonly string[];
}

/** Loads `.env` if there is one (variables already set win). */
export function loadEnvFile(): void {
  try {
    process.loadEnvFile('.env');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
}

/**
 * Reads the settings; empty variables count as unset.
 *
 * @throws ConfigError for a `PORT` that is not a port number.
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ExampleConfig {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  const port = Number(value('PORT') ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, not "${env.PORT}".`);
  return {
    appSecret: value('WHATSAPP_APP_SECRET') ?? DEV_APP_SECRET,
    verifyToken: value('WHATSAPP_VERIFY_TOKEN') ?? DEV_VERIFY_TOKEN,
    databaseUrl: value('DATABASE_URL') ?? DEV_DATABASE_URL,
    host: value('HOST') ?? '127.0.0.1',
    port,
    defaulted: ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'].filter((name) => value(name) === undefined),
  };
}

/**
 * The server's check before it listens: the public development defaults only on a loopback `HOST`;
 * elsewhere (`0.0.0.0`, a container, a tunnel target) anyone could sign a notification with them.
 *
 * @throws ConfigError naming the variables to set.
 */
export function checkListenConfig(config: ExampleConfig): void {
  if (config.defaulted.length === 0 || isLoopbackHost(config.host)) return;
  throw new ConfigError(
    `HOST=${config.host} accepts connections from other machines, so the public development defaults are refused: set ${config.defaulted.join(' and ')} (copy .env.example to .env), or listen on HOST=127.0.0.1.`,
  );
}

/**
 * BullMQ's connection to PostgreSQL: a pool config it owns. `migrate: true` creates or upgrades its
 * schema ("bullmq") at start; concurrent starters wait for one another.
 */
export function queueConnection(config: ExampleConfig) {
  return { connectionString: config.databaseUrl, migrate: true, max: 5, connectionTimeoutMillis: 2000 };
}

/** A pool for the dedupe store: short connection timeout, so that an outage answers 500 quickly. */
export function dedupePool(config: ExampleConfig): pg.Pool {
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 5, connectionTimeoutMillis: 2000 });
  // Idle connections the server dropped (a restart): the pool reconnects on next use.
  pool.on('error', () => undefined);
  return pool;
}

/** Where the database is, without its password (for log lines). */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured database';
  }
}
