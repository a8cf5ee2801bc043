/**
 * A small, honest timing harness: contenders of one case run in interleaved rounds (the order shuffled
 * each round), so that drift of the machine (turbo, GC, other load) hits all of them alike; the result
 * is the median of the per-round means.
 */

/** One thing to measure. `run` performs one operation; it may be async. */
export interface Contender {
  readonly name: string;
  readonly run: () => unknown;
  /**
   * Called before every timed batch, untimed, with the batch's number of operations: sets up the state
   * the batch must start from (a store at a given fill, the ids it will see).
   */
  readonly prepare?: (operations: number) => void;
}

/** Timing of one contender. */
export interface Timing {
  readonly name: string;
  /** Median over rounds of the mean time per operation, in microseconds. */
  readonly microseconds: number;
  readonly opsPerSecond: number;
  readonly rounds: number;
  readonly operationsPerRound: number;
  /** Mean time per operation of each round, in round order (for paired ratios). */
  readonly samples: readonly number[];
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Times `operations` runs; with `collect`, after a full garbage collection. */
async function timeBatch(contender: Contender, operations: number, collect = false): Promise<number> {
  contender.prepare?.(operations);
  if (collect) (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  for (let index = 0; index < operations; index++) {
    const result = contender.run();
    if (result instanceof Promise) await result;
  }
  return Number(process.hrtime.bigint() - start) / 1000 / operations;
}

/** Options of `compare`. */
export interface CompareOptions {
  /** Rounds; every contender runs one batch per round, in a new order each round. Default 15. */
  readonly rounds?: number;
  /** Work per batch, in ms (calibrated from the warm-up). Default 100. */
  readonly roundMs?: number;
  /** Exactly this many operations per batch instead. */
  readonly operations?: number;
  /** Warm-up (JIT) per contender, in ms. Default 200. */
  readonly warmupMs?: number;
  /**
   * A full GC before every batch (default true), so that no batch pays for another's garbage. Turn it
   * off for short batches over a large heap: there the collection's concurrent sweeping runs into the
   * batch, and young garbage is then better left to the scavenges each contender triggers itself.
   */
  readonly collect?: boolean;
}

/**
 * Measures contenders interleaved. Each round gives every contender about `roundMs` of work (or exactly
 * `operations`); the number of operations per round is calibrated once from a warm-up.
 */
export async function compare(contenders: readonly Contender[], options: CompareOptions = {}): Promise<Timing[]> {
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
    const calibrated = Math.max(1, Math.round((roundMs * 1000) / Math.max(perOp, 0.01)));
    operations.set(contender.name, options.operations ?? calibrated);
  }
  const samples = new Map<string, number[]>(contenders.map((contender) => [contender.name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = [...contenders].sort(() => Math.random() - 0.5);
    for (const contender of order) {
      samples
        .get(contender.name)!
        .push(await timeBatch(contender, operations.get(contender.name)!, options.collect ?? true));
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
      samples: samples.get(contender.name)!,
    };
  });
}

/**
 * How much slower `timing` is than `base`, from the rounds they shared: the median of the per-round
 * ratios. Both ran in every round, minutes apart at most, so a drift of the machine between rounds
 * cancels out, where a ratio of two medians would carry it.
 */
export function pairedRatio(timing: Timing, base: Timing): number {
  return median(timing.samples.map((sample, round) => sample / base.samples[round]!));
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
