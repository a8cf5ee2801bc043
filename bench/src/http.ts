/**
 * Table 3: HTTP throughput of each adapter against a bare route in the same framework, with autocannon
 * on 127.0.0.1 (32 connections, a signed 1-message body with a new message id per request, the default
 * options), interleaved A/B rounds; req/s is the median of the rounds, *vs bare* the median of the
 * per-round ratios. Both routes live in one server process (its own process, apart from the load
 * generator): two processes measured one after the other land differently on the 2 cores, which moved
 * the ratio by ±15 % between runs; one process serving both routes leaves only the route as the
 * difference. Each framework is measured in several such processes, one pass over the frameworks after
 * another.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { createHmac } from 'node:crypto';
import { BENCH_SECRET, benchBodies } from './bodies';
import { fmt, median, table } from './harness';

interface Round {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function startServer(framework: string): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'http-server.ts'), framework], {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${framework} exited (${String(code)})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('PORT ') && resolve(line.slice(5)));
  });
  return { origin: `http://127.0.0.1:${port}`, child };
}

interface SignedBody {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Signed 1-message bodies with a new message id for every request, built the way the bench bodies are
 * (Meta's escaping). They are made and signed before each round (`refill`), so that the load generator,
 * which shares the 2 cores with the server, spends its time sending; signing on the fly made it the
 * bottleneck, and the ratio then measured wake-up latency more than the server. A round that outruns
 * its stock signs the rest on the fly rather than repeat an id.
 */
function freshBodies(): { next: () => SignedBody; refill: (count: number) => void } {
  const marker = 'wamid.FRESHFRESHFRESHFRESH';
  const text = benchBodies()[0]!.text.replace(/wamid\.[^"]+/, marker);
  const [before, after] = text.split(marker) as [string, string];
  let serial = 0;
  const make = (): SignedBody => {
    const body = Buffer.from(`${before}wamid.HTTP${String(serial++).padStart(16, '0')}${after}`);
    const signature = `sha256=${createHmac('sha256', BENCH_SECRET).update(body).digest('hex')}`;
    return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature } };
  };
  let stock: SignedBody[] = [];
  let taken = 0;
  return {
    next: () => (taken < stock.length ? stock[taken++]! : make()),
    refill: (count) => {
      stock = Array.from({ length: count }, make);
      taken = 0;
    },
  };
}

const bodies = freshBodies();
/** Requests a round may send, from the fastest round so far (with margin). */
let expectedPerSecond = 20_000;

function load(url: string, seconds: number): Promise<Round> {
  bodies.refill(Math.ceil(expectedPerSecond * 1.5 * seconds));
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections: 32,
        duration: seconds,
        requests: [
          {
            setupRequest: (request) => ({ ...request, ...bodies.next() }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        expectedPerSecond = Math.max(expectedPerSecond, result.requests.average);
        resolve({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
  });
}

/** The printed table, and the adapter/bare ratio of each framework. */
export interface HttpTable {
  readonly markdown: string;
  readonly ratios: Record<string, number>;
}

/** The value below which `share` of the sorted `values` lie (nearest rank). */
function quantile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(share * (sorted.length - 1))))]!;
}

/** Interleaved bare/adapter rounds in one new server process of `framework`. */
async function measureProcess(
  framework: string,
  rounds: number,
  seconds: number,
  into: Record<'bare' | 'adapter', Round[]>,
): Promise<void> {
  const server = await startServer(framework);
  const urls = { bare: `${server.origin}/bare`, adapter: `${server.origin}/webhook` };
  try {
    for (const variant of ['bare', 'adapter'] as const) await load(urls[variant], 1); // warm-up (JIT)
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['bare', 'adapter'] as const) : (['adapter', 'bare'] as const);
      for (const variant of order) into[variant].push(await load(urls[variant], seconds));
    }
  } finally {
    server.child.kill('SIGTERM');
  }
}

/**
 * Runs the HTTP benchmark: per framework, `processes` server processes of `rounds` interleaved rounds
 * of `seconds` each. The passes go round the frameworks (express, koa, fastify, hono, express, ...), so
 * that a busy minute on the host lands on every framework rather than on one, and each framework is
 * measured in several processes rather than one (a process's JIT and heap layout are a draw of their
 * own).
 */
export async function httpTable(
  options: { processes?: number; rounds?: number; seconds?: number; frameworks?: readonly string[] } = {},
): Promise<HttpTable> {
  const processes = options.processes ?? 1;
  const rounds = options.rounds ?? 3;
  const seconds = options.seconds ?? 4;
  const frameworks = options.frameworks ?? ['express', 'koa', 'fastify', 'hono'];
  const results = new Map(frameworks.map((name) => [name, { bare: [] as Round[], adapter: [] as Round[] }]));
  for (let pass = 0; pass < processes; pass++) {
    for (const framework of frameworks) await measureProcess(framework, rounds, seconds, results.get(framework)!);
  }
  const rows: Array<Array<string | number>> = [];
  const ratios: Record<string, number> = {};
  for (const framework of frameworks) {
    const measured = results.get(framework)!;
    const summary = (variant: 'bare' | 'adapter') => ({
      rps: median(measured[variant].map((round) => round.rps)),
      p50: median(measured[variant].map((round) => round.p50)),
      p99: median(measured[variant].map((round) => round.p99)),
      non2xx: measured[variant].reduce((sum, round) => sum + round.non2xx + round.errors, 0),
    });
    const bare = summary('bare');
    const adapter = summary('adapter');
    // Paired per round (the two ran back to back), so that drift between rounds cancels out.
    const paired = measured.adapter.map((round, index) => round.rps / measured.bare[index]!.rps);
    const ratio = median(paired);
    ratios[`${framework}: adapter rps / bare rps`] = ratio;
    const spread = `${fmt(quantile(paired, 0.25) * 100, 0)}–${fmt(quantile(paired, 0.75) * 100, 0)} %`;
    for (const [variant, figures] of [
      ['bare route (by hand)', bare],
      ['wa-webhooks adapter', adapter],
    ] as const) {
      const adapterRow = variant === 'wa-webhooks adapter';
      rows.push([
        framework,
        variant,
        fmt(figures.rps, 0),
        `${figures.p50} ms`,
        `${figures.p99} ms`,
        figures.non2xx,
        adapterRow ? `${fmt(ratio * 100, 1)} %` : '100 %',
        adapterRow ? spread : '',
      ]);
    }
  }
  return {
    markdown: table(
      [
        'framework',
        'route',
        'req/s (median)',
        'p50',
        'p99',
        'non-2xx + errors',
        'vs bare',
        'vs bare, middle half of the rounds',
      ],
      rows,
    ),
    ratios,
  };
}

/**
 * `httpTable` in a new process, so that the load generator starts with a small, fresh heap. Run from the
 * orchestrator after the in-process tables had grown its heap, the same table measured Fastify at
 * 82.8 % where it measured 94.0 % alone.
 */
export function httpTableInChild(options: Parameters<typeof httpTable>[0]): Promise<HttpTable> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, join(import.meta.dirname, 'http-main.ts'), JSON.stringify(options ?? {})],
      { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the HTTP benchmark exited with ${String(code)}`));
      resolve(JSON.parse(output.trim().split('\n').pop()!) as HttpTable);
    });
  });
}
