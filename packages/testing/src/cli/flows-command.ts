/**
 * `wa-webhooks flows …`: what a WhatsApp Flows data endpoint needs besides its code.
 *
 * - `keygen`: a new RSA key pair in `<out>/private.pem` (mode 0600; encrypted when $FLOWS_PASSPHRASE is
 *   set) and `<out>/public.pem`, the public key also printed, ready to upload;
 * - `upload-key`: sets the phone number's business public key through the Graph API's WhatsApp Business
 *   Encryption endpoint, then reads back its signature status;
 * - `send <action>`: encrypts and signs a request as WhatsApp does, POSTs it, decrypts the answer.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEncryptionClient, DEFAULT_GRAPH_URL } from '@wa-webhooks/setup';
import {
  buildFlowRequest,
  FLOW_REQUEST_ACTIONS,
  generateFlowKeyPair,
  sendFlowRequest,
  type FlowRequestAction,
} from '../flows';
import { DEV_APP_SECRET } from '../dev-secrets';
import { TestingError } from '../errors';
import { EXIT, readSecret, signingSecret, UsageError, type CliIo, type ExitCode } from './io';

/** Where `wa-webhooks flows send` posts by default: the Flows example's route. */
export const DEFAULT_FLOWS_URL = 'http://127.0.0.1:3000/flows';
const DEFAULT_KEY_DIR = 'keys';

/** The help page of `wa-webhooks flows` (`wa-webhooks help flows` adds the notes on secrets and exit codes). */
export const FLOWS_HELP = `wa-webhooks flows <keygen|upload-key|send>: the WhatsApp Flows data endpoint (@wa-webhooks/flows).

Usage:
  wa-webhooks flows keygen [--out <dir>] [--bits 2048|3072|4096] [--force]
      write <dir>/private.pem and <dir>/public.pem (default dir "${DEFAULT_KEY_DIR}") and print the public key.
      The private key is encrypted (PKCS#8, AES-256-CBC) with $FLOWS_PASSPHRASE when it is set.
  wa-webhooks flows upload-key --phone-number-id <id> [--public-key <file>] [--access-token-file <path|->]
                               [--graph-url <url>] [--api-version <version>]
      set the phone number's business public key (Graph API: /{phone-number-id}/whatsapp_business_encryption),
      then show its signature status. Token: $WHATSAPP_ACCESS_TOKEN (or --access-token-file, or
      --access-token, visible in ps), a system user token with whatsapp_business_messaging.
  wa-webhooks flows send <${FLOW_REQUEST_ACTIONS.join('|')}> [--url <url>] [--public-key <file>] [--secret-file <path|->]
                         [--screen <id>] [--data <json>] [--flow-token <token>] [--version <v>] [--timeout <ms>]
      encrypt and sign a request like WhatsApp (error = an error notification), POST it, decrypt the answer.
      Defaults: --url ${DEFAULT_FLOWS_URL}, --public-key ${DEFAULT_KEY_DIR}/public.pem, the app secret from
      $WHATSAPP_APP_SECRET (or --secret-file, or --secret, visible in ps), else the public development secret
      "${DEV_APP_SECRET}" of the wa-webhooks examples.

The private key, the passphrase, the access token and the app secret are never printed.
`;

async function readText(path: string, io: CliIo, what: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `${what} not found: ${path}. Create a key pair with "wa-webhooks flows keygen", or pass the right path.`
        : `Cannot read ${path} (${code ?? String(error)}).`,
    );
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function keygen(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, bits: { type: 'string' }, force: { type: 'boolean' } },
  });
  const bits = Number(values.bits ?? 2048);
  if (![2048, 3072, 4096].includes(bits))
    throw new UsageError(`--bits must be 2048, 3072 or 4096, not "${values.bits}".`);
  const dir = resolve(io.cwd, values.out ?? DEFAULT_KEY_DIR);
  const privatePath = join(dir, 'private.pem');
  const publicPath = join(dir, 'public.pem');
  if (values.force !== true && ((await exists(privatePath)) || (await exists(publicPath)))) {
    throw new UsageError(
      `${relative(io.cwd, privatePath) || privatePath} or public.pem already exists: a new key pair makes the uploaded key useless. Pass --force to replace them.`,
    );
  }
  const passphrase = io.env.FLOWS_PASSPHRASE === '' ? undefined : io.env.FLOWS_PASSPHRASE;
  if (passphrase !== undefined) io.protect?.([passphrase]);
  const pair = generateFlowKeyPair({ bits, ...(passphrase === undefined ? {} : { passphrase }) });
  await mkdir(dir, { recursive: true });
  await writeFile(privatePath, pair.privateKey, { mode: 0o600 });
  await writeFile(publicPath, pair.publicKey, { mode: 0o644 });
  const shown = (path: string) => relative(io.cwd, path) || path;
  io.stderr(
    `Wrote ${shown(privatePath)} (${bits}-bit RSA, PKCS#8, ${passphrase === undefined ? 'not encrypted: keep the file private, or set FLOWS_PASSPHRASE and run again' : 'encrypted with $FLOWS_PASSPHRASE'}) and ${shown(publicPath)}.\n`,
  );
  if (bits !== 2048) io.stderr(`Note: Meta documents 2048-bit keys; a ${bits}-bit key costs more per request.\n`);
  io.stderr(
    `Upload the public key: wa-webhooks flows upload-key --phone-number-id <id> --public-key ${shown(publicPath)}\n`,
  );
  io.stdout(pair.publicKey);
  return EXIT.OK;
}

async function uploadKey(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      'phone-number-id': { type: 'string' },
      'public-key': { type: 'string' },
      'access-token': { type: 'string' },
      'access-token-file': { type: 'string' },
      'graph-url': { type: 'string' },
      'api-version': { type: 'string' },
    },
  });
  const phoneNumberId = values['phone-number-id'];
  if (phoneNumberId === undefined || !/^\d+$/.test(phoneNumberId)) {
    throw new UsageError(
      `upload-key needs --phone-number-id, the numeric id of the business phone number (WhatsApp Manager → Account tools → Phone numbers)${phoneNumberId === undefined ? '' : `, not "${phoneNumberId}"`}.`,
    );
  }
  const accessToken = await readSecret(
    {
      value: values['access-token'],
      file: values['access-token-file'],
      flag: 'access-token',
      variable: 'WHATSAPP_ACCESS_TOKEN',
    },
    io,
  );
  if (accessToken === undefined) {
    throw new UsageError(
      'upload-key needs an access token with whatsapp_business_messaging: set WHATSAPP_ACCESS_TOKEN (a system user token) or pass --access-token-file <path|->.',
    );
  }
  io.protect?.([accessToken]);
  const keyPath = values['public-key'] ?? join(DEFAULT_KEY_DIR, 'public.pem');
  const publicKey = await readText(keyPath, io, 'Public key');
  const baseUrl = values['graph-url'] ?? (io.env.WHATSAPP_GRAPH_URL || undefined);
  if (baseUrl !== undefined && baseUrl !== DEFAULT_GRAPH_URL)
    io.stderr(`Note: using the Graph API at ${baseUrl}, not ${DEFAULT_GRAPH_URL}.\n`);
  let client;
  try {
    client = createEncryptionClient({ accessToken, baseUrl, apiVersion: values['api-version'] });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^apiVersion/, '--api-version'));
  }
  await client.setBusinessPublicKey(phoneNumberId, publicKey);
  const status = await client.getBusinessPublicKey(phoneNumberId);
  io.stdout(`Uploaded ${keyPath} as the business public key of phone number ${phoneNumberId}.\n`);
  io.stdout(`Signature status: ${status.signatureStatus ?? 'unknown'}\n`);
  if (status.publicKey !== undefined && status.publicKey.trim() !== publicKey.trim()) {
    io.stderr('Warning: the key Meta returns differs from the one uploaded.\n');
    return EXIT.FAILED;
  }
  return status.signatureStatus === 'VALID' ? EXIT.OK : EXIT.FAILED;
}

function parseData(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--data must be a JSON object (${(error as Error).message}).`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new UsageError('--data must be a JSON object.');
  return data as Record<string, unknown>;
}

async function send(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      'public-key': { type: 'string' },
      secret: { type: 'string' },
      'secret-file': { type: 'string' },
      screen: { type: 'string' },
      data: { type: 'string' },
      'flow-token': { type: 'string' },
      version: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const action = positionals[0] as FlowRequestAction | undefined;
  if (positionals.length !== 1 || !FLOW_REQUEST_ACTIONS.includes(action!)) {
    throw new UsageError(
      `flows send needs one action: ${FLOW_REQUEST_ACTIONS.join(', ')} (got "${positionals.join(' ')}").`,
    );
  }
  const timeout = Number(values.timeout ?? 10_000);
  if (!Number.isInteger(timeout) || timeout < 1)
    throw new UsageError(`--timeout must be a whole number of ms, not "${values.timeout}".`);
  const data = parseData(values.data);
  if (action === 'data_exchange' && values.screen === undefined)
    throw new UsageError('data_exchange needs --screen, the id of the screen that submits.');
  const publicKey = await readText(values['public-key'] ?? join(DEFAULT_KEY_DIR, 'public.pem'), io, 'Public key');
  const secret = await signingSecret(values, io);
  const payload = buildFlowRequest(action!, {
    ...(values.screen === undefined ? {} : { screen: values.screen }),
    ...(data === undefined ? {} : { data }),
    ...(values['flow-token'] === undefined ? {} : { flowToken: values['flow-token'] }),
    ...(values.version === undefined ? {} : { version: values.version }),
  });
  let result;
  try {
    result = await sendFlowRequest(values.url ?? DEFAULT_FLOWS_URL, payload, { publicKey, secret, timeout });
  } catch (error) {
    if (error instanceof TestingError && error.code === 'INVALID_OPTION') throw new UsageError(error.message);
    throw error;
  }
  io.stdout(`POST ${result.url}  ${result.status}  ${Math.round(result.durationMs)} ms  ${action}\n`);
  if (result.answer !== undefined) {
    io.stdout(`${JSON.stringify(result.answer, null, 2)}\n`);
    return EXIT.OK;
  }
  if (result.decryptError !== undefined) io.stdout(`The answer did not decrypt: ${result.decryptError}\n`);
  else
    io.stdout(
      `${result.errorCode ?? 'error'}${result.userMessage === undefined ? '' : `: "${result.userMessage}"`}  ${result.body.slice(0, 300)}\n`,
    );
  return EXIT.FAILED;
}

/** Runs `wa-webhooks flows <subcommand> <args>`. */
export async function runFlows(args: string[], io: CliIo): Promise<ExitCode> {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case 'keygen':
      return keygen(rest, io);
    case 'upload-key':
      return uploadKey(rest, io);
    case 'send':
      return send(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(FLOWS_HELP);
      return EXIT.OK;
    default:
      throw new UsageError(
        `Unknown flows command "${subcommand}". Commands: keygen, upload-key, send (wa-webhooks help flows).`,
      );
  }
}
