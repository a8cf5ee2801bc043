/**
 * `pnpm bench` (from the repository root, which builds first): prints every table. With `--write`, also
 * replaces BENCHMARKS.md at the root with this run's tables, machine and date.
 * `--quick` shortens the HTTP rounds (for a smoke run; the figures are then noisier).
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { dedupeTable, memoryFillTable } from './dedupe';
import { defaultsTable } from './defaults';
import { httpTableInChild } from './http';
import { memoryTable } from './memory';
import { pipelineTable, webCryptoTable } from './pipeline';

const args = new Set(process.argv.slice(2));
const started = Date.now();
const sections: string[] = [];
const print = (title: string, body: string, explanation: string): void => {
  const section = `## ${title}\n\n${body}\n\n${explanation}\n`;
  sections.push(section);
  process.stdout.write(`\n${section}`);
};
const pct = (value: number) => `${(value * 100).toFixed(0)} %`;
const x = (value: number) => `${value.toFixed(2)}×`;

// The HTTP table runs first, from a process of its own, while nothing else holds the machine: run after
// the in-process tables (whose orchestrator then holds about 400 MB), Fastify's ratio measured 82.8,
// 88.7 and 90.2 % in three runs, against 93.5 to 95.3 % in four runs on a fresh machine state.
const http = await httpTableInChild(
  args.has('--quick') ? { processes: 1, rounds: 3, seconds: 2 } : { processes: 3, rounds: 6, seconds: 2 },
);
const defaults = await defaultsTable();
const d = defaults.ratios;
const DEFAULTS = 'wa-webhooks, defaults (memory dedupe, full)';
const OFF = 'wa-webhooks, dedupe off';
print(
  '1. The default configuration vs the floor (the headline)',
  defaults.markdown,
  `One signed POST through \`handle()\` with the options a user gets without choosing: the default memory dedupe store, already full (100 000 ids went through it first, as after days of traffic), and a new message id in every POST, so every event is really claimed and committed. Each POST: signature check on the raw bytes, JSON parse, schema check of every item, one no-op handler per event. The *floor* is what you could write by hand: \`createHmac\` + \`timingSafeEqual\` + \`JSON.parse\` + a loop that skips ids it has seen in a \`Set\`. whatsapp-api-js 6.3 is called the way its README shows (\`post(JSON.parse(body), body, signature)\`, with the \`NodeNext\` setup it recommends on Node, and with the plain constructor); it hands its handler only the first message of a notification and deduplicates nothing. The contenders run in 31 rounds of about 20 ms each, in a new order every round; µs/POST is the median of the rounds, and *vs floor* the median of the per-round ratios (paired, so that the machine's drift between rounds cancels out). Ratios to the floor this run: defaults ${x(d[`1 message: ${DEFAULTS}`]!)} (1 message) and ${x(d[`100-message batch: ${DEFAULTS}`]!)} (100 messages); dedupe off ${x(d[`1 message: ${OFF}`]!)} and ${x(d[`100-message batch: ${OFF}`]!)}.`,
);
const pipeline = await pipelineTable();
const r = pipeline.ratios;
print(
  '1b. Fixed bodies, deduplication off, up to 3 MB',
  pipeline.markdown,
  `The same pipeline on the same body again and again (so deduplication is off: with it on, every POST after the first would be a duplicate), including a 3 MB batch of 1 000 messages, and whatsapp-api-js with its plain constructor as the earlier releases of this table measured it. Ratios to the floor this run: 1 message ${x(r['1 message: handle()/floor']!)}, 100-message batch ${x(r['100-message batch: handle()/floor']!)}, 3 MB batch ${x(r['3 MB batch (1 000 messages): handle()/floor']!)}.`,
);
print(
  '2. Web Crypto build vs Node build',
  await webCryptoTable(),
  'The same bodies through the build edge runtimes get (Web Crypto HMAC with a cached key, strict TextDecoder) and the Node build (node:crypto, ASCII fast path), both through `handleFetch()` with a fetch `Request`, and the Node build through `handle()` (what the adapters call). Creating the fetch `Request` is part of the `handleFetch()` rows.',
);
print(
  '3. HTTP throughput: each adapter vs its bare framework',
  http.markdown,
  `autocannon on 127.0.0.1 (from a process of its own, before the other tables run), 32 connections, the signed 1-message body with a new message id per request and the default options (memory dedupe on); a server process serves both routes (\`/bare\` and the adapter at \`/webhook\`), so that they share the process, its heap and its place on the CPUs; bare and adapter rounds interleaved, 6 rounds of 2 s each per process, and 3 processes per framework, started in passes over the four frameworks (so that a busy minute on the shared host, or one process's draw of JIT and heap layout, does not decide a framework's figure): 18 paired rounds per framework. req/s is the median of the rounds, *vs bare* the median of the per-round ratios, and the last column the middle half of those ratios, the noise of this machine. The bare route verifies and parses by hand (the floor a user could write in that framework). Adapter / bare this run: ${Object.entries(
    http.ratios,
  )
    .map(([name, ratio]) => `${name.split(':')[0]} ${pct(ratio)}`)
    .join(
      ', ',
    )}. Both share the machine's 2 cores with the load generator, so absolute figures are low; compare within a framework.`,
);
const memory = await memoryTable();
print(
  '4. Memory',
  memory.markdown,
  'Measured in a separate process with `--expose-gc`. *Live memory at the peak* is what one 3 MB request really holds while its last handler runs (a full GC inside that handler: the bytes, the decoded text, the parsed tree and the events). Peak RSS and heap growth also count garbage V8 has not collected yet, so they depend on GC timing more than on the library. The 200 000 small POSTs carry new message ids each, through the default memory dedupe store, which is bounded at 100 000 ids: the heap grows with the ids while it fills (its typed arrays, 3.3 MB, were allocated when it was created, outside the JS heap), then stays flat.',
);
print(
  '5. Deduplication overhead',
  await dedupeTable(),
  'The same 20-event POSTs (new message ids every time, so every event is claimed and committed) without deduplication, with the default memory store, and with the Redis store against a real redis-server on loopback (one Lua script call to claim and one to commit per POST).',
);
const fill = await memoryFillTable();
print(
  '5b. The memory store by fill',
  fill.markdown,
  `Claim + commit of one new id in the default memory store (\`memoryDedupeStore()\`: 100 000 ids for 7 days), nearly empty, half full, full, and after it has turned over twice: the state of every long-running server. Each measured batch of 1 000 new ids starts from its fill (the 1 % and 50 % rows from a store filled beforehand for that round); the ids are made before the batch, as JSON.parse hands them over. Ratios are paired per round: full costs ${x(fill.ratios['100 %']!)} of nearly empty this run, turned over ${x(fill.ratios['turned over twice']!)}. Memory: the store's tables take about 40 bytes per id of capacity (4 MB for 100 000, allocated when it is created), plus the ids themselves, about 90 bytes each for Meta's 60-character message ids (table 4 measures the heap).`,
);
for (const [title, body, explanation] of await (await import('./stores')).storeTables())
  print(title, body, explanation);
const seconds = (Date.now() - started) / 1000;
process.stdout.write(`\ndone in ${seconds.toFixed(0)} s\n`);

if (args.has('--write')) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const header = `# Benchmarks\n\nThe latest run of \`pnpm bench\` (${seconds.toFixed(0)} s). Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; commit ${commit}. Command: \`pnpm install && pnpm bench -- --write\` (writes this file). Numbers move with the machine's load; ratios measured in one interleaved run are the figures to compare.\n\n`;
  writeFileSync(join(import.meta.dirname, '..', '..', 'BENCHMARKS.md'), header + sections.join('\n'));
  process.stdout.write('wrote BENCHMARKS.md\n');
}
