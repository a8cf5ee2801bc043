/**
 * Table 3: HTTP throughput of each adapter against a bare route in the same framework, with autocannon
 * on 127.0.0.1 (32 connections, a signed 1-message body with a new message id per request, the default
 * options), interleaved A/B rounds; req/s is the median of the rounds, *vs bare* the median of the
 * per-round ratios. Both routes live in one server process per framework (its own process, apart from
 * the load generator): two processes measured one after the other land differently on the 2 cores,
 * which moved the ratio by ±15 % between runs; one process serving both routes leaves only the route
 * as the difference.
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

/** Runs the HTTP benchmark; `seconds` per round, `rounds` rounds per variant. */
export async function httpTable(
  options: { rounds?: number; seconds?: number; frameworks?: readonly string[] } = {},
): Promise<{ markdown: string; ratios: Record<string, number> }> {
  const rounds = options.rounds ?? 3;
  const seconds = options.seconds ?? 4;
  const rows: Array<Array<string | number>> = [];
  const ratios: Record<string, number> = {};
  for (const framework of options.frameworks ?? ['express', 'koa', 'fastify', 'hono']) {
    const server = await startServer(framework);
    const urls = { bare: `${server.origin}/bare`, adapter: `${server.origin}/webhook` };
    const results: Record<'bare' | 'adapter', Round[]> = { bare: [], adapter: [] };
    try {
      for (const variant of ['bare', 'adapter'] as const) await load(urls[variant], 1); // warm-up (JIT)
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? (['bare', 'adapter'] as const) : (['adapter', 'bare'] as const);
        for (const variant of order) results[variant].push(await load(urls[variant], seconds));
      }
    } finally {
      server.child.kill('SIGTERM');
    }
    const summary = (variant: 'bare' | 'adapter') => ({
      rps: median(results[variant].map((round) => round.rps)),
      p50: median(results[variant].map((round) => round.p50)),
      p99: median(results[variant].map((round) => round.p99)),
      non2xx: results[variant].reduce((sum, round) => sum + round.non2xx + round.errors, 0),
    });
    const bare = summary('bare');
    const adapter = summary('adapter');
    // Paired per round (the two ran back to back), so that drift between rounds cancels out.
    const ratio = median(results.adapter.map((round, index) => round.rps / results.bare[index]!.rps));
    ratios[`${framework}: adapter rps / bare rps`] = ratio;
    for (const [variant, figures] of [
      ['bare route (by hand)', bare],
      ['wa-webhooks adapter', adapter],
    ] as const) {
      rows.push([
        framework,
        variant,
        fmt(figures.rps, 0),
        `${figures.p50} ms`,
        `${figures.p99} ms`,
        figures.non2xx,
        variant === 'wa-webhooks adapter' ? `${fmt(ratio * 100, 1)} %` : '100 %',
      ]);
    }
  }
  return {
    markdown: table(['framework', 'route', 'req/s (median)', 'p50', 'p99', 'non-2xx + errors', 'vs bare'], rows),
    ratios,
  };
}
