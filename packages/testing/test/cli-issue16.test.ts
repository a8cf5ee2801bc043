/**
 * Issue 16's findings about the `wa-webhooks` CLI, one test each: per-command help, secrets from files
 * and standard input, no token in what handshake prints, exact duplicates, and an unknown message type.
 * Most run the CLI in-process (`runCli` with a recording `CliIo`); standard input goes through the binary.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli as runInProcess, type CliIo } from '../src/cli';
import { unusedLoopbackPort } from '../../test-kit/src/http';
import { runCli, startServer, startWebhookServer, type TestServer } from './helpers';

const scratch = mkdtempSync(join(tmpdir(), 'wa-webhooks-cli16-'));
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env,
    isTTY: false,
    cwd: scratch,
    version: 'test',
  };
  const code = await runInProcess(args, io);
  return { code, stdout, stderr };
}

async function webhookServer(secret: string, token = 'token') {
  const server = await startWebhookServer(secret, token);
  servers.push(server);
  return server;
}

describe('wa-webhooks (issue 16)', () => {
  it.each(['send', 'kinds', 'handshake', 'setup', 'status', 'flows'])(
    '%s --help, -h and "help %s" print that command\'s own help (finding: <command> --help failed with a parser error)',
    async (command) => {
      const runs = await Promise.all([cli([command, '--help']), cli([command, '-h']), cli(['help', command])]);
      for (const run of runs) {
        expect(run.code).toBe(0);
        expect(run.stderr).toBe('');
        expect(run.stdout.startsWith(`wa-webhooks ${command}`)).toBe(true);
        expect(run.stdout).toContain('Exit codes:');
      }
      expect(runs[1]).toEqual(runs[0]);
      expect(runs[2]).toEqual(runs[0]);
    },
  );

  it('lists flows in the overview and in the unknown-command error; "flows" alone and "flows help" show its page', async () => {
    expect((await cli(['help'])).stdout).toContain('wa-webhooks flows <keygen|upload-key|send>');
    const unknown = await cli(['flow']);
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'Error: Unknown command "flow". Commands: send, kinds, handshake, setup, status, flows, help.\n',
    ]);
    const page = await cli(['help', 'flows']);
    expect(await cli(['flows'])).toEqual(page);
    expect(await cli(['flows', 'help'])).toEqual(page);
    expect(await cli(['flows', 'send', '-h'])).toEqual(page);
    expect(page.stdout).toContain('--secret-file <path|->');
    expect(page.stdout).toContain('--access-token-file <path|->');
    expect(page.stdout).toMatch(/every user of this machine can read\s+with ps/);
  });

  it('says in the help why a secret flag is visible in ps, and names the -file options', async () => {
    const help = (await cli(['help', 'send'])).stdout;
    expect(help).toContain('--secret-file <path|-> ');
    expect(help).toMatch(/every user of this machine can read\s+with ps/);
    expect((await cli(['help', 'nope'])).code).toBe(2);
  });

  it('signs with the secret of --secret-file (finding: secrets could only be passed as flags)', async () => {
    const server = await webhookServer('file-secret-0123');
    writeFileSync(join(scratch, 'secret.txt'), 'file-secret-0123\n');
    const run = await cli(['send', 'text', '--url', server.url, '--secret-file', 'secret.txt']);
    expect(run.code, run.stderr).toBe(0);
    expect(server.log).toHaveLength(1);
    expect(`${run.stdout}${run.stderr}`).not.toContain('file-secret-0123');
    expect((await cli(['send', 'text', '--secret', 'a', '--secret-file', 'secret.txt'])).stderr).toContain(
      'Pass --secret or --secret-file, not both.',
    );
    expect((await cli(['send', 'text', '--secret-file', 'missing.txt'])).stderr).toContain(
      '--secret-file: file not found: missing.txt',
    );
  });

  it('reads the verify token from standard input with --token-file - (the binary, as users run it)', async () => {
    const server = await webhookServer('s', 'stdin-token-0123');
    const run = await runCli(['handshake', '--url', server.url, '--token-file', '-'], { input: 'stdin-token-0123\n' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Verified: 200');
    expect(`${run.stdout}${run.stderr}`).not.toContain('stdin-token-0123');
  });

  it('handshake never prints the verify token, in the URL or in "could not reach" (finding: it printed hub.verify_token=<token>)', async () => {
    const server = await webhookServer('s', 'Visible-Token-0123');
    const ok = await cli(['handshake', '--url', server.url], { WHATSAPP_VERIFY_TOKEN: 'Visible-Token-0123' });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('&hub.verify_token=***');
    const closed = `http://127.0.0.1:${await unusedLoopbackPort()}/webhook`;
    const down = await cli(['handshake', '--url', closed, '--token', 'Visible-Token-0123']);
    expect(down.code).toBe(3);
    expect(down.stderr).toContain(`Could not reach ${closed}?hub.mode=subscribe&hub.challenge=`);
    expect(down.stderr).toContain('hub.verify_token=***');
    for (const run of [ok, down])
      expect(`${run.stdout}${run.stderr}`.toLowerCase()).not.toContain('visible-token-0123');
  });

  it('sends an exact duplicate with --duplicate: the same bytes twice, both answered 200, handled once', async () => {
    const server = await webhookServer('dup-secret');
    const bodies: string[] = [];
    const proxy = await startServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        bodies.push(body);
        void fetch(server.url, { method: 'POST', headers: req.headers as Record<string, string>, body }).then(
          async (answer) => res.writeHead(answer.status).end(await answer.text()),
        );
      });
    });
    servers.push(proxy);
    const run = await cli([
      'send',
      'text',
      '--url',
      `${proxy.origin}/webhook`,
      '--secret',
      'dup-secret',
      '--duplicate',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(run.stdout).toMatch(/1\/1 {2}200 OK .* \(exact duplicate\)\n/);
    expect(run.stdout).toContain('Summary: 2/2 requests answered');
    expect(server.log).toHaveLength(1);
  });

  it('sends a message of an unknown type that reaches onUnknown and is answered 200', async () => {
    const server = await webhookServer('unknown-secret');
    const unknown: string[] = [];
    server.webhooks.onUnknown((event) => void unknown.push(`${event.name} ${event.reason}`));
    const run = await cli(['send', 'unknown_type', '--url', server.url, '--secret', 'unknown-secret']);
    expect(run.code, run.stderr).toBe(0);
    expect(unknown).toEqual(['messages.future_type unknown_type']);
  });
});
