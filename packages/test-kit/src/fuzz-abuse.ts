/**
 * The slow and abusive clients of the fuzz suite, as rows: a body trickled byte by byte, clients that
 * stop mid-body or mid-headers (the server's timeouts must cut them off), and many oversized uploads at
 * once (memory must stay bounded). Each row boots its own server through `boot`.
 */
import { SIGNATURE_HEADER, type Webhooks } from '@wa-webhooks/core';
import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'vitest';
import type { ServerTimeouts } from './fuzz';
import { pathOf, portOf, recordingWebhooks } from './fuzz-judge';
import { signedNotification, toWire } from './fuzz-requests';
import type { RunningServer } from './http';
import { freshWamid } from './notifications';
import { WireConnection, WirePool } from './raw-http';
import { signBody } from './signer';

/** Boots the adapter around `webhooks`, with the given server timeouts or the framework's defaults. */
export type BootFuzzServer = (webhooks: Webhooks, timeouts?: ServerTimeouts) => Promise<RunningServer>;

/** One abusive-client case: its test name, its body, and its timeout. */
export interface AbuseCase {
  readonly name: (adapter: string) => string;
  readonly run: (boot: BootFuzzServer, adapter: string) => Promise<void>;
  readonly timeout: number;
}

const SHORT_TIMEOUTS: ServerTimeouts = { requestTimeout: 1500, headersTimeout: 1000, connectionsCheckingInterval: 100 };

async function trickled(boot: BootFuzzServer): Promise<void> {
  const calls: string[] = [];
  const server = await boot(recordingWebhooks(calls));
  const wamid = freshWamid();
  const bytes = toWire(signedNotification(pathOf(server), 'trickled é', wamid), portOf(server));
  const connection = new WireConnection(portOf(server));
  const head = bytes.indexOf('\r\n\r\n') + 4;
  await connection.write(bytes.subarray(0, head));
  const answer = connection.exchange([], { timeoutMs: 30_000 });
  for (const byte of bytes.subarray(head)) {
    await connection.write(Buffer.from([byte]));
    await delay(1);
  }
  const outcome = await answer;
  connection.destroy();
  expect(outcome.kind === 'response' ? [outcome.response.status, outcome.response.body.toString()] : outcome).toEqual([
    200,
    '',
  ]);
  expect(calls).toEqual([`any message messages.text m:${wamid}`]);
}

/** A client that stops in the middle of its body or its headers must be disconnected by the timeouts. */
async function stalled(boot: BootFuzzServer, where: 'body' | 'head'): Promise<void> {
  const calls: string[] = [];
  const reported: string[] = [];
  // The default limit, so that 3 MB is a size core reads rather than refuses at once.
  const webhooks = recordingWebhooks(calls);
  webhooks.onError((error) => {
    reported.push(error.code);
  });
  const server = await boot(webhooks, SHORT_TIMEOUTS);
  const port = portOf(server);
  const connection = new WireConnection(port);
  const start = `POST ${pathOf(server)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n`;
  const head =
    where === 'body'
      ? `${start}${SIGNATURE_HEADER}: ${signBody('x')}\r\nContent-Length: 3000000\r\n\r\n`
      : `${start}X-Slow: `;
  await connection.write(where === 'body' ? Buffer.concat([Buffer.from(head), Buffer.alloc(1000, 0x7b)]) : head);
  const leftover = await Promise.race([connection.whenClosed(), delay(20_000).then(() => 'still open')]);
  connection.destroy();
  expect(leftover).not.toBe('still open');
  // Either nothing or a 408 from the timeout; never a 200 and never a handler call.
  const text = (leftover as Buffer).toString('latin1');
  expect(text === '' || /^HTTP\/1\.1 408 /.test(text)).toBe(true);
  expect(calls).toEqual([]);
  // The server still answers others.
  const pool = new WirePool(port);
  const wamid = freshWamid();
  const { outcome } = await pool.send(toWire(signedNotification(pathOf(server), 'after a slow client', wamid), port));
  pool.close();
  expect(outcome.kind === 'response' ? outcome.response.status : outcome).toBe(200);
  expect(reported).toEqual([]);
}

/** RSS (a high-water mark: it rarely shrinks) and live JS + buffer memory (what is held now), sampled. */
function memorySampler(): { stop(): { growth: number; liveGrowth: number } } {
  const live = (): number => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const before = process.memoryUsage().rss;
  const liveBefore = live();
  let peak = before;
  let livePeak = liveBefore;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().rss);
    livePeak = Math.max(livePeak, live());
  };
  const timer = setInterval(sample, 5);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { growth: peak - before, liveGrowth: livePeak - liveBefore };
    },
  };
}

async function oversized(boot: BootFuzzServer, adapter: string): Promise<void> {
  const clients = 8;
  const size = 64 * 1024 * 1024;
  const calls: string[] = [];
  const server = await boot(recordingWebhooks(calls));
  const port = portOf(server);
  const sampler = memorySampler();
  const results = await Promise.all(
    Array.from({ length: clients }, (_, index) =>
      upload(port, pathOf(server), size, index % 2 === 0 ? 'chunked' : 'content-length'),
    ),
  );
  const { growth, liveGrowth } = sampler.stop();
  const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
  process.stdout.write(
    `[abuse] ${adapter}: ${clients} x 64 MiB uploads, RSS growth ${mib(growth)} MiB, live heap + buffers growth ${mib(liveGrowth)} MiB, answers ${results.map((one) => one.answer).join(' ')}, sent ${results.map((one) => mib(one.sent)).join('/')} MiB\n`,
  );
  for (const result of results) expect(['413', 'closed']).toContain(result.answer);
  // The server stopped reading: with flow control, a client can only get the limit (3.5 MiB) plus what
  // the socket buffers hold through, never the 64 MiB it offered.
  for (const result of results) expect(result.sent).toBeLessThan(size / 2);
  // Far below what was offered (8 x 64 MiB = 512 MiB).
  expect(growth).toBeLessThan((clients * size) / 4);
  expect(liveGrowth).toBeLessThan((clients * size) / 4);
  expect(calls).toEqual([]);
}

/** The slow and abusive client cases, in the order they run. */
export const ABUSE_CASES: readonly AbuseCase[] = [
  { name: () => 'answers a signed notification trickled one byte at a time', run: trickled, timeout: 30_000 },
  {
    name: () =>
      'closes the connection of a client that announces a 3 MB body and stops after 1 000 bytes (server timeouts apply)',
    run: (boot) => stalled(boot, 'body'),
    timeout: 30_000,
  },
  {
    name: () => 'closes the connection of a client that stops in the middle of its headers (server timeouts apply)',
    run: (boot) => stalled(boot, 'head'),
    timeout: 30_000,
  },
  {
    name: () =>
      'stops reading at the limit when 8 clients send 64 MiB each at once: memory stays bounded, each gets 413 or a closed connection',
    run: oversized,
    timeout: 60_000,
  },
];

/**
 * Uploads `size` bytes of `{` as fast as the socket takes them, chunked or with Content-Length, and stops
 * when the server answers or closes. Resolves with `413`-like status text or `closed`, and the bytes sent.
 */
function upload(
  port: number,
  path: string,
  size: number,
  mode: 'chunked' | 'content-length',
): Promise<{ answer: string; sent: number }> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const piece = Buffer.alloc(64 * 1024, 0x7b);
    const framed =
      mode === 'chunked'
        ? Buffer.concat([Buffer.from(`${piece.byteLength.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
        : piece;
    let sent = 0;
    let received = '';
    let done = false;
    const finish = (answer: string): void => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ answer, sent });
    };
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      if (status !== undefined && received.includes('\r\n\r\n')) finish(status);
    });
    socket.on('error', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('connect', () => {
      const length = mode === 'content-length' ? `Content-Length: ${size}\r\n` : 'Transfer-Encoding: chunked\r\n';
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n${SIGNATURE_HEADER}: ${signBody('x')}\r\n${length}\r\n`,
      );
      const pump = (): void => {
        while (!done && sent < size) {
          sent += piece.byteLength;
          if (!socket.write(framed)) {
            socket.once('drain', pump);
            return;
          }
        }
        if (!done && mode === 'chunked') socket.write('0\r\n\r\n');
      };
      pump();
    });
  });
}
