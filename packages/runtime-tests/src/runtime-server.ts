/**
 * Starts one runtime process serving `apps/` on a free loopback port and waits until it answers.
 * Bun and Deno run the TypeScript entries directly; workerd runs the esbuild bundle of
 * `apps/worker.ts` under a generated config.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unusedLoopbackPort } from '@wa-webhooks/test-kit';
import type { Mount } from '../apps/app';
import { runtimeBinary, type RuntimeName } from './binaries';
import { bundleWorker } from './bundle';

/** A runtime process serving the app. */
export interface RuntimeServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Everything the process printed, for failure messages. */
  readonly output: () => string;
  stop(): Promise<void>;
}

export interface RuntimeServerOptions {
  readonly runtime: Extract<RuntimeName, 'bun' | 'deno' | 'workerd'>;
  readonly mount: Mount;
  readonly appSecret: string;
  readonly previousAppSecret: string;
  readonly verifyToken: string;
  readonly bodyLimit: number;
}

const APPS = fileURLToPath(new URL('../apps/', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A Cap'n Proto text literal. */
function capnpString(value: string): string {
  return JSON.stringify(value);
}

/** The variables every app reads (`configFrom` in apps/app.ts): environment variables, or Worker bindings. */
function appVariables(options: RuntimeServerOptions): Record<string, string> {
  return {
    WHATSAPP_APP_SECRET: options.appSecret,
    WHATSAPP_VERIFY_TOKEN: options.verifyToken,
    PREVIOUS_APP_SECRET: options.previousAppSecret,
    BODY_LIMIT: String(options.bodyLimit),
    MOUNT: options.mount,
  };
}

/** The worker script, bundled once for every workerd process of the run. */
let workerScript: Promise<string> | undefined;

/**
 * Writes `script` and a workerd config that serves it on 127.0.0.1 with `variables` as text bindings
 * to `folder`; returns the config path. Shared with `flows-server.ts`.
 */
export function writeWorkerdConfig(folder: string, script: string, variables: Record<string, string>): string {
  writeFileSync(join(folder, 'worker.js'), script);
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .appWorker)],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);
const appWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  bindings = [${Object.entries(variables)
    .map(([name, value]) => `(name = ${capnpString(name)}, text = ${capnpString(value)})`)
    .join(', ')}],
);
`;
  writeFileSync(join(folder, 'config.capnp'), config);
  return join(folder, 'config.capnp');
}

/** The entry Bun runs for each mount. */
const BUN_ENTRIES: Readonly<Record<Mount, string>> = {
  hono: 'bun.ts',
  fetch: 'default-export.ts',
  express: 'node-frameworks.ts',
  koa: 'node-frameworks.ts',
  fastify: 'node-frameworks.ts',
};

function commandFor(
  options: RuntimeServerOptions,
  port: number,
  config: string | undefined,
): readonly [string, readonly string[]] {
  const binary = runtimeBinary(options.runtime);
  switch (options.runtime) {
    case 'bun':
      return [binary, [join(APPS, BUN_ENTRIES[options.mount])]];
    case 'deno': {
      // No deno.json: Deno resolves the bare imports from node_modules through package.json.
      const permissions = ['--quiet', '--no-prompt', '--allow-net=127.0.0.1', '--allow-env', '--allow-read'];
      if (options.mount === 'fetch')
        return [
          binary,
          ['serve', ...permissions, '--host', '127.0.0.1', '--port', String(port), join(APPS, 'default-export.ts')],
        ];
      return [binary, ['run', ...permissions, join(APPS, options.mount === 'hono' ? 'deno.ts' : 'node-frameworks.ts')]];
    }
    case 'workerd':
      return [binary, ['serve', config!, '--socket-addr', `http=127.0.0.1:${port}`]];
  }
}

/** Polls `origin` until the runtime answers, the process exits, or `timeout` ms pass. */
async function waitUntilServing(
  origin: string,
  child: ChildProcess,
  output: () => string,
  timeout: number,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The runtime exited (${String(child.exitCode ?? child.signalCode)}) before serving:\n${output()}`,
      );
    }
    try {
      await fetch(`${origin}/__runtime`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`The runtime did not answer on ${origin} within ${timeout} ms:\n${output()}`);
}

/** What `spawnRuntime` starts: a runtime command that serves on `port`, and its app's variables. */
export interface RuntimeCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly port: number;
  readonly variables: Record<string, string>;
  /** A temporary folder (workerd's config) removed when the process stops. */
  readonly folder: string | undefined;
}

/**
 * Spawns a runtime with a minimal environment plus the app's variables and resolves once it answers on
 * 127.0.0.1; stopping it removes `folder`. Shared with `flows-server.ts`.
 */
export async function spawnRuntime(runtime: RuntimeCommand): Promise<RuntimeServer> {
  const { folder, port } = runtime;
  const child = spawn(runtime.command, runtime.args, {
    cwd: PACKAGE_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_COLOR: '1',
      DENO_NO_UPDATE_CHECK: '1',
      BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
      ...runtime.variables,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(origin, child, () => output, 20_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, output: () => output, stop };
}

/** Starts the app on `options.runtime` and resolves once it answers HTTP on 127.0.0.1. */
export async function startRuntimeServer(options: RuntimeServerOptions): Promise<RuntimeServer> {
  const folder = options.runtime === 'workerd' ? mkdtempSync(join(tmpdir(), 'wa-webhooks-workerd-')) : undefined;
  const variables = appVariables(options);
  const config =
    folder === undefined ? undefined : writeWorkerdConfig(folder, await (workerScript ??= bundleWorker()), variables);
  const port = await unusedLoopbackPort();
  const [command, args] = commandFor(options, port, config);
  return spawnRuntime({ command, args, port, variables, folder });
}
