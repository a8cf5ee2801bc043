/**
 * Delivery guarantees under faults: a Meta-like retrying sender, handlers that fail 30 % of first
 * attempts, slow handlers that trip the sender's timeout, duplicate and concurrent deliveries. Every
 * event's side effect must happen exactly once, and none may be lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createWebhooks } from '@wa-webhooks/core';
import { readNodeBody } from '@wa-webhooks/core/node';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failsFirstAttempt, report, simulateMeta, type SimulationOptions } from '@wa-webhooks/test-kit/meta-simulator';
import { startRedisServer, type RedisServer } from './support/redis-server';

const SECRET = 'fault-injection-secret';
const base: Omit<SimulationOptions, 'targets' | 'seed' | 'idPrefix'> = {
  secret: SECRET,
  events: 1000,
  batchSize: 20,
  concurrency: 8,
  duplicateRate: 0.2,
  concurrentResendRate: 0.15,
  timeoutMs: 400,
  maxAttempts: 40,
};

describe('exactly once, one instance with the memory store', () => {
  let server: Server;
  const attempts = new Map<string, number>();
  const effects = new Map<string, number>();
  let calls = 0;
  let injected = 0;

  beforeAll(async () => {
    const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: 'unused' });
    webhooks.onError(() => undefined);
    webhooks.on('messages.text', async (event) => {
      calls++;
      const key = event.message.id; // the id the sender knows; event ids are opaque
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      if (attempt === 1 && failsFirstAttempt(key)) {
        injected++;
        throw new Error('injected failure');
      }
      if (attempt === 1 && failsFirstAttempt(`${key}:slow`, 0.02))
        await new Promise((resolve) => setTimeout(resolve, 600));
      effects.set(key, (effects.get(key) ?? 0) + 1);
    });
    server = createServer((req, res) => {
      void webhooks
        .handle({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          readBody: () => readNodeBody(req),
        })
        .then((response) => res.writeHead(response.status, response.headers).end(response.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers 1000 events exactly once', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
    const stats = await simulateMeta({ ...base, targets: [url], seed: 7, idPrefix: 'MEM' });
    const lost = stats.ids.filter((id) => !effects.has(id)).length;
    const double = [...effects.values()].filter((count) => count > 1).length;
    report('1 instance, memory store', stats, { lost, double, handlerCalls: calls, injectedFailures: injected });
    expect(stats.undelivered).toBe(0);
    expect(injected).toBeGreaterThan(200);
    expect(stats.retries).toBeGreaterThan(0);
    expect(stats.timeouts).toBeGreaterThan(0);
    expect(stats.duplicatesSent).toBeGreaterThan(0);
    expect(lost).toBe(0);
    expect(double).toBe(0);
    expect(effects.size).toBe(1000);
  });
});

/** Starts one server process per client library named (see support/fault-server.ts). */
async function startFaultServers(
  redisServer: RedisServer,
  clients: readonly string[],
  children: ChildProcess[],
  env: Record<string, string> = {},
): Promise<string[]> {
  const urls: string[] = [];
  for (const client of clients) {
    const child = spawn(
      process.execPath,
      ['--conditions=@wa-webhooks/source', '--import', 'tsx', join(import.meta.dirname, 'support/fault-server.ts')],
      {
        cwd: join(import.meta.dirname, '..'),
        env: { ...process.env, REDIS_URL: redisServer.url, SECRET, CLIENT: client, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    const port = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`fault server exited with ${String(code)}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('LISTENING ')) resolve(line.slice(10));
      });
    });
    urls.push(`http://127.0.0.1:${port}/webhook`);
  }
  return urls;
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  for (const child of children) {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

describe('exactly once, two server processes sharing one Redis (one on ioredis 6, one on node-redis 6)', () => {
  let redisServer: RedisServer;
  let redis: Redis;
  const children: ChildProcess[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    redisServer = await startRedisServer();
    redis = new Redis(redisServer.url);
    urls.push(...(await startFaultServers(redisServer, ['ioredis', 'node-redis'], children)));
  }, 60_000);

  afterAll(async () => {
    await stopAll(children);
    redis.disconnect();
    await redisServer.stop();
  });

  it('delivers 1000 events exactly once across both instances', async () => {
    const stats = await simulateMeta({ ...base, targets: urls, seed: 11, idPrefix: 'REDIS' });
    const counts = await redis.mget(stats.ids.map((id) => `fi:effect:${id}`));
    const lost = counts.filter((count) => count === null).length;
    const double = counts.filter((count) => count !== null && Number(count) > 1).length;
    const handlerCalls = Number(await redis.get('fi:calls'));
    const injected = Number(await redis.get('fi:injected'));
    report('2 processes (ioredis 6 + node-redis 6), Redis store', stats, {
      lost,
      double,
      handlerCalls,
      injectedFailures: injected,
    });
    expect(stats.undelivered).toBe(0);
    expect(injected).toBeGreaterThan(200);
    expect(stats.timeouts).toBeGreaterThan(0);
    expect(stats.statuses['503'] ?? 0).toBeGreaterThan(0);
    expect(lost).toBe(0);
    expect(double).toBe(0);
  });
});

describe('Redis restarted in the middle of a run (one process on ioredis 5, one on node-redis 5)', () => {
  let redisServer: RedisServer;
  let redis: Redis;
  const children: ChildProcess[] = [];
  let urls: string[] = [];

  beforeAll(async () => {
    redisServer = await startRedisServer({ persistent: true });
    redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    // An event claimed just before the crash whose handler then failed cannot be released while Redis
    // is down: its claim blocks retries (503) until it expires. 2 s instead of core's minute keeps the run short.
    urls = await startFaultServers(redisServer, ['ioredis5', 'node-redis5'], children, { CLAIM_TTL: '2000' });
  }, 60_000);

  afterAll(async () => {
    await stopAll(children);
    redis.disconnect();
    await redisServer.stop();
  });

  it('answers 500 during the outage, loses nothing, marks nothing that was not processed, and resumes', async () => {
    let outage: Promise<void> | undefined;
    const stats = await simulateMeta({
      ...base,
      targets: urls,
      seed: 31,
      idPrefix: 'RESTART',
      onAttempt: (attempts) => {
        if (attempts !== 40) return;
        outage = (async () => {
          await redisServer.stop();
          await new Promise((resolve) => setTimeout(resolve, 700));
          await redisServer.start();
        })();
      },
    });
    await outage;
    const counts = await redis.mget(stats.ids.map((id) => `fi:effect:${id}`));
    const lost = counts.filter((count) => count === null).length;
    const double = counts.filter((count) => count !== null && Number(count) > 1).length;
    report('2 processes (ioredis 5 + node-redis 5), Redis killed (SIGKILL) and restarted mid-run', stats, {
      lost,
      double,
      handlerCalls: Number(await redis.get('fi:calls')),
      injectedFailures: Number(await redis.get('fi:injected')),
    });
    expect(outage).toBeDefined();
    expect(stats.statuses['500'] ?? 0).toBeGreaterThan(0);
    expect(stats.undelivered).toBe(0);
    expect(lost).toBe(0);
    // Every event ends processed and marked so; a mark never exists without its side effect.
    const eventIds = await redis.mget(stats.ids.map((id) => `fi:event:${id}`));
    const marks = await redis.mget(eventIds.map((eventId) => `{wa-webhooks}:dedupe:${String(eventId)}`));
    expect(marks.every((mark, index) => mark === 'p' && counts[index] !== null)).toBe(true);
    // A crash between a side effect and its commit (or a reply lost in the crash) runs that handler
    // again: at least once, never lost. Only events in flight when Redis died can be affected: at most
    // concurrency × batch size of them.
    expect(double).toBeLessThanOrEqual(base.concurrency * base.batchSize);
  });
});
