/**
 * Starts one runtime process serving the Flows app (`apps/flows.ts`) on a free loopback port: Bun and
 * Deno run `apps/flows-default-export.ts`, workerd runs the esbuild bundle of `apps/flows-worker.ts`
 * (which must reach no Node API) under a generated config. Same conventions as `runtime-server.ts`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unusedLoopbackPort } from '@wa-webhooks/test-kit';
import { runtimeBinary } from './binaries';
import { bundleForWorkers } from './bundle';
import { spawnRuntime, writeWorkerdConfig, type RuntimeServer } from './runtime-server';

/** What the Flows app is started with. */
export interface FlowsServerOptions {
  readonly runtime: 'bun' | 'deno' | 'workerd';
  readonly privateKey: string;
  readonly passphrase: string;
  readonly appSecret: string;
}

const APPS = fileURLToPath(new URL('../apps/', import.meta.url));

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
  const config =
    folder === undefined
      ? undefined
      : writeWorkerdConfig(folder, await (workerScript ??= flowsWorker()), variables(options));
  const port = await unusedLoopbackPort();
  const [binary, args] = command(options, port, config);
  return spawnRuntime({ command: binary, args, port, variables: variables(options), folder });
}
