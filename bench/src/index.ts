/**
 * `pnpm bench` (from the repository root, which builds first): prints every table. With `--write`, also
 * replaces BENCHMARKS.md at the root with this run's tables, machine and date.
 * `--quick` shortens the HTTP rounds (for a smoke run; the figures are then noisier).
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { dedupeTable } from './dedupe';
import { httpTable } from './http';
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

const pipeline = await pipelineTable();
const r = pipeline.ratios;
print(
  '1. Core pipeline vs the floor vs whatsapp-api-js',
  pipeline.markdown,
  `One signed POST through \`handle()\`: signature check on the raw bytes, JSON parse, schema check of every item, one no-op handler per event (deduplication off; its cost is table 5). The *floor* is what you could write by hand with \`createHmac\` + \`timingSafeEqual\` + \`JSON.parse\` + a loop, with no schema checks and no event objects. whatsapp-api-js dispatches only the first item of a notification, so its per-event cost is its whole POST. Ratios to the floor this run: 1 message ${x(r['1 message: handle()/floor']!)}, 100-message batch ${x(r['100-message batch: handle()/floor']!)}, 3 MB batch ${x(r['3 MB batch (1 000 messages): handle()/floor']!)}; per delivered message wa-webhooks is ${x(r['1 message: per-message speed-up vs whatsapp-api-js']!)} (1 message) to ${x(r['100-message batch: per-message speed-up vs whatsapp-api-js']!)} (batch) faster than whatsapp-api-js.`,
);
print(
  '2. Web Crypto build vs Node build',
  await webCryptoTable(),
  'The same bodies through the build edge runtimes get (Web Crypto HMAC with a cached key, strict TextDecoder) and the Node build (node:crypto, ASCII fast path), both through `handleFetch()` with a fetch `Request`, and the Node build through `handle()` (what the adapters call). Creating the fetch `Request` is part of the `handleFetch()` rows.',
);
const http = await httpTable(args.has('--quick') ? { rounds: 3, seconds: 2 } : { rounds: 5, seconds: 3 });
print(
  '3. HTTP throughput: each adapter vs its bare framework',
  http.markdown,
  `autocannon on 127.0.0.1, 32 connections, the signed 1-message body; each server in its own process; bare and adapter rounds interleaved, median of 5. The bare route verifies and parses by hand (the floor a user could write in that framework). Adapter / bare this run: ${Object.entries(
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
  'Measured in a separate process with `--expose-gc`. *Live memory at the peak* is what one 3 MB request really holds while its last handler runs (a full GC inside that handler: the bytes, the decoded text, the parsed tree and the events). Peak RSS and heap growth also count garbage V8 has not collected yet, so they depend on GC timing more than on the library. The 100 000 small POSTs carry new message ids each, through the default memory dedupe store, which is bounded at 10 000 ids: the heap stays flat.',
);
print(
  '5. Deduplication overhead',
  await dedupeTable(),
  'The same 20-event POSTs (new message ids every time, so every event is claimed and committed) without deduplication, with the default memory store, and with the Redis store against a real redis-server on loopback (one Lua script call to claim and one to commit per POST).',
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
