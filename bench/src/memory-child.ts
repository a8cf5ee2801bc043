/**
 * Runs in its own process (with --expose-gc) so that nothing else skews the memory figures. Prints one
 * JSON line. Phase 1: a stream of 3 MB batches through handle(). Phase 2: 200 000 small POSTs with
 * distinct message ids through the default dedupe store, twice its capacity: it fills, then stays flat.
 */
import { createHmac } from 'node:crypto';
import { benchBodies, BENCH_SECRET } from './bodies';
import { loadCore } from './load-core';

const gc = (globalThis as { gc?: () => void }).gc!;
const mb = (bytes: number) => bytes / 1024 / 1024;
const { node: core } = await loadCore();

const big = benchBodies()[2]!;
const webhooks = core.createWebhooks({ appSecret: BENCH_SECRET, verifyToken: 'bench', dedupe: false });
let events = 0;
let liveAtLastEvent = 0;
webhooks.on('messages', () => {
  events++;
  // Inside the handler of the last event of a batch, everything the request holds is alive: the bytes,
  // the decoded text, the parsed tree and core's own structures. A full GC here leaves exactly that.
  if (events % 1000 === 0 && events <= 3000) {
    gc();
    liveAtLastEvent = Math.max(liveAtLastEvent, process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers);
  }
});
const request = (bytes: Buffer, signature: string) => ({
  method: 'POST',
  url: '/webhook',
  headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
  // A fresh copy per request, as if read from the network.
  readBody: () => Promise.resolve(new Uint8Array(bytes)),
});

gc();
const before = process.memoryUsage();
const liveBefore = before.heapUsed + before.arrayBuffers;
const rssBefore = process.resourceUsage().maxRSS * 1024;
let peakHeap = before.heapUsed;
const batches = 40;
for (let index = 0; index < batches; index++) {
  const response = await webhooks.handle(request(big.bytes, big.signature));
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
const peakRss = process.resourceUsage().maxRSS * 1024;
gc();
const afterBig = process.memoryUsage();

// Phase 2: small POSTs, every one a new message id, default dedupe store (max 100 000 ids).
const small = core.createWebhooks({ appSecret: BENCH_SECRET, verifyToken: 'bench' });
small.on('messages.text', () => undefined);
const template = benchBodies()[0]!.text;
const heapAt: number[] = [];
const total = 200_000;
for (let index = 0; index < total; index++) {
  const text = template.replace('AA==', `${index.toString(36)}==`);
  const bytes = Buffer.from(text);
  const signature = `sha256=${createHmac('sha256', BENCH_SECRET).update(bytes).digest('hex')}`;
  const response = await small.handle(request(bytes, signature));
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  if ((index + 1) % 25_000 === 0) {
    gc();
    heapAt.push(process.memoryUsage().heapUsed);
  }
}

process.stdout.write(
  `${JSON.stringify({
    bodyMB: mb(big.bytes.length),
    batches,
    eventsDelivered: events,
    heapBeforeMB: mb(before.heapUsed),
    peakHeapGrowthMB: mb(peakHeap - before.heapUsed),
    liveGrowthMB: mb(liveAtLastEvent - liveBefore),
    peakRssGrowthMB: mb(peakRss - Math.max(rssBefore, before.rss)),
    heapAfterGcGrowthMB: mb(afterBig.heapUsed - before.heapUsed),
    smallPosts: total,
    heapAtMB: heapAt.map(mb),
  })}\n`,
);
