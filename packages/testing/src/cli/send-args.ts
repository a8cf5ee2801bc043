/**
 * The command line of `wa-webhooks send`: options, numbers and the target (a kind, `unknown_type`, or a
 * JSON file), checked before anything is sent.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tlsHint } from '../handshake';
import { findFixtureKind, suggestKinds } from '../kinds';
import { parseUrl } from '../send';
import { DEFAULT_URL, signingSecret, UsageError, type CliIo } from './io';
import type { SendRunOptions, SendTarget } from './send-command';

/** The pseudo-kind that sends a message type no schema knows (it reaches `onUnknown`). */
export const UNKNOWN_TYPE_KIND = 'unknown_type';

/** `--<name>` as a whole number from 1 to `max`, or `fallback` when absent. */
export function positiveInteger(
  name: string,
  value: string | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new UsageError(
      `--${name} must be a whole number from 1 to ${max === Number.MAX_SAFE_INTEGER ? '…' : max}, not "${value}".`,
    );
  }
  return Number(value);
}

/** `--url` checked, or the default URL. */
export function checkedUrl(value: string | undefined): string {
  const url = value ?? DEFAULT_URL;
  try {
    return parseUrl(url).href;
  } catch {
    throw new UsageError(`--url must be an http:// or https:// URL, not "${url}".`);
  }
}

async function readJsonFile(argument: string, io: CliIo): Promise<SendTarget> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(resolve(io.cwd, argument)));
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      code === 'ENOENT' ? `File not found: ${argument}` : `Cannot read ${argument} (${code ?? String(error)}).`,
    );
  }
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'not UTF-8';
    throw new UsageError(`${argument} is not valid JSON (${reason}). A webhook body is one JSON object.`);
  }
  return { type: 'file', path: argument, bytes };
}

/** Decides whether the argument of `send` is a kind, `unknown_type` or a file, and reads the file. */
export async function resolveTarget(argument: string, io: CliIo): Promise<SendTarget> {
  if (argument === UNKNOWN_TYPE_KIND) return { type: 'unknown' };
  const kind = findFixtureKind(argument);
  if (kind !== undefined) return { type: 'kind', kind };
  if (/\.json$/i.test(argument) || /[\\/]/.test(argument)) return readJsonFile(argument, io);
  const suggestions = suggestKinds(argument);
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((name) => `"${name}"`).join(' or ')}?` : '';
  throw new UsageError(
    `Unknown kind "${argument}".${hint} Run "wa-webhooks kinds" for the list, or pass a .json file.`,
  );
}

const OPTIONS = {
  url: { type: 'string' },
  secret: { type: 'string' },
  'secret-file': { type: 'string' },
  batch: { type: 'string' },
  repeat: { type: 'string' },
  concurrency: { type: 'string' },
  escaping: { type: 'string' },
  timeout: { type: 'string' },
  duplicate: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

/** Parses `wa-webhooks send <args>` into the settings of a run. */
export async function parseSendArgs(args: string[], io: CliIo): Promise<SendRunOptions> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'send needs a kind or a .json file, e.g. "wa-webhooks send text".'
        : `send takes one kind or file, got ${positionals.length}: ${positionals.join(' ')}.`,
    );
  }
  const escaping = values.escaping ?? 'meta';
  if (escaping !== 'meta' && escaping !== 'none')
    throw new UsageError(`--escaping must be "meta" or "none", not "${escaping}".`);
  const url = checkedUrl(values.url);
  const batch = positiveInteger('batch', values.batch, 1, 1000);
  const repeat = positiveInteger('repeat', values.repeat, 1);
  const concurrency = positiveInteger('concurrency', values.concurrency, 1);
  const timeout = positiveInteger('timeout', values.timeout, 10_000);
  const target = await resolveTarget(positionals[0]!, io);
  if (target.type === 'file' && batch > 1)
    throw new UsageError('--batch works with kinds only: a file is sent as it is.');
  const secret = await signingSecret(values, io);
  const hint = tlsHint(new URL(url));
  if (hint !== undefined) io.stderr(`Note: ${hint}\n`);
  return {
    target,
    url,
    secret,
    batch,
    repeat,
    concurrency,
    timeout,
    metaEscaping: escaping === 'meta',
    duplicate: values.duplicate === true,
    quiet: values.quiet === true,
  };
}
