/**
 * esbuild bundles for worker targets, resolved the way Cloudflare's tooling resolves packages
 * (`workerd`, `worker`, `browser` conditions, browser platform): `@wa-webhooks/core` resolves to its
 * Web Crypto build. A Node built-in anywhere in the graph fails the build, and free references to the
 * Node globals `Buffer` and `process` are reported.
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKER_ENTRY = fileURLToPath(new URL('../apps/worker.ts', import.meta.url));
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
/** Free `Buffer` and `process` references are replaced by these markers, then searched for. */
const NODE_GLOBAL_MARKERS = { Buffer: '__NODE_GLOBAL_Buffer__', process: '__NODE_GLOBAL_process__' } as const;

/** What a worker-target bundle pulled in that a worker does not have. */
export interface WebBundleReport {
  readonly code: string;
  /** Node built-in modules imported (each with the importer), e.g. `node:crypto from …/dist/index.js`. */
  readonly nodeBuiltins: readonly string[];
  /** Node globals referenced without a local binding, with the file they appear in. */
  readonly nodeGlobals: readonly string[];
  /** Input files of the bundle, relative to this package's folder. */
  readonly inputs: readonly string[];
}

const refuseNodeBuiltins = (found: string[]): Plugin => ({
  name: 'refuse-node-builtins',
  setup(context) {
    context.onResolve({ filter: /.*/ }, (args) => {
      if (!NODE_BUILTINS.has(args.path)) return undefined;
      found.push(`${args.path} from ${args.importer}`);
      return { path: args.path, external: true };
    });
  },
});

/** Bundles `entry` (a file, or source code with `resolveDir`) for a worker target and reports Node use. */
export async function bundleForWorkers(
  entry: { file: string } | { contents: string; resolveDir: string },
): Promise<WebBundleReport> {
  const nodeBuiltins: string[] = [];
  const result = await build({
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : {
          stdin: {
            contents: entry.contents,
            resolveDir: entry.resolveDir,
            loader: 'ts' as const,
            sourcefile: 'entry.ts',
          },
        }),
    absWorkingDir: PACKAGE_ROOT,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    define: {
      Buffer: NODE_GLOBAL_MARKERS.Buffer,
      process: NODE_GLOBAL_MARKERS.process,
      'globalThis.process': NODE_GLOBAL_MARKERS.process,
      'globalThis.Buffer': NODE_GLOBAL_MARKERS.Buffer,
    },
    metafile: true,
    logLevel: 'silent',
    plugins: [refuseNodeBuiltins(nodeBuiltins)],
  });
  const code = result.outputFiles[0]!.text;
  const nodeGlobals: string[] = [];
  for (const [name, marker] of Object.entries(NODE_GLOBAL_MARKERS)) {
    for (const line of code.split('\n')) {
      for (let count = line.split(marker).length - 1; count > 0; count--)
        nodeGlobals.push(`${name}: ${line.trim().slice(0, 160)}`);
    }
  }
  return { code, nodeBuiltins, nodeGlobals, inputs: Object.keys(result.metafile.inputs) };
}

/** The worker script workerd runs; throws if it reaches a Node built-in or global. */
export async function bundleWorker(): Promise<string> {
  const report = await bundleForWorkers({ file: WORKER_ENTRY });
  if (report.nodeBuiltins.length > 0 || report.nodeGlobals.length > 0) {
    throw new Error(
      `The worker bundle reaches Node APIs:\n${[...report.nodeBuiltins, ...report.nodeGlobals].join('\n')}`,
    );
  }
  return report.code;
}
