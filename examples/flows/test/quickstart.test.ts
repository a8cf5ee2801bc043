/**
 * The README's steps as users run them, with real processes: `wa-webhooks flows keygen` writes the
 * key pair (encrypted with $FLOWS_PASSPHRASE), the example starts on it, and the `flows send` line of
 * its start banner, run in a second process next to the keys, gets the decrypted health check. Also
 * the two ways it refuses to start: no key yet, and a wrong passphrase.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig, startBanner } from '../src/config';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../../../packages/testing/bin/wa-webhooks.js', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const PASSPHRASE = 'quickstart passphrase';

interface Running {
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; stderr: string }>;
  waitFor(prefix: string): Promise<string>;
  stop(): Promise<void>;
}

/** Runs `node <args>` in `cwd` with `env` and collects what it prints. */
function run(args: readonly string[], cwd: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      lines.push(line);
      for (const waiter of waiters.filter((item) => line.startsWith(item.prefix))) waiter.resolve(line);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
  return {
    lines,
    exited,
    waitFor: (prefix) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((line) => line.startsWith(prefix));
        if (seen !== undefined) return resolve(seen);
        waiters.push({ prefix, resolve });
        void exited.then(({ code, stderr: text }) =>
          reject(new Error(`exited ${String(code)} before "${prefix}": ${text}`)),
        );
      }),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const server = (env: Record<string, string>) =>
  run(['--import', tsx, '--conditions=@wa-webhooks/source', 'src/server.ts'], exampleDir, {
    HOST: '127.0.0.1',
    PORT: '0',
    WHATSAPP_APP_SECRET: '',
    FLOWS_PRIVATE_KEY: '',
    FLOWS_PASSPHRASE: '',
    ...env,
  });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wa-flows-example-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('configuration', () => {
  it('refuses the public development secret off loopback (issue 16: a forged request signed with it was accepted)', () => {
    const key = { FLOWS_PRIVATE_KEY: 'pem' };
    expect(readConfig({ ...key, HOST: '127.0.0.1' }, exampleDir).devSecret).toBe(true);
    expect(() => readConfig({ ...key, HOST: '0.0.0.0' }, exampleDir)).toThrow(
      new ConfigError(
        'HOST=0.0.0.0 accepts connections from other machines, so the public development secret is refused: set WHATSAPP_APP_SECRET (copy .env.example to .env), or listen on HOST=127.0.0.1.',
      ),
    );
    expect(readConfig({ ...key, HOST: '0.0.0.0', WHATSAPP_APP_SECRET: 's' }, exampleDir).devSecret).toBe(false);
  });

  it('never puts the app secret on a command line it suggests (issue 16: flags are visible in ps)', () => {
    const config = readConfig({ FLOWS_PRIVATE_KEY: 'pem', WHATSAPP_APP_SECRET: 'own-secret' }, exampleDir);
    const banner = startBanner(config, 'http://127.0.0.1:3001/flows');
    expect(banner.lines.join('\n')).not.toMatch(/--secret|own-secret/);
    expect(banner.lines.join('\n')).toContain('with WHATSAPP_APP_SECRET exported');
  });
});

describe('the Flows example, from key generation to a working endpoint', () => {
  it('generates keys, starts on them, and answers the health check sent from its banner', async () => {
    const keygen = await run([bin, 'flows', 'keygen'], dir, { FLOWS_PASSPHRASE: PASSPHRASE }).exited;
    expect(keygen.code, keygen.stderr).toBe(0);
    const example = server({ FLOWS_PRIVATE_KEY_FILE: join(dir, 'keys/private.pem'), FLOWS_PASSPHRASE: PASSPHRASE });
    try {
      const tryIt = await example.waitFor('Try it:');
      expect(example.lines[0]).toMatch(
        /^WhatsApp Flows endpoint \(Express\) listening on http:\/\/127\.0\.0\.1:\d+\/flows$/,
      );
      const command = /pnpm exec wa-webhooks (flows send ping --url \S+)/.exec(tryIt)![1]!.split(' ');
      const sent = run([bin, ...command], dir, { WHATSAPP_APP_SECRET: '' });
      const result = await sent.exited;
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(sent.lines.slice(1).join('\n'))).toEqual({ version: '3.0', data: { status: 'active' } });
    } finally {
      await example.stop();
    }
  });

  it('refuses to start without a key, and says how to make one', async () => {
    const result = await server({ FLOWS_PRIVATE_KEY_FILE: join(dir, 'missing.pem') }).exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Create a key pair first: pnpm keygen');
  });

  it('refuses to start with a wrong passphrase, without printing it', async () => {
    const result = await server({
      FLOWS_PRIVATE_KEY_FILE: join(dir, 'keys/private.pem'),
      FLOWS_PASSPHRASE: 'wrong horse',
    }).exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the passphrase does not decrypt the private key');
    expect(result.stderr).not.toContain('wrong horse');
  });
});
