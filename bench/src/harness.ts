/**
 * A small, honest timing harness: contenders of one case run in interleaved rounds (the order shuffled
 * each round), so that drift of the machine (turbo, GC, other load) hits all of them alike; the result
 * is the median of the per-round means.
 */

/** One thing to measure. `run` performs one operation; it may be async. */
export interface Contender {
  readonly name: string;
  readonly run: () => unknown;
}

/** Timing of one contender. */
export interface Timing {
  readonly name: string;
  /** Median over rounds of the mean time per operation, in microseconds. */
  readonly microseconds: number;
  readonly opsPerSecond: number;
  readonly rounds: number;
  readonly operationsPerRound: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function timeBatch(contender: Contender, operations: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let index = 0; index < operations; index++) {
    const result = contender.run();
    if (result instanceof Promise) await result;
  }
  return Number(process.hrtime.bigint() - start) / 1000 / operations;
}

/**
 * Measures contenders interleaved. Each round gives every contender about `roundMs` of work; the number
 * of operations per round is calibrated once from a warm-up.
 */
export async function compare(
  contenders: readonly Contender[],
  options: { rounds?: number; roundMs?: number; warmupMs?: number } = {},
): Promise<Timing[]> {
  const rounds = options.rounds ?? 15;
  const roundMs = options.roundMs ?? 100;
  const operations = new Map<string, number>();
  for (const contender of contenders) {
    // Warm up (JIT) and calibrate.
    let count = 1;
    const deadline = performance.now() + (options.warmupMs ?? 200);
    let perOp = 0;
    while (performance.now() < deadline) {
      perOp = await timeBatch(contender, count);
      count = Math.min(count * 2, 1_000_000);
    }
    operations.set(contender.name, Math.max(1, Math.round((roundMs * 1000) / Math.max(perOp, 0.01))));
  }
  const samples = new Map<string, number[]>(contenders.map((contender) => [contender.name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = [...contenders].sort(() => Math.random() - 0.5);
    for (const contender of order) {
      (globalThis as { gc?: () => void }).gc?.();
      samples.get(contender.name)!.push(await timeBatch(contender, operations.get(contender.name)!));
    }
  }
  return contenders.map((contender) => {
    const microseconds = median(samples.get(contender.name)!);
    return {
      name: contender.name,
      microseconds,
      opsPerSecond: 1e6 / microseconds,
      rounds,
      operationsPerRound: operations.get(contender.name)!,
    };
  });
}

/** Renders a Markdown table. */
export function table(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = rows.map((row) => row.map(String));
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(headers), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...cells.map(line)].join('\n');
}

/** Formats a number with a sensible precision. */
export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(digits);
}
