/**
 * Starts one runtime process serving the Flows app (`apps/flows.ts`) on a free loopback port: Bun and
 * Deno run `apps/flows-default-export.ts`, workerd runs the esbuild bundle of `apps/flows-worker.ts`
 * (which must reach no Node API) under a generated config. Same conventions as `runtime-server.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unusedLoopbackPort } from '@wa-webhooks/test-kit';
import { runtimeBinary } from './binaries';
import { bundleForWorkers } from './bundle';
import type { RuntimeServer } from './runtime-server';

/** What the Flows app is started with. */
export interface FlowsServerOptions {
  readonly runtime: 'bun' | 'deno' | 'workerd';
  readonly privateKey: string;
  readonly passphrase: string;
  readonly appSecret: string;
}

const APPS = fileURLToPath(new URL('../apps/', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

let workerScript: Promise<string> | undefined;

/** The Flows worker bundle, built once per run; throws if it reaches a Node built-in or global. */
async function flowsWorker(): Promise<string> {
  const report = await bundleForWorkers({ file: join(APPS, 'flows-worker.ts') });
  const node = [...report.nodeBuiltins, ...report.nodeGlobals];
  if (node.length > 0) throw new Error(`The Flows worker bundle reaches Node APIs:\n${node.join('\n')}`);
  return report.code;
}

function variables(options: FlowsServerOptions): Record<string, string> {
  return {
    FLOWS_PRIVATE_KEY: options.privateKey,
    FLOWS_PASSPHRASE: options.passphrase,
    WHATSAPP_APP_SECRET: options.appSecret,
  };
}

async function workerdConfig(options: FlowsServerOptions, folder: string): Promise<string> {
  writeFileSync(join(folder, 'worker.js'), await (workerScript ??= flowsWorker()));
  const bindings = Object.entries(variables(options))
    .map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`)
    .join(', ');
  writeFileSync(
    join(folder, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .flowsWorker)],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);
const flowsWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  bindings = [${bindings}],
);
`,
  );
  return join(folder, 'config.capnp');
}

function command(options: FlowsServerOptions, port: number, config: string | undefined): [string, string[]] {
  const binary = runtimeBinary(options.runtime);
  const entry = join(APPS, 'flows-default-export.ts');
  if (options.runtime === 'bun') return [binary, [entry]];
  if (options.runtime === 'deno') {
    const permissions = ['--quiet', '--no-prompt', '--allow-net=127.0.0.1', '--allow-env', '--allow-read'];
    return [binary, ['serve', ...permissions, '--host', '127.0.0.1', '--port', String(port), entry]];
  }
  return [binary, ['serve', config!, '--socket-addr', `http=127.0.0.1:${port}`]];
}

/** Starts the Flows app on `options.runtime` and resolves once it answers on 127.0.0.1. */
export async function startFlowsServer(options: FlowsServerOptions): Promise<RuntimeServer> {
  const folder = options.runtime === 'workerd' ? mkdtempSync(join(tmpdir(), 'wa-webhooks-flows-workerd-')) : undefined;
  const config = folder === undefined ? undefined : await workerdConfig(options, folder);
  const port = await unusedLoopbackPort();
  const [binary, args] = command(options, port, config);
  const child = spawn(binary, args, {
    cwd: PACKAGE_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_COLOR: '1',
      DENO_NO_UPDATE_CHECK: '1',
      BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
      ...variables(options),
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`The runtime exited before serving:\n${output}`);
    }
    try {
      await fetch(`${origin}/__runtime`, { signal: AbortSignal.timeout(1000) });
      return { origin, output: () => output, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`The runtime did not answer on ${origin} within 20 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
