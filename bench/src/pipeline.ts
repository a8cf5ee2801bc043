/**
 * Tables 1 and 2: one signed POST through core's `handle()` (verify + parse + route to one no-op handler
 * per event) against the hand-written floor and against whatsapp-api-js; then the Web Crypto build's
 * `handleFetch()` against the Node build.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WhatsAppAPI } from 'whatsapp-api-js';
import { BENCH_SECRET, benchBodies, webhookRequest, type BenchBody } from './bodies';
import { compare, fmt, table } from './harness';
import { loadCore, type CoreModule } from './load-core';

const noop = (_event: unknown): void => undefined;

function hookedWebhooks(core: CoreModule) {
  const webhooks = core.createWebhooks({ appSecret: BENCH_SECRET, verifyToken: 'bench', dedupe: false });
  webhooks.on('messages', noop);
  return webhooks;
}

/** The floor: what a user could write by hand with node:crypto and JSON.parse. */
function floor(body: BenchBody): () => number {
  const expected = Buffer.from(body.signature.slice(7), 'hex');
  return () => {
    const digest = createHmac('sha256', BENCH_SECRET).update(body.bytes).digest();
    if (!timingSafeEqual(digest, expected)) throw new Error('bad signature');
    const data = JSON.parse(body.bytes.toString('utf8')) as {
      entry: Array<{ changes: Array<{ value: { messages?: unknown[] } }> }>;
    };
    let events = 0;
    for (const entry of data.entry) {
      for (const change of entry.changes) {
        for (const message of change.value.messages ?? []) {
          noop(message);
          events++;
        }
      }
    }
    return events;
  };
}

function fetchRequest(body: BenchBody): Request {
  return new Request('http://127.0.0.1/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': body.signature },
    body: body.bytes,
  });
}

async function check(what: string, run: () => Promise<number>): Promise<void> {
  const status = await run();
  if (status !== 200) throw new Error(`${what} answered ${status}; the benchmark would measure an error path`);
}

/** Table 1. */
export async function pipelineTable(): Promise<{ markdown: string; ratios: Record<string, number> }> {
  const { node } = await loadCore();
  const webhooks = hookedWebhooks(node);
  const peer = new WhatsAppAPI({ token: 'unused', appSecret: BENCH_SECRET, webhookVerifyToken: 'bench', v: 'v23.0' });
  let peerEvents = 0;
  peer.on.message = () => {
    peerEvents++;
  };
  const rows: Array<Array<string | number>> = [];
  const ratios: Record<string, number> = {};
  for (const body of benchBodies()) {
    await check('handle()', async () => (await webhooks.handle(webhookRequest(body))).status);
    const floorRun = floor(body);
    if (floorRun() !== body.events) throw new Error('floor miscounted');
    peerEvents = 0;
    await peer.post(JSON.parse(body.text), body.text, body.signature);
    const peerDelivered = peerEvents;
    const timings = await compare(
      [
        { name: 'floor', run: floorRun },
        { name: 'wa-webhooks', run: () => webhooks.handle(webhookRequest(body)) },
        { name: 'whatsapp-api-js', run: () => peer.post(JSON.parse(body.text), body.text, body.signature) },
      ],
      { rounds: body.events >= 1000 ? 9 : 15 },
    );
    const [floorTiming, ours, theirs] = timings as [(typeof timings)[0], (typeof timings)[0], (typeof timings)[0]];
    const delivered = { floor: body.events, 'wa-webhooks': body.events, 'whatsapp-api-js': peerDelivered };
    for (const timing of timings) {
      const events = delivered[timing.name as keyof typeof delivered];
      rows.push([
        body.name,
        `${fmt(body.bytes.length / 1024, 1)} KB`,
        timing.name,
        fmt(timing.microseconds, 1),
        fmt(timing.opsPerSecond, 0),
        `${fmt(timing.microseconds / floorTiming.microseconds, 2)}×`,
        timing.name === 'whatsapp-api-js' ? `${events} (first item only)` : events,
        fmt(timing.microseconds / Math.max(events, 1), 2),
      ]);
    }
    ratios[`${body.name}: handle()/floor`] = ours.microseconds / floorTiming.microseconds;
    ratios[`${body.name}: per-message speed-up vs whatsapp-api-js`] =
      theirs.microseconds / Math.max(peerDelivered, 1) / (ours.microseconds / body.events);
  }
  return {
    markdown: table(['body', 'size', 'contender', 'µs/op', 'ops/s', 'vs floor', 'events delivered', 'µs/event'], rows),
    ratios,
  };
}

/** Table 2. */
export async function webCryptoTable(): Promise<string> {
  const { node, web } = await loadCore();
  if (
    (node.CRYPTO_IMPLEMENTATION as string) !== 'node:crypto' ||
    (web.CRYPTO_IMPLEMENTATION as string) !== 'web-crypto'
  ) {
    throw new Error('the Node and Web builds did not load as expected');
  }
  const nodeHooks = hookedWebhooks(node);
  const webHooks = hookedWebhooks(web);
  const rows: Array<Array<string | number>> = [];
  for (const body of benchBodies()) {
    await check('web handleFetch()', async () => (await webHooks.handleFetch(fetchRequest(body))).status);
    const timings = await compare(
      [
        { name: 'Node build, handle()', run: () => nodeHooks.handle(webhookRequest(body)) },
        { name: 'Node build, handleFetch()', run: () => nodeHooks.handleFetch(fetchRequest(body)) },
        { name: 'Web Crypto build, handleFetch()', run: () => webHooks.handleFetch(fetchRequest(body)) },
      ],
      { rounds: body.events >= 1000 ? 9 : 15 },
    );
    const base = timings[0]!.microseconds;
    for (const timing of timings) {
      rows.push([
        body.name,
        timing.name,
        fmt(timing.microseconds, 1),
        fmt(timing.opsPerSecond, 0),
        `${fmt(timing.microseconds / base, 2)}×`,
      ]);
    }
  }
  return table(['body', 'path', 'µs/op', 'ops/s', 'vs Node handle()'], rows);
}
