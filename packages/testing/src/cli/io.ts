/**
 * What the CLI talks to: its output streams and environment, injectable so the commands can be run
 * in-process as well as from the `wa-webhooks` binary.
 */

/** The CLI's surroundings. */
export interface CliIo {
  /** Writes to standard output (results: one line per request, the summary, the kinds table). */
  readonly stdout: (text: string) => void;
  /** Writes to standard error (notes, progress, errors). */
  readonly stderr: (text: string) => void;
  /** Environment variables (`WHATSAPP_APP_SECRET`, `WHATSAPP_VERIFY_TOKEN`, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether standard error is a terminal (the progress line then redraws itself in place). */
  readonly isTTY: boolean;
  /** The working directory files are read from. */
  readonly cwd: string;
  /** The package version, for `--version`. */
  readonly version: string;
}

/** Exit codes of `wa-webhooks`, as documented in the README and `wa-webhooks help`. */
export const EXIT = {
  /** Every request was answered 200 / the handshake verified. */
  OK: 0,
  /** The server answered, but not as Meta needs (a non-200 status, a handshake that would not verify). */
  FAILED: 1,
  /** The command line or its input is wrong: unknown command, option or kind, bad number, unreadable or invalid JSON file, invalid URL. */
  USAGE: 2,
  /** No answer: nothing listens at the URL, the request timed out, or TLS failed. */
  UNREACHABLE: 3,
} as const;

/** One of the `EXIT` codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage or input error: printed with its message, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The app secret and verify token the example apps use when the environment sets none. */
export const DEV_APP_SECRET = 'dev-app-secret';
/** See `DEV_APP_SECRET`. */
export const DEV_VERIFY_TOKEN = 'dev-verify-token';
/** Where the example apps listen by default. */
export const DEFAULT_URL = 'http://127.0.0.1:3000/webhook';

/** Whether a failed request looks like "no server at that address" (rather than a bad host name or TLS). */
export function isServerDown(error: { readonly code: string; readonly systemCode: string | undefined }): boolean {
  return (
    error.code === 'TIMEOUT' ||
    (error.code === 'UNREACHABLE' && error.systemCode !== 'ENOTFOUND' && error.systemCode !== 'EAI_AGAIN')
  );
}

/** Printed after `isServerDown` failures. */
export const SERVER_DOWN_HINT =
  'Is the server running? Start the Express example with "pnpm start" at the repository root, or pass the right --url.\n';

/** A flag's value, else the environment variable's; empty counts as unset. */
export function fromFlagOrEnv(
  value: string | undefined,
  io: CliIo,
  variable: string,
  flag: string,
): string | undefined {
  if (value !== undefined) {
    if (value === '') throw new UsageError(`--${flag} must not be empty.`);
    return value;
  }
  const fromEnv = io.env[variable];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}
