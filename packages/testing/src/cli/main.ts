/**
 * The `wa-webhooks` command line: `send`, `kinds`, `handshake`, `setup`, `status`, `help`. `runCli` takes the arguments
 * and its surroundings and returns the exit code, so it runs the same from the binary and in-process.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SendError } from '../errors';
import { checkHandshake, tlsHint } from '../handshake';
import { FIXTURE_KINDS, findFixtureKind, suggestKinds } from '../kinds';
import { parseUrl } from '../send';
import {
  DEFAULT_URL,
  DEV_APP_SECRET,
  DEV_VERIFY_TOKEN,
  EXIT,
  fromFlagOrEnv,
  isServerDown,
  SERVER_DOWN_HINT,
  UsageError,
  type CliIo,
  type ExitCode,
} from './io';
import { runSend, type SendTarget } from './send-command';
import { runSetup } from './setup-command';
import { runStatus } from './status-command';
import { DEFAULT_GRAPH_API_VERSION, GraphApiError, SetupError } from '@wa-webhooks/setup';

const HELP = `wa-webhooks: send signed WhatsApp webhook notifications to your server, like Meta does, and set up
Meta's side (callback URL, fields, WABA subscriptions, overrides) without the App Dashboard.

Usage:
  wa-webhooks send <kind|file.json> [options]   sign and POST a notification
  wa-webhooks kinds [--json]                    list the built-in kinds
  wa-webhooks handshake [options]               check the GET verification the way Meta does it
  wa-webhooks setup --app-id <id> --waba-id <id> --callback-url <url> [options]
                                                subscribe the app and its WABAs (Graph API), only what differs
  wa-webhooks status --app-id <id> [--waba-id <id>] [options]
                                                show where notifications go, and warn about the traps
  wa-webhooks flows <keygen|upload-key|send>    WhatsApp Flows data endpoint: key pair, key upload, test requests
  wa-webhooks help                              show this help

send options:
  --url <url>          webhook URL (default ${DEFAULT_URL})
  --secret <secret>    app secret to sign with (default: $WHATSAPP_APP_SECRET, else the examples' "${DEV_APP_SECRET}")
  --batch <n>          events per request, 1-1000 (kinds only; default 1)
  --repeat <n>         number of requests (default 1); each kind request gets fresh ids
  --concurrency <n>    requests in flight at a time (default 1)
  --escaping <mode>    meta (default): escape "/" and non-ASCII like Meta's wire format; none: plain JSON
  --timeout <ms>       give up on a request after this long (default 10000)
  --quiet              print only failed requests and the summary

handshake options:
  --url <url>          webhook URL (default ${DEFAULT_URL})
  --token <token>      verify token (default: $WHATSAPP_VERIFY_TOKEN, else the examples' "${DEV_VERIFY_TOKEN}")
  --challenge <text>   hub.challenge to send (default: a random 10-digit number, as Meta sends)
  --timeout <ms>       give up after this long (default 10000)

setup and status options:
  --app-id <id>             the app id (App Dashboard → App settings → Basic)
  --waba-id <id>            a WhatsApp Business Account id; repeat (or comma-separate) for several
  --phone-number-id <id>    a business phone number id; repeat (or comma-separate) for several
  --access-token <token>    system user token with whatsapp_business_management (default: $WHATSAPP_ACCESS_TOKEN)
  --app-secret <secret>     app secret, for the app access token app subscriptions need (default: $WHATSAPP_APP_SECRET)
  --verify-token <token>    the verify token your server checks (default: $WHATSAPP_VERIFY_TOKEN)
  --graph-url <url>         Graph API base URL (default: $WHATSAPP_GRAPH_URL, else https://graph.facebook.com)
  --api-version <version>   Graph API version (default ${DEFAULT_GRAPH_API_VERSION})

setup options:
  --callback-url <url>      where notifications go: https, reachable from the internet
  --fields <a,b,…>          the app's fields, exactly (default: keep them; "messages" for a new subscription)
  --override                make the callback URL an override of the WABAs, or of the --phone-number-id numbers,
                            and keep the app's callback URL (overrides carry messages, calls, history, smb_* and
                            group_* fields, never template or account fields). Without it, overrides on the
                            --waba-id WABAs and --phone-number-id numbers are removed, so that they use the app's
                            callback URL: run with --dry-run first to see what changes
  --dry-run                 print the changes without making them

status options:
  --config <module>         a .ts or .js module that exports your webhooks object (export const webhooks =
                            createWebhooks(…)): warns about subscribed fields no handler listens to

Prefer the environment variables to the token flags: command lines are visible to other users. Tokens and
secrets are never printed.

A <kind> is a name from "wa-webhooks kinds" (text, button_reply, delivered, message_template_status_update, …)
or its event name (messages.text, statuses.delivered, …). A file is sent byte for byte, as it is.

Exit codes:
  0  every request was answered 200 / the handshake would verify
  1  the server answered, but not as Meta needs (non-200, handshake failure); setup/status: the Graph API answered an error
  2  usage or input error (unknown command, option or kind, bad number, unreadable or invalid JSON file, invalid URL, missing token)
  3  no answer (nothing listens at the URL, timeout, TLS failure, Graph API unreachable)
`;

function positiveInteger(
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

function checkedUrl(value: string | undefined): string {
  const url = value ?? DEFAULT_URL;
  try {
    return parseUrl(url).href;
  } catch {
    throw new UsageError(`--url must be an http:// or https:// URL, not "${url}".`);
  }
}

/** Decides whether the argument of `send` is a kind or a file, and reads the file. */
async function resolveTarget(argument: string, io: CliIo): Promise<SendTarget> {
  const kind = findFixtureKind(argument);
  if (kind !== undefined) return { type: 'kind', kind };
  const looksLikeFile = /\.json$/i.test(argument) || /[\\/]/.test(argument);
  if (!looksLikeFile) {
    const suggestions = suggestKinds(argument);
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((name) => `"${name}"`).join(' or ')}?` : '';
    throw new UsageError(
      `Unknown kind "${argument}".${hint} Run "wa-webhooks kinds" for the list, or pass a .json file.`,
    );
  }
  const path = resolve(io.cwd, argument);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
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

function secretFrom(value: string | undefined, io: CliIo): string {
  const secret = fromFlagOrEnv(value, io, 'WHATSAPP_APP_SECRET', 'secret');
  if (secret !== undefined) return secret;
  io.stderr(
    `Note: signing with the examples' development secret "${DEV_APP_SECRET}" (set WHATSAPP_APP_SECRET or pass --secret for your own server).\n`,
  );
  return DEV_APP_SECRET;
}

function tokenFrom(value: string | undefined, io: CliIo): string {
  const token = fromFlagOrEnv(value, io, 'WHATSAPP_VERIFY_TOKEN', 'token');
  if (token !== undefined) return token;
  io.stderr(
    `Note: using the examples' development verify token "${DEV_VERIFY_TOKEN}" (set WHATSAPP_VERIFY_TOKEN or pass --token for your own server).\n`,
  );
  return DEV_VERIFY_TOKEN;
}

async function send(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      secret: { type: 'string' },
      batch: { type: 'string' },
      repeat: { type: 'string' },
      concurrency: { type: 'string' },
      escaping: { type: 'string' },
      timeout: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
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
  const secret = secretFrom(values.secret, io);
  const hint = tlsHint(new URL(url));
  if (hint !== undefined) io.stderr(`Note: ${hint}\n`);
  return runSend(
    {
      target,
      url,
      secret,
      batch,
      repeat,
      concurrency,
      timeout,
      metaEscaping: escaping === 'meta',
      quiet: values.quiet === true,
    },
    io,
  );
}

function kinds(args: string[], io: CliIo): ExitCode {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  if (values.json === true) {
    io.stdout(`${JSON.stringify(FIXTURE_KINDS, null, 2)}\n`);
    return EXIT.OK;
  }
  const nameWidth = Math.max(...FIXTURE_KINDS.map((kind) => kind.name.length));
  const eventWidth = Math.max(...FIXTURE_KINDS.map((kind) => kind.event.length));
  for (const kind of FIXTURE_KINDS) {
    io.stdout(`${kind.name.padEnd(nameWidth)}  ${kind.event.padEnd(eventWidth)}  ${kind.description}\n`);
  }
  io.stderr(`${FIXTURE_KINDS.length} kinds. Send one with "wa-webhooks send <kind>".\n`);
  return EXIT.OK;
}

async function handshake(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      challenge: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const url = checkedUrl(values.url);
  const timeout = positiveInteger('timeout', values.timeout, 10_000);
  if (values.challenge === '') throw new UsageError('--challenge must not be empty.');
  const token = tokenFrom(values.token, io);
  const report = await checkHandshake(url, {
    token,
    timeout,
    ...(values.challenge === undefined ? {} : { challenge: values.challenge }),
  });
  io.stdout(`GET ${report.url}\n`);
  if (report.failure === undefined) {
    io.stdout(`Verified: ${report.status} with the challenge echoed (${report.contentType || 'no content-type'}).\n`);
  } else {
    io.stdout(`Not verified (${report.failure.code}): ${report.failure.message}\n`);
  }
  for (const note of report.notes) io.stdout(`Note: ${note}\n`);
  return report.verified ? EXIT.OK : EXIT.FAILED;
}

/**
 * Runs `wa-webhooks` with `argv` (without the node and script paths) and returns the exit code. Never
 * throws for user errors: they are printed to `io.stderr` and mapped to the documented exit codes.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'send':
        return await send(rest, io);
      case 'kinds':
        return kinds(rest, io);
      case 'handshake':
        return await handshake(rest, io);
      case 'setup':
        return await runSetup(rest, io);
      case 'status':
        return await runStatus(rest, io);
      case 'flows': // loaded on demand: the other commands start without the Flows code
        return await (await import('./flows-command')).runFlows(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return EXIT.OK;
      case '--version':
      case '-v':
        io.stdout(`${io.version}\n`);
        return EXIT.OK;
      default:
        throw new UsageError(`Unknown command "${command}". Commands: send, kinds, handshake, setup, status, help.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`Error: ${error.message}\n`);
      return EXIT.USAGE;
    }
    if (error instanceof SendError) {
      io.stderr(`Error: ${error.message}\n`);
      if (isServerDown(error)) {
        io.stderr(SERVER_DOWN_HINT);
      }
      return error.code === 'INVALID_URL' ? EXIT.USAGE : EXIT.UNREACHABLE;
    }
    if (error instanceof GraphApiError) {
      io.stderr(`Error: ${error.message}${error.fbtraceId === undefined ? '' : ` (fbtrace_id ${error.fbtraceId})`}\n`);
      if (error.hint !== undefined) io.stderr(`Hint: ${error.hint}\n`);
      return EXIT.FAILED;
    }
    if (error instanceof SetupError) {
      io.stderr(`Error: ${error.message}\n`);
      return error.code === 'GRAPH_UNREACHABLE'
        ? EXIT.UNREACHABLE
        : error.code === 'GRAPH_INVALID_RESPONSE'
          ? EXIT.FAILED
          : EXIT.USAGE;
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      io.stderr(`Error: ${(error as Error).message}. Run "wa-webhooks help".\n`);
      return EXIT.USAGE;
    }
    throw error;
  }
}

/** Runs the CLI in this process, on `process.argv`, and sets `process.exitCode`. Used by `bin/wa-webhooks.js`. */
export async function main(version: string): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    isTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
    version,
  });
}
