/**
 * Test helpers: real servers on 127.0.0.1 port 0 (plain, webhook and TLS), and the `wa-webhooks`
 * binary run as a child process.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createWebhooks, type Webhooks } from '@wa-webhooks/core';
import { readNodeBody } from '@wa-webhooks/core/node';

/** A running server: its origin (`http://127.0.0.1:<port>`) and how to stop it. */
export interface TestServer {
  readonly origin: string;
  close(): Promise<void>;
}

async function listen(server: Server, protocol: 'http' | 'https'): Promise<TestServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${protocol}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Starts a plain HTTP server with `listener`. */
export function startServer(listener: RequestListener): Promise<TestServer> {
  return listen(createServer(listener), 'http');
}

/** Starts an HTTPS server with the throwaway self-signed certificate of `test/fixtures`. */
export function startSelfSignedServer(listener: RequestListener): Promise<TestServer> {
  const read = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
  return listen(
    createTlsServer(
      { key: read('self-signed-key.pem'), cert: read('self-signed-cert.pem') },
      listener,
    ) as unknown as Server,
    'https',
  );
}

/** A webhook server built on core: `url` is its `/webhook` route; `log` gets `<event name> <id>` per event. */
export interface WebhookServer extends TestServer {
  readonly url: string;
  readonly log: string[];
  /** `<code>` of every error core reported (handler failures, …). */
  readonly errors: string[];
  readonly webhooks: Webhooks;
}

/** Starts core's webhook handler on `/webhook` (404 elsewhere), logging every event. */
export async function startWebhookServer(appSecret: string, verifyToken: string): Promise<WebhookServer> {
  const webhooks = createWebhooks({ appSecret, verifyToken });
  const log: string[] = [];
  const errors: string[] = [];
  webhooks.onAny((event) => void log.push(`${event.name} ${event.id}`));
  webhooks.onError((error) => void errors.push(error.code));
  const server = await startServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] !== '/webhook') {
      res.statusCode = 404;
      res.end('Not found');
      return;
    }
    void webhooks
      .handle({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        readBody: () => readNodeBody(req),
      })
      .then((response) => {
        res.writeHead(response.status, response.headers).end(response.body);
      });
  });
  return { ...server, url: `${server.origin}/webhook`, log, errors, webhooks };
}

/** What a finished CLI process left behind. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = fileURLToPath(new URL('../bin/wa-webhooks.js', import.meta.url));
/** Runs the built `dist/cli.js` only, as installed from npm (`_` fills the script's place in process.argv). */
const BUILT_CLI = [
  '--input-type=module',
  '-e',
  `const cli = await import(${JSON.stringify(new URL('../dist/cli.js', import.meta.url).href)}); await cli.main('built');`,
  '_',
];

/** The environment for a CLI child: this process's, without the WhatsApp variables unless given. */
export function cliEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_GRAPH_URL'])
    delete env[name];
  return { ...env, ...extra };
}

/**
 * Runs `bin/wa-webhooks.js <args>` as a child process and resolves when it exits. The launcher runs
 * dist/ when it is newer than src/, else the source, so the tests never run a stale build.
 * `onStderr` sees standard error as it arrives. `built: true` runs dist/cli.js directly instead.
 */
export function runCli(
  args: readonly string[],
  options: {
    env?: Readonly<Record<string, string>>;
    cwd?: string;
    onStderr?: (soFar: string) => void;
    built?: boolean;
    /** Written to the child's standard input, which is then closed. */
    input?: string;
  } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.built === true ? BUILT_CLI : [BIN]), ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: cliEnv(options.env),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      options.onStderr?.(stderr);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
