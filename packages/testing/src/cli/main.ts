/**
 * The `wa-webhooks` command line: `send`, `kinds`, `handshake`, `setup`, `status`, `flows`, `help`. `runCli`
 * takes the arguments and its surroundings and returns the exit code, so it runs the same from the binary
 * and in-process.
 */
import { parseArgs } from 'node:util';
import { createRedactor, GraphApiError, SetupError } from '@wa-webhooks/setup';
import { DEV_VERIFY_TOKEN } from '../dev-secrets';
import { SendError } from '../errors';
import { checkHandshake } from '../handshake';
import { FIXTURE_KINDS } from '../kinds';
import { asksForHelp, COMMAND_LIST, helpText, isCommand, type Command } from './help';
import { EXIT, isServerDown, secretOrDevelopment, SERVER_DOWN_HINT, UsageError, type CliIo, type ExitCode } from './io';
import { checkedUrl, parseSendArgs, positiveInteger, UNKNOWN_TYPE_KIND } from './send-args';
import { runSend } from './send-command';
import { runSetup } from './setup-command';
import { runStatus } from './status-command';

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
  io.stderr(
    `${FIXTURE_KINDS.length} kinds. Send one with "wa-webhooks send <kind>"; "wa-webhooks send ${UNKNOWN_TYPE_KIND}" sends a type no schema knows (onUnknown).\n`,
  );
  return EXIT.OK;
}

function tokenFrom(values: { token?: string; 'token-file'?: string }, io: CliIo): Promise<string> {
  const source = { value: values.token, file: values['token-file'], flag: 'token', variable: 'WHATSAPP_VERIFY_TOKEN' };
  return secretOrDevelopment(source, io, {
    value: DEV_VERIFY_TOKEN,
    what: 'verify token',
    use: 'using the public development token',
  });
}

async function handshake(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      challenge: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const url = checkedUrl(values.url);
  const timeout = positiveInteger('timeout', values.timeout, 10_000);
  if (values.challenge === '') throw new UsageError('--challenge must not be empty.');
  const token = await tokenFrom(values, io);
  const report = await checkHandshake(url, {
    token,
    timeout,
    ...(values.challenge === undefined ? {} : { challenge: values.challenge }),
  });
  // report.url shows the token as ***.
  io.stdout(`GET ${report.url}\n`);
  if (report.failure === undefined) {
    io.stdout(`Verified: ${report.status} with the challenge echoed (${report.contentType || 'no content-type'}).\n`);
  } else {
    io.stdout(`Not verified (${report.failure.code}): ${report.failure.message}\n`);
  }
  for (const note of report.notes) io.stdout(`Note: ${note}\n`);
  return report.verified ? EXIT.OK : EXIT.FAILED;
}

async function run(command: Command, args: string[], io: CliIo): Promise<ExitCode> {
  switch (command) {
    case 'send':
      return runSend(await parseSendArgs(args, io), io);
    case 'kinds':
      return kinds(args, io);
    case 'handshake':
      return handshake(args, io);
    case 'setup':
      return runSetup(args, io);
    case 'status':
      return runStatus(args, io);
    case 'flows': // loaded on demand: the other commands start without the Flows code
      return (await import('./flows-command')).runFlows(args, io);
    case 'help': {
      const [topic, ...extra] = args.filter((arg) => arg !== '--help' && arg !== '-h');
      if (extra.length > 0 || (topic !== undefined && !isCommand(topic)))
        throw new UsageError(`No help for "${args.join(' ')}". Commands: ${COMMAND_LIST}.`);
      io.stdout(await helpText(topic as Command | undefined));
      return EXIT.OK;
    }
  }
}

/** Prints a known error and returns its exit code; `undefined` for anything else. */
function report(error: unknown, io: CliIo): ExitCode | undefined {
  if (error instanceof UsageError) {
    io.stderr(`Error: ${error.message}\n`);
    return EXIT.USAGE;
  }
  if (error instanceof SendError) {
    io.stderr(`Error: ${error.message}\n`);
    if (isServerDown(error)) io.stderr(SERVER_DOWN_HINT);
    return error.code === 'INVALID_URL' ? EXIT.USAGE : EXIT.UNREACHABLE;
  }
  if (error instanceof GraphApiError) {
    io.stderr(`Error: ${error.message}${error.fbtraceId === undefined ? '' : ` (fbtrace_id ${error.fbtraceId})`}\n`);
    if (error.hint !== undefined) io.stderr(`Hint: ${error.hint}\n`);
    return EXIT.FAILED;
  }
  if (error instanceof SetupError) {
    io.stderr(`Error: ${error.message}\n`);
    if (error.code === 'GRAPH_UNREACHABLE') return EXIT.UNREACHABLE;
    return error.code === 'GRAPH_INVALID_RESPONSE' ? EXIT.FAILED : EXIT.USAGE;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
    io.stderr(`Error: ${(error as Error).message}. Run "wa-webhooks help".\n`);
    return EXIT.USAGE;
  }
  return undefined;
}

/** `io` whose writes never show a value passed to `protect()` (tokens, secrets), whatever prints it. */
function guarded(io: CliIo): CliIo {
  const secrets: string[] = [];
  let redact = createRedactor(secrets);
  return {
    ...io,
    stdout: (text) => io.stdout(redact(text)),
    stderr: (text) => io.stderr(redact(text)),
    protect: (values) => {
      secrets.push(...values);
      redact = createRedactor(secrets);
    },
  };
}

/**
 * Runs `wa-webhooks` with `argv` (without the node and script paths) and returns the exit code. Never
 * throws for user errors: they are printed to `io.stderr` and mapped to the documented exit codes.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = argv;
  const out = guarded(io);
  try {
    if (command === undefined || command === '--help' || command === '-h') return await run('help', [], out);
    if (command === '--version' || command === '-v') {
      out.stdout(`${io.version}\n`);
      return EXIT.OK;
    }
    if (!isCommand(command)) throw new UsageError(`Unknown command "${command}". Commands: ${COMMAND_LIST}.`);
    if (command !== 'help' && asksForHelp(command, rest)) return await run('help', [command], out);
    return await run(command, rest, out);
  } catch (error) {
    const exit = report(error, out);
    if (exit === undefined) throw error;
    return exit;
  }
}

/** Reads all of standard input as UTF-8. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
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
    readStdin,
  });
}
