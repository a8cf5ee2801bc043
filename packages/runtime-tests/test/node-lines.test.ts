/**
 * Node 22 and 24 (the machine runs 20): the built packages resolve the node:crypto path, and core's
 * tests plus every adapter's conformance suite pass when vitest itself runs on that Node.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { runtimeBinary, runtimeVersion, type RuntimeName } from '../src/binaries';
import { recordRow } from '../src/matrix';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
/** Core's own tests, the projects of the four adapters (the shared conformance suite), and Flows. */
const PROJECTS = ['core', 'express', 'koa', 'fastify', 'hono', 'flows'];
/**
 * The adapters' fuzz suites send a tenth of their requests on these lines (1 000 instead of 10 000 per
 * framework): enough to cross each Node's HTTP parser with every request shape, while the machine's
 * Node runs the full count. This keeps the two extra runs near a minute each within the CI budget.
 */
const FUZZ_SCALE = 0.1;

/** This process's environment without what the surrounding vitest run set for its workers. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS' && name !== 'TEST',
    ),
  );
}

interface VitestJsonReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numTotalTests: number;
  readonly testResults: readonly {
    name: string;
    assertionResults: readonly { fullName: string; status: string; failureMessages: readonly string[] }[];
  }[];
}

/** Runs vitest on `node` over PROJECTS and returns its JSON report and output. */
function runVitest(node: string): Promise<{ report: VitestJsonReport | undefined; output: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'wa-webhooks-node-line-'));
  const reportFile = join(folder, 'report.json');
  const args = [
    VITEST,
    'run',
    ...PROJECTS.flatMap((name) => ['--project', name]),
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    '--reporter=dot',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(node, args, {
      cwd: ROOT,
      env: {
        ...cleanEnv(),
        CI: '1',
        FORCE_COLOR: '0',
        FUZZ_SCALE: String(FUZZ_SCALE),
        // Type tests depend on TypeScript, not on Node: the main run has them.
        WA_WEBHOOKS_SKIP_TYPE_TESTS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('exit', () => {
      let report: VitestJsonReport | undefined;
      try {
        report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestJsonReport;
      } catch {
        report = undefined;
      }
      rmSync(folder, { recursive: true, force: true });
      resolve({ report, output });
    });
  });
}

const require = createRequire(import.meta.url);

describe.each(['node20', 'node22', 'node24'] as const satisfies readonly RuntimeName[])('%s', (line) => {
  const node = runtimeBinary(line);
  const version = runtimeVersion(line);

  it(`resolves the node:crypto build of @wa-webhooks/core (ESM and CJS) on ${version}`, async () => {
    const probe =
      "const esm = await import('@wa-webhooks/core'); const cjs = require('@wa-webhooks/core'); console.log(esm.CRYPTO_IMPLEMENTATION, cjs.CRYPTO_IMPLEMENTATION, process.version)";
    const { stdout } = await run(
      node,
      [
        '--input-type=module',
        '-e',
        `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(require.resolve('../package.json'))}); ${probe}`,
      ],
      { cwd: PACKAGE_ROOT },
    );
    expect(stdout.trim()).toBe(`node:crypto node:crypto ${version}`);
  });

  // The machine's Node runs these suites in the main test run already.
  it.skipIf(line === 'node20')(
    `passes core's tests and the adapter conformance suites on ${version}`,
    async () => {
      const { report, output } = await runVitest(node);
      expect(report, `vitest on ${version} wrote no report:\n${output.slice(-4000)}`).toBeDefined();
      const failures = report!.testResults.flatMap((file) =>
        file.assertionResults
          .filter((test) => test.status === 'failed')
          .map((test) => `${test.fullName}\n${test.failureMessages.join('\n').slice(0, 1000)}`),
      );
      recordRow(inject('matrixFolder'), {
        runtime: 'node',
        version,
        suite: `vitest: ${PROJECTS.join(', ')} (fuzz ×${FUZZ_SCALE})`,
        crypto: 'node:crypto',
        passed: report!.numPassedTests,
        failed: report!.numFailedTests,
      });
      expect(failures).toEqual([]);
      expect(report!.numFailedTests).toBe(0);
      expect(report!.numPassedTests).toBeGreaterThan(900);
    },
    400_000,
  );
});
