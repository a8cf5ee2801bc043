/**
 * `wa-webhooks flows keygen | upload-key | send`: keygen's files feed a real endpoint, `send` talks to
 * one on 127.0.0.1 as WhatsApp would, and `upload-key` sets the key on the Graph API stand-in of
 * test-kit (no request reaches Meta). The CLI runs in-process (`runCli`), and once as the binary.
 */
import { spawn } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExpressMiddleware } from '@wa-webhooks/express';
import { listen, startGraphStandIn } from '@wa-webhooks/test-kit';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/src/cli/main';
import { createFlowEndpoint, InvalidFlowTokenError } from '../src/index';

const SECRET = 'cli-flows-app-secret';
const PASSPHRASE = 'cli flows passphrase';
const ACCESS_TOKEN = 'EAAcli-flows-system-user-token';
const PHONE_ID = '106540352242922';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env,
    isTTY: false,
    cwd,
    version: '0.0.0-test',
  });
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wa-flows-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('wa-webhooks flows keygen', () => {
  it('writes an encrypted private key (0600) and the public key, prints the public key, never the passphrase', async () => {
    const run = await cli(['flows', 'keygen', '--out', 'keys'], dir, { FLOWS_PASSPHRASE: PASSPHRASE });
    expect(run.code).toBe(0);
    const privatePem = await readFile(join(dir, 'keys/private.pem'), 'utf8');
    const publicPem = await readFile(join(dir, 'keys/public.pem'), 'utf8');
    expect(privatePem).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    expect((await stat(join(dir, 'keys/private.pem'))).mode & 0o777).toBe(0o600);
    expect(run.stdout).toBe(publicPem);
    expect(
      createPublicKey(createPrivateKey({ key: privatePem, passphrase: PASSPHRASE })).export({
        type: 'spki',
        format: 'pem',
      }),
    ).toBe(publicPem);
    expect(run.stdout + run.stderr).not.toContain(PASSPHRASE);
    expect(run.stdout + run.stderr).not.toContain('PRIVATE KEY-----');
    expect(run.stderr).toContain('wa-webhooks flows upload-key --phone-number-id <id> --public-key keys/public.pem');
  });

  it('refuses to replace an existing key pair without --force', async () => {
    const run = await cli(['flows', 'keygen', '--out', 'keys'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/already exists.*--force/);
  });

  it('refuses a key size Meta does not use', async () => {
    const run = await cli(['flows', 'keygen', '--out', 'other', '--bits', '1024'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--bits must be 2048, 3072 or 4096');
  });
});

describe('wa-webhooks flows send', () => {
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const flows = createFlowEndpoint({
      privateKey: await readFile(join(dir, 'keys/private.pem'), 'utf8'),
      passphrase: PASSPHRASE,
      appSecret: SECRET,
    });
    flows.on('INIT', () => ({ screen: 'WELCOME', data: { greeting: 'hi' } }));
    flows.on('data_exchange', (request) => {
      if (request.flowToken === 'used') throw new InvalidFlowTokenError('Already used.');
      return request.complete({ echoed: request.data });
    });
    flows.onErrorNotification(() => undefined);
    const app = express().use('/flows', createExpressMiddleware(flows));
    const server = await listen(createServer(app));
    url = `${server.origin}/flows`;
    close = server.close;
  });
  afterAll(() => close?.());

  const send = (args: string[], secret = SECRET) =>
    cli(['flows', 'send', ...args, '--url', url, '--public-key', 'keys/public.pem'], dir, {
      WHATSAPP_APP_SECRET: secret,
    });

  it('sends a health check and prints the decrypted answer', async () => {
    const run = await send(['ping']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/flows {2}200 {2}\d+ ms {2}ping\n/);
    expect(JSON.parse(run.stdout.slice(run.stdout.indexOf('{')))).toEqual({
      version: '3.0',
      data: { status: 'active' },
    });
  });

  it('sends INIT and data_exchange with a screen, data and a flow token', async () => {
    expect(JSON.parse((await send(['INIT'])).stdout.replace(/^.*\n/, ''))).toEqual({
      version: '3.0',
      screen: 'WELCOME',
      data: { greeting: 'hi' },
    });
    const run = await send(['data_exchange', '--screen', 'WELCOME', '--data', '{"name":"Ada"}', '--flow-token', 'tk']);
    expect(JSON.parse(run.stdout.replace(/^.*\n/, ''))).toEqual({
      version: '3.0',
      screen: 'SUCCESS',
      data: { extension_message_response: { params: { flow_token: 'tk', echoed: { name: 'Ada' } } } },
    });
  });

  it('sends an error notification, which the endpoint acknowledges', async () => {
    const run = await send(['error', '--screen', 'WELCOME']);
    expect(JSON.parse(run.stdout.replace(/^.*\n/, ''))).toEqual({ version: '3.0', data: { acknowledged: true } });
  });

  it('exits 1 with the status and error code on 427 and 432', async () => {
    const used = await send(['data_exchange', '--screen', 'WELCOME', '--flow-token', 'used']);
    expect(used.code).toBe(1);
    expect(used.stdout).toContain('  427  ');
    expect(used.stdout).toContain('FLOW_TOKEN_INVALID: "Already used."');
    const wrong = await send(['ping'], 'another-secret');
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('  432  ');
  });

  it('signs with the app secret of --secret-file, and never prints it', async () => {
    await writeFile(join(dir, 'app-secret.txt'), `${SECRET}\n`);
    const args = ['flows', 'send', 'ping', '--url', url, '--public-key', 'keys/public.pem'];
    const run = await cli([...args, '--secret-file', 'app-secret.txt'], dir);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const flag = await cli([...args, '--secret', SECRET], dir);
    expect(flag.code).toBe(0);
    expect(run.stdout + flag.stdout + flag.stderr).not.toContain(SECRET);
  });

  it('refuses an unknown action, data_exchange without a screen, and a missing key file', async () => {
    expect((await send(['navigate'])).code).toBe(2);
    expect((await send(['data_exchange'])).stderr).toContain('--screen');
    const missing = await cli(['flows', 'send', 'ping', '--url', url, '--public-key', 'nope.pem'], dir);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('Public key not found: nope.pem')]);
  });
});

describe('wa-webhooks flows upload-key (Graph API stand-in)', () => {
  it('sets the business public key of the phone number and shows its signature status', async () => {
    const graph = await startGraphStandIn({
      apps: [{ id: '1234567890', secret: SECRET }],
      wabas: [{ id: '102290129340398', phoneNumberIds: [PHONE_ID] }],
      tokens: [
        { token: ACCESS_TOKEN, kind: 'system-user', appId: '1234567890', scopes: ['whatsapp_business_messaging'] },
      ],
    });
    try {
      const args = [
        'flows',
        'upload-key',
        '--phone-number-id',
        PHONE_ID,
        '--public-key',
        'keys/public.pem',
        '--graph-url',
        graph.url,
      ];
      const run = await cli(args, dir, { WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN });
      expect(run.stderr).toContain(`Note: using the Graph API at ${graph.url}`);
      expect(run.stdout).toBe(
        `Uploaded keys/public.pem as the business public key of phone number ${PHONE_ID}.\nSignature status: VALID\n`,
      );
      expect(run.code).toBe(0);
      expect(graph.businessPublicKeys.get(PHONE_ID)?.trim()).toBe(
        (await readFile(join(dir, 'keys/public.pem'), 'utf8')).trim(),
      );
      expect(graph.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
        `POST /${PHONE_ID}/whatsapp_business_encryption 200`,
        `GET /${PHONE_ID}/whatsapp_business_encryption 200`,
      ]);
      expect(run.stdout + run.stderr).not.toContain(ACCESS_TOKEN);

      const unknown = await cli([...args.slice(0, 3), '999', ...args.slice(4)], dir, {
        WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
      });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/Graph API error 100\/33/);
      const privateKey = await cli([...args.slice(0, 5), 'keys/private.pem', ...args.slice(6)], dir, {
        WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
      });
      expect([privateKey.code, privateKey.stderr]).toEqual([2, expect.stringContaining('That is a private key')]);
      await writeFile(join(dir, 'access-token.txt'), ACCESS_TOKEN);
      const fromFile = await cli([...args, '--access-token-file', 'access-token.txt'], dir);
      expect(fromFile.code).toBe(0);
      expect(fromFile.stdout + fromFile.stderr).not.toContain(ACCESS_TOKEN);
      const noToken = await cli(args, dir);
      expect([noToken.code, noToken.stderr]).toEqual([2, expect.stringContaining('WHATSAPP_ACCESS_TOKEN')]);
    } finally {
      await graph.close();
    }
  });
});

describe('the wa-webhooks binary', () => {
  it('lists the flows commands', async () => {
    const bin = fileURLToPath(new URL('../../testing/bin/wa-webhooks.js', import.meta.url));
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, 'flows', 'help'], {
        cwd: dir,
        env: { ...process.env, WA_WEBHOOKS_CLI_SOURCE: '1' },
      });
      let text = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (text += chunk));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${String(code)}`))));
    });
    expect(output).toContain('wa-webhooks flows keygen');
    expect(output).toContain('wa-webhooks flows upload-key --phone-number-id <id>');
  });
});
