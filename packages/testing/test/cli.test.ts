/**
 * The `wa-webhooks` binary as users run it: a child process, against real servers on 127.0.0.1.
 * Tests run concurrently (each spawns a process), so each uses the `expect` and `onTestFinished` of its
 * own context.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'vitest';
import { FIXTURE_KINDS, buildTextMessage, serializePayload } from '../src/index';
import { unusedLoopbackPort } from '../../test-kit/src/http';
import { runCli, startSelfSignedServer, startServer, startWebhookServer, type WebhookServer } from './helpers';

const scratch = mkdtempSync(join(tmpdir(), 'wa-webhooks-cli-'));
const rawBody = new URL(
  '../../core/test/fixtures/payloads/_raw-bodies/messages-image-caption-unicode-escaped.raw.json',
  import.meta.url,
);

async function webhookServer(context: TestContext, secret = 'cli-secret', token = 'cli-token'): Promise<WebhookServer> {
  const server = await startWebhookServer(secret, token);
  context.onTestFinished(() => server.close());
  return server;
}

async function serve(context: TestContext, listener: RequestListener): Promise<string> {
  const server = await startServer(listener);
  context.onTestFinished(() => server.close());
  return `${server.origin}/webhook`;
}

/** A loopback URL nothing listens on (test-kit is imported by path: it depends on this package). */
async function closedUrl(): Promise<string> {
  return `http://127.0.0.1:${await unusedLoopbackPort()}/webhook`;
}

describe.concurrent('wa-webhooks (spawned)', () => {
  it('prints help with the exit codes, for "help" and for no command', async ({ expect }) => {
    const [help, bare] = await Promise.all([runCli(['help']), runCli([])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('wa-webhooks send <kind|file.json>');
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 /);
    expect(bare).toEqual(help);
  });

  it('prints its version, from the build or from the source', async ({ expect }) => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const [either, source] = await Promise.all([
      runCli(['--version']),
      runCli(['-v'], { env: { WA_WEBHOOKS_CLI_SOURCE: '1' } }),
    ]);
    expect(either).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(source).toEqual(either);
  });

  it('lists every kind, as a table and as JSON', async ({ expect }) => {
    const [table, json] = await Promise.all([runCli(['kinds']), runCli(['kinds', '--json'])]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(FIXTURE_KINDS.length);
    expect(lines[0]).toMatch(/^text +messages\.text +A text message/);
    expect(table.stderr).toContain(`${FIXTURE_KINDS.length} kinds`);
    expect(JSON.parse(json.stdout)).toEqual(FIXTURE_KINDS);
  });

  it('sends a kind: one status line, a summary, exit 0, and the server ran the handler', async (context) => {
    const { expect } = context;
    const server = await webhookServer(context);
    const run = await runCli(['send', 'text', '--url', server.url, '--secret', 'cli-secret']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1\/1 {2}200 OK {2}[\d.]+ ms {2}text wamid\.\S+\n/);
    expect(run.stdout).toMatch(/Summary: 1\/1 request answered \(1 event\) in [\d.]+ s: 1 × 200 OK\. Latency p50/);
    expect(run.stderr).toContain(`POST ${server.url}: text (messages.text), 1 request`);
    const wamid = /text (wamid\.\S+)/.exec(run.stdout)![1];
    expect(server.log).toEqual([`messages.text m:${wamid}`]);
  });

  it('accepts an event name as the kind, and the secret from WHATSAPP_APP_SECRET', async (context) => {
    const { expect } = context;
    const server = await webhookServer(context, 'env-secret');
    const run = await runCli(['send', 'statuses.delivered', '--url', server.url], {
      env: { WHATSAPP_APP_SECRET: 'env-secret' },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('development secret');
    expect(server.log).toEqual([expect.stringMatching(/^statuses\.delivered s:wamid\.\S+:delivered:555400000000$/)]);
  });

  it("signs with the examples' development secret when none is set, and says so", async (context) => {
    const { expect } = context;
    const server = await webhookServer(context, 'dev-app-secret');
    const run = await runCli(['send', 'message_template_status_update', '--url', server.url]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'signing with the public development secret "dev-app-secret" of the wa-webhooks examples',
    );
    expect(server.log).toEqual([expect.stringMatching(/^message_template_status_update \S+$/)]);
  });

  it('sends --repeat requests of --batch events, --concurrency at a time, each with fresh ids', async (context) => {
    const { expect } = context;
    const server = await webhookServer(context);
    let inFlight = 0;
    let most = 0;
    const original = server.webhooks;
    original.on('messages', async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await Promise.resolve();
      inFlight -= 1;
    });
    const run = await runCli([
      'send',
      'button_reply',
      '--url',
      server.url,
      '--secret',
      'cli-secret',
      '--batch',
      '10',
      '--repeat',
      '6',
      '--concurrency',
      '3',
    ]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => /^\d\/6 /.test(line));
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).toMatch(/200 OK .* button_reply ×10 wamid\./);
    expect(run.stdout).toContain('Summary: 6/6 requests answered (60 events)');
    expect(run.stdout).toContain('6 × 200 OK');
    expect(run.stderr).toContain('× 10 per request, 6 requests, 3 at a time');
    expect(server.log).toHaveLength(60);
    expect(new Set(server.log).size).toBe(60);
  });

  it('prints only failures and the summary with --quiet', async (context) => {
    const { expect } = context;
    const server = await webhookServer(context);
    const run = await runCli([
      'send',
      'read',
      '--url',
      server.url,
      '--secret',
      'cli-secret',
      '--repeat',
      '3',
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^Summary: 3\/3 requests answered \(3 events\)/),
    ]);
  });

  it('shows a progress line when a run takes longer than a second', async (context) => {
    const { expect } = context;
    // The server holds the first answer until the CLI has printed its progress line: no timers here.
    let release: () => void = () => undefined;
    const progressShown = new Promise<void>((resolve) => (release = resolve));
    const url = await serve(context, (req, res) => {
      req.resume();
      req.on('end', () => void progressShown.then(() => res.end()));
    });
    const run = await runCli(['send', 'text', '--url', url, '--secret', 's', '--repeat', '2'], {
      onStderr: (soFar) => {
        if (soFar.includes('progress:')) release();
      },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^progress: 0\/2 answered, 0 failed, [\d.]+ req\/s$/m);
  });

  it('sends a JSON file byte for byte (Meta-escaped bodies stay as they are)', async (context) => {
    const { expect } = context;
    const server = await webhookServer(context);
    const run = await runCli(['send', rawBody.pathname, '--url', server.url, '--secret', 'cli-secret']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`(${readFileSync(rawBody).byteLength} bytes, sent as is)`);
    expect(server.log).toEqual([expect.stringMatching(/^messages\.image m:wamid\./)]);
  });

  it('reads a relative file from the working directory', async (context) => {
    const { expect } = context;
    const server = await webhookServer(context);
    writeFileSync(join(scratch, 'pretty.json'), JSON.stringify(buildTextMessage({ body: 'from a file' }), null, 2));
    const run = await runCli(['send', 'pretty.json', '--url', server.url, '--secret', 'cli-secret'], { cwd: scratch });
    expect(run.code).toBe(0);
    expect(server.log).toEqual([expect.stringMatching(/^messages\.text /)]);
  });

  it("exit 1: a non-200 answer, with the server's error code and a hint", async (context) => {
    const { expect } = context;
    const server = await webhookServer(context);
    const run = await runCli(['send', 'text', '--url', server.url, '--secret', 'wrong-secret']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^1\/1 {2}401 SIGNATURE_MISMATCH {2}[\d.]+ ms {2}text wamid\.\S+: /);
    expect(run.stdout).toContain('1 × 401 SIGNATURE_MISMATCH');
    expect(run.stderr).toContain('Hint: The server verifies with another app secret');
    expect(server.log).toEqual([]);
  });

  it('exit 1: a 404, with a hint about the path', async (context) => {
    const { expect } = context;
    const server = await webhookServer(context);
    const run = await runCli([
      'send',
      'text',
      '--url',
      server.url.replace('/webhook', '/wrong'),
      '--secret',
      'cli-secret',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('404 ERROR');
    expect(run.stderr).toContain('Hint: Nothing answers POST at this URL');
  });

  it('exit 1: a failing handler (500 HANDLER_FAILED)', async (context) => {
    const { expect } = context;
    const server = await webhookServer(context);
    server.webhooks.on('messages.text', () => {
      throw new Error('handler broke');
    });
    const run = await runCli(['send', 'text', '--url', server.url, '--secret', 'cli-secret']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('500 HANDLER_FAILED');
    expect(run.stderr).toContain('Hint: A handler threw');
    expect(server.errors).toEqual(['HANDLER_FAILED']);
  });

  it('exit 2: unknown kind, with suggestions', async ({ expect }) => {
    const run = await runCli(['send', 'delivred']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      'Error: Unknown kind "delivred". Did you mean "delivered"? Run "wa-webhooks kinds" for the list, or pass a .json file.\n',
    );
  });

  it('exit 2: bad JSON file, missing file', async ({ expect }) => {
    writeFileSync(join(scratch, 'broken.json'), '{"object": "whatsapp_business_account",');
    const [broken, missing] = await Promise.all([
      runCli(['send', 'broken.json'], { cwd: scratch }),
      runCli(['send', 'nowhere.json'], { cwd: scratch }),
    ]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /^Error: broken\.json is not valid JSON \(.+\)\. A webhook body is one JSON object\.\n$/,
    );
    expect(missing).toMatchObject({ code: 2, stderr: 'Error: File not found: nowhere.json\n' });
  });

  it('exit 2: unknown command, unknown option, bad numbers, bad URL, --batch with a file, missing kind', async ({
    expect,
  }) => {
    writeFileSync(join(scratch, 'ok.json'), '{}');
    const runs = await Promise.all([
      runCli(['sned', 'text']),
      runCli(['send', 'text', '--bogus']),
      runCli(['send', 'text', '--repeat', '0']),
      runCli(['send', 'text', '--batch', '1001']),
      runCli(['send', 'text', '--concurrency', 'many']),
      runCli(['send', 'text', '--url', 'localhost:3000/webhook']),
      runCli(['send', 'ok.json', '--batch', '2'], { cwd: scratch }),
      runCli(['send']),
      runCli(['send', 'text', '--escaping', 'php']),
    ]);
    expect(runs.map((run) => run.code)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(runs.map((run) => run.stderr.split('\n')[0])).toEqual([
      'Error: Unknown command "sned". Commands: send, kinds, handshake, setup, status, flows, help.',
      expect.stringMatching(/^Error: Unknown option '--bogus'.*Run "wa-webhooks help"\.$/),
      'Error: --repeat must be a whole number from 1 to …, not "0".',
      'Error: --batch must be a whole number from 1 to 1000, not "1001".',
      'Error: --concurrency must be a whole number from 1 to …, not "many".',
      'Error: --url must be an http:// or https:// URL, not "localhost:3000/webhook".',
      'Error: --batch works with kinds only: a file is sent as it is.',
      'Error: send needs a kind or a .json file, e.g. "wa-webhooks send text".',
      'Error: --escaping must be "meta" or "none", not "php".',
    ]);
  });

  it('exit 3: nothing listens at the URL', async ({ expect }) => {
    const url = await closedUrl();
    const run = await runCli(['send', 'text', '--url', url, '--secret', 's', '--repeat', '5']);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^1\/5 {2}no answer \(UNREACHABLE\)\n/);
    expect(run.stderr).toContain(`Error: Could not reach ${url} (ECONNREFUSED). Stopped sending.`);
    expect(run.stderr).toContain('Is the server running? Start your app (in a checkout of the wa-webhooks repository');
  });

  it('exit 3: a self-signed certificate, explained', async (context) => {
    const { expect } = context;
    const server = await startSelfSignedServer((_req, res) => res.end());
    context.onTestFinished(() => server.close());
    const run = await runCli(['send', 'text', '--url', `${server.origin}/webhook`, '--secret', 's']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/TLS handshake .* failed \(\w+\)\. Meta only calls HTTPS URLs with a valid certificate/);
  });

  it('exit 3 for a host name that does not resolve, with a note that Meta needs https:// for a public URL', async ({
    expect,
  }) => {
    // `.invalid` never resolves (RFC 2606), so nothing leaves this machine.
    const run = await runCli(['send', 'text', '--url', 'http://wa-webhooks.invalid/webhook', '--secret', 's']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Note: Meta only calls https:// callback URLs with a valid certificate');
    expect(run.stderr).toMatch(/the host name wa-webhooks\.invalid does not resolve \((ENOTFOUND|EAI_AGAIN)\)/);
    expect(run.stderr).not.toContain('Is the server running?');
  });

  it('handshake: verified (exit 0), with the token from WHATSAPP_VERIFY_TOKEN', async (context) => {
    const { expect } = context;
    const server = await webhookServer(context, 's', 'env-token');
    const run = await runCli(['handshake', '--url', server.url], { env: { WHATSAPP_VERIFY_TOKEN: 'env-token' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/webhook\?hub\.mode=subscribe&hub\.challenge=\d{10}&hub\.verify_token=\*\*\*\n/,
    );
    expect(run.stdout).toContain('Verified: 200 with the challenge echoed (text/plain; charset=utf-8).');
  });

  it("handshake: the examples' development token by default", async (context) => {
    const { expect } = context;
    const server = await webhookServer(context, 's', 'dev-verify-token');
    const run = await runCli(['handshake', '--url', server.url, '--challenge', 'xyz']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('public development token "dev-verify-token" of the wa-webhooks examples');
  });

  it('handshake exit 1: wrong token, challenge not echoed, JSON, redirect', async (context) => {
    const { expect } = context;
    const server = await webhookServer(context, 's', 'right-token');
    const notEchoed = await serve(context, (_req, res) => res.end('OK'));
    const json = await serve(context, (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
    );
    const redirect = await serve(context, (_req, res) =>
      res.writeHead(302, { location: 'https://example.com/hook' }).end(),
    );
    const runs = await Promise.all([
      runCli(['handshake', '--url', server.url, '--token', 'wrong-token']),
      runCli(['handshake', '--url', notEchoed, '--token', 't', '--challenge', '42']),
      runCli(['handshake', '--url', json, '--token', 't']),
      runCli(['handshake', '--url', redirect, '--token', 't']),
    ]);
    expect(runs.map((run) => run.code)).toEqual([1, 1, 1, 1]);
    expect(runs.map((run) => run.stdout.split('\n')[1])).toEqual([
      expect.stringMatching(
        /^Not verified \(WRONG_TOKEN\): The server refused the verify token \(403 VERIFY_TOKEN_MISMATCH\)/,
      ),
      'Not verified (CHALLENGE_NOT_ECHOED): The body must be the hub.challenge exactly: expected "42", got "OK". Read hub.challenge from the query string and send it back unchanged.',
      expect.stringMatching(
        /^Not verified \(WRONG_CONTENT_TYPE\): The server answered JSON \(application\/json: "\{\\"ok\\":true\}"\)/,
      ),
      expect.stringMatching(
        /^Not verified \(REDIRECT\): The server redirected \(302 to https:\/\/example\.com\/hook\)\. Meta does not follow redirects/,
      ),
    ]);
  });

  it('handshake exit 3: nothing listens', async ({ expect }) => {
    const run = await runCli(['handshake', '--url', await closedUrl(), '--token', 't']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('ECONNREFUSED');
  });

  it('sends the body escaped like Meta by default, and plain with --escaping none', async (context) => {
    const { expect } = context;
    const bodies: string[] = [];
    const url = await serve(context, (req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        bodies.push(body);
        res.end();
      });
    });
    await runCli(['send', 'image', '--url', url, '--secret', 's']);
    await runCli(['send', 'image', '--url', url, '--secret', 's', '--escaping', 'none']);
    expect(bodies[0]).toContain('"caption":"Hola quiero un caf\\u00e9","mime_type":"image\\/jpeg"');
    expect(bodies[0]).toBe(serializePayload(JSON.parse(bodies[0]!), { metaEscaping: true }));
    expect(bodies[1]).toContain('"caption":"Hola quiero un café","mime_type":"image/jpeg"');
    expect(bodies[1]).toBe(serializePayload(JSON.parse(bodies[1]!)));
  });
});
