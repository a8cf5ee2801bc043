/**
 * What the CLI talks to: its output streams and environment, injectable so the commands can be run
 * in-process as well as from the `wa-webhooks` binary.
 */

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEV_APP_SECRET } from '../dev-secrets';

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
  /** Reads all of standard input (for `--secret-file -` and the other `-file -` options). */
  readonly readStdin?: () => Promise<string>;
  /** Adds values that must never be printed: every later write replaces them with `[redacted]`. */
  readonly protect?: (secrets: readonly string[]) => void;
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

/** Where the example apps listen by default. */
export const DEFAULT_URL = 'http://127.0.0.1:3000/webhook';

/** Whether a failed request looks like "no server at that address" (rather than a bad host name or TLS). */
export function isServerDown(error: { readonly code: string; readonly systemCode: string | undefined }): boolean {
  return (
    error.code === 'TIMEOUT' ||
    (error.code === 'UNREACHABLE' && error.systemCode !== 'ENOTFOUND' && error.systemCode !== 'EAI_AGAIN')
  );
}

/** Printed after `isServerDown` failures; true inside and outside the wa-webhooks repository. */
export const SERVER_DOWN_HINT =
  'Is the server running? Start your app (in a checkout of the wa-webhooks repository, "pnpm start" starts the Express example), or pass the right --url.\n';

/** Where a secret may come from: a flag (visible in `ps`), a file (`-` is standard input), or a variable. */
export interface SecretSource {
  /** The value of the plain flag, e.g. `--secret`. */
  readonly value: string | undefined;
  /** The value of the file flag, e.g. `--secret-file`. */
  readonly file: string | undefined;
  /** The flag's name without dashes, e.g. `secret` (the file flag is `<flag>-file`). */
  readonly flag: string;
  /** The environment variable read when neither flag is given, e.g. `WHATSAPP_APP_SECRET`. */
  readonly variable: string;
}

/**
 * A secret from `--<flag>`, `--<flag>-file <path|->` or the environment variable, in that order; empty
 * counts as unset. A file holds the value alone; one trailing line break is dropped.
 */
export async function readSecret(source: SecretSource, io: CliIo): Promise<string | undefined> {
  const { value, file, flag, variable } = source;
  if (value !== undefined && file !== undefined) throw new UsageError(`Pass --${flag} or --${flag}-file, not both.`);
  if (value !== undefined) {
    if (value === '') throw new UsageError(`--${flag} must not be empty.`);
    return value;
  }
  if (file !== undefined) {
    const text = await readValueFile(file, `--${flag}-file`, io);
    if (text === '') throw new UsageError(`--${flag}-file ${file} is empty.`);
    return text;
  }
  const fromEnv = io.env[variable];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

async function readValueFile(file: string, option: string, io: CliIo): Promise<string> {
  let text: string;
  if (file === '-') {
    if (io.readStdin === undefined) throw new UsageError(`${option} - needs standard input.`);
    text = await io.readStdin();
  } else {
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new UsageError(
        code === 'ENOENT'
          ? `${option}: file not found: ${file}`
          : `${option}: cannot read ${file} (${code ?? 'error'}).`,
      );
    }
  }
  return text.replace(/\r?\n$/, '');
}

/**
 * `readSecret`, protected from the output once read, or else the public development value `fallback`
 * with a note on stderr naming where a real one goes (`what`: "app secret", "verify token"; `use`: how
 * the fallback is used).
 */
export async function secretOrDevelopment(
  source: SecretSource,
  io: CliIo,
  fallback: { readonly value: string; readonly what: string; readonly use: string },
): Promise<string> {
  const secret = await readSecret(source, io);
  if (secret !== undefined) {
    io.protect?.([secret]);
    return secret;
  }
  io.stderr(
    `Note: no ${fallback.what} given (${source.variable} or --${source.flag}-file): ${fallback.use} "${fallback.value}" of the wa-webhooks examples.\n`,
  );
  return fallback.value;
}

/**
 * The app secret `send` and `flows send` sign with: `--secret`, `--secret-file` or WHATSAPP_APP_SECRET,
 * else the public development secret of the examples (said on stderr).
 */
export function signingSecret(values: { secret?: string; 'secret-file'?: string }, io: CliIo): Promise<string> {
  const source = { value: values.secret, file: values['secret-file'], flag: 'secret', variable: 'WHATSAPP_APP_SECRET' };
  return secretOrDevelopment(source, io, {
    value: DEV_APP_SECRET,
    what: 'app secret',
    use: 'signing with the public development secret',
  });
}
