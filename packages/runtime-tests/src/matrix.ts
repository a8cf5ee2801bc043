/**
 * The runtime × version × cases table. Test files append their rows to files in a folder made by the
 * global setup (test files run in separate workers); the global teardown prints the table.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';

/** One line of the matrix: a runtime, how the app ran on it, and how many cases passed. */
export interface MatrixRow {
  readonly runtime: string;
  readonly version: string;
  readonly suite: string;
  readonly passed: number;
  readonly failed: number;
  /** Signature implementation the runtime resolved, when the suite reports it. */
  readonly crypto?: string;
}

/** Appends `row` to the matrix kept in `folder`. */
export function recordRow(folder: string, row: MatrixRow): void {
  appendFileSync(join(folder, `rows-${process.pid}.jsonl`), `${JSON.stringify(row)}\n`);
}

/** Reads every row recorded in `folder`. */
export function readRows(folder: string): MatrixRow[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) => readFileSync(join(folder, file), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as MatrixRow);
}

const ORDER = ['node', 'bun', 'deno', 'workerd'];

/** The rows as a Markdown table, Node lines first. */
export function formatMatrix(rows: readonly MatrixRow[]): string {
  const sorted = [...rows].sort(
    (a, b) =>
      ORDER.indexOf(a.runtime) - ORDER.indexOf(b.runtime) ||
      a.version.localeCompare(b.version, 'en', { numeric: true }) ||
      a.suite.localeCompare(b.suite),
  );
  const lines = ['| runtime | version | suite | signature | passed | failed |', '|---|---|---|---|---:|---:|'];
  for (const row of sorted)
    lines.push(
      `| ${row.runtime} | ${row.version} | ${row.suite} | ${row.crypto ?? ''} | ${row.passed} | ${row.failed} |`,
    );
  return lines.join('\n');
}

/**
 * Declares the cases of one suite and counts them: `test(name, fn)` declares a vitest test that counts
 * its outcome; `flush()` (in `afterAll`) records the row. A case that never ran (its suite's setup
 * failed) counts as failed.
 */
export function caseCounter(folder: string, row: Omit<MatrixRow, 'passed' | 'failed'>) {
  let declared = 0;
  let passed = 0;
  let crypto = row.crypto;
  return {
    test(name: string, fn: () => Promise<void>): void {
      declared += 1;
      it(name, async () => {
        await fn();
        passed += 1;
      });
    },
    setCrypto(value: string): void {
      crypto = value;
    },
    flush(): void {
      recordRow(folder, { ...row, ...(crypto === undefined ? {} : { crypto }), passed, failed: declared - passed });
    },
  };
}
