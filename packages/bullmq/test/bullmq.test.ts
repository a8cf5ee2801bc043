import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createWebhooks, type Webhooks } from '@wa-webhooks/core';
import { readNodeBody } from '@wa-webhooks/core/node';
import { Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEventWorker, forwardToQueue, toJobId, type EventJobData } from '../src/index';
import { report, simulateMeta } from '@wa-webhooks/test-kit/meta-simulator';
import { startRedisServer, type RedisServer } from '../../redis/test/support/redis-server';

let redisServer: RedisServer;
let connection: { host: string; port: number; maxRetriesPerRequest: null };
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  redisServer = await startRedisServer();
  connection = { host: '127.0.0.1', port: redisServer.port, maxRetriesPerRequest: null };
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await redisServer.stop();
});

const queueOf = (name: string): Queue<EventJobData> => {
  const queue = new Queue<EventJobData>(name, { connection });
  closers.push(() => queue.close());
  return queue;
};
const workerOf = (name: string, webhooks: Webhooks): Worker<EventJobData, void> => {
  const worker = createEventWorker(name, webhooks, { connection, concurrency: 4 });
  closers.push(() => worker.close());
  return worker;
};
const text = (id: string, body = 'hi') => ({
  from: '15551234567',
  id,
  timestamp: '1749416383',
  type: 'text',
  text: { body },
});
const notification = (messages: unknown[], statuses: unknown[] = []) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '1',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '1', phone_number_id: '2' },
            contacts: [{ profile: { name: 'Ann' }, wa_id: '15551234567' }],
            messages,
            statuses,
          },
        },
      ],
    },
  ],
});

describe('toJobId', () => {
  it('is one to one and free of colons', () => {
    const ids = ['wamid.A:read:1555', 'wamid.A%3Aread:1555', 'messages_template:abc', 'plain'];
    const jobIds = ids.map(toJobId);
    expect(new Set(jobIds).size).toBe(ids.length);
    for (const jobId of jobIds) expect(jobId).not.toContain(':');
  });
});

describe('forwardToQueue', () => {
  it('enqueues every event of a batch once, with job ids from event ids, even when Meta redelivers', async () => {
    const queue = queueOf('forward-basic');
    const receiving = createWebhooks({ appSecret: 's', verifyToken: 't', dedupe: false });
    forwardToQueue(receiving, queue);
    const body = notification(
      [text('wamid.F1'), text('wamid.F2')],
      [{ id: 'wamid.OUT', status: 'read', timestamp: '2', recipient_id: '15551234567' }],
    );
    await receiving.receive(body);
    await receiving.receive(body);
    const jobs = await queue.getJobs(['waiting']);
    expect(jobs.map((job) => job.id).sort()).toEqual(['wamid.F1', 'wamid.F2', 'wamid.OUT%3Aread%3A15551234567']);
    const job = jobs.find((one) => one.id === 'wamid.F1')!;
    expect(job.name).toBe('messages.text');
    expect(job.data.notification.entry[0]!.changes[0]!.value).toMatchObject({
      messages: [text('wamid.F1')],
      contacts: [{ wa_id: '15551234567' }],
    });
    expect(job.opts.attempts).toBe(10);
  });

  it('forwards only the named events when asked, and stops when told', async () => {
    const queue = queueOf('forward-filter');
    const receiving = createWebhooks({ appSecret: 's', verifyToken: 't', dedupe: false });
    const stop = forwardToQueue(receiving, queue, { events: ['statuses'] });
    await receiving.receive(
      notification([text('wamid.G1')], [{ id: 'wamid.OUT2', status: 'sent', timestamp: '2', recipient_id: '1' }]),
    );
    expect((await queue.getJobs(['waiting'])).map((job) => job.name)).toEqual(['statuses.sent']);
    stop();
    await receiving.receive(
      notification([], [{ id: 'wamid.OUT3', status: 'sent', timestamp: '2', recipient_id: '1' }]),
    );
    expect((await queue.getJobCounts('waiting')).waiting).toBe(1);
  });

  it('answers 500 when Redis cannot take the job, so that Meta retries', async () => {
    const broken = new Queue('forward-broken', {
      connection: {
        host: '127.0.0.1',
        port: 1,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        retryStrategy: () => null,
      },
    });
    broken.on('error', () => undefined);
    closers.push(() => broken.close().catch(() => undefined));
    const receiving = createWebhooks({ appSecret: 's', verifyToken: 't', dedupe: false });
    receiving.onError(() => undefined);
    forwardToQueue(receiving, broken);
    await expect(receiving.receive(notification([text('wamid.H1')]))).rejects.toMatchObject({ code: 'HANDLER_FAILED' });
  });
});

describe('createEventWorker', () => {
  it('runs the typed handlers with the same event, and retries a failed job', async () => {
    const queue = queueOf('worker-basic');
    const receiving = createWebhooks({ appSecret: 's', verifyToken: 't', dedupe: false });
    forwardToQueue(receiving, queue, { jobOptions: { backoff: { type: 'fixed', delay: 50 } } });
    const working = createWebhooks({ appSecret: 's', verifyToken: 't' });
    working.onError(() => undefined);
    const seen: Array<{ id: string; body: string; senderName: string | undefined }> = [];
    let failOnce = true;
    working.on('messages.text', (event) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('first try fails');
      }
      seen.push({ id: event.id, body: event.message.text.body, senderName: event.senderName });
    });
    workerOf('worker-basic', working);
    await receiving.receive(notification([text('wamid.W1', 'hello')]));
    await vi.waitFor(() => expect(seen).toEqual([{ id: 'wamid.W1', body: 'hello', senderName: 'Ann' }]), {
      timeout: 10_000,
    });
    const [job] = await queue.getJobs(['completed']);
    expect(job!.attemptsMade).toBe(2);
  });
});

describe('fault injection: HTTP → queue → 2 worker processes, one killed mid-run', () => {
  const QUEUE = 'fault-injection';
  let server: Server;
  let redis: Redis;
  const workers: ChildProcess[] = [];

  const startWorker = async (crashAt: number): Promise<ChildProcess> => {
    const child = spawn(
      process.execPath,
      ['--conditions=@wa-webhooks/source', '--import', 'tsx', join(import.meta.dirname, 'support/worker.ts')],
      {
        cwd: join(import.meta.dirname, '..'),
        env: {
          ...process.env,
          REDIS_URL: redisServer.url,
          QUEUE,
          CRASH_AT: String(crashAt),
          CONCURRENCY: crashAt > 0 ? '1' : '4',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    workers.push(child);
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code, signal) => reject(new Error(`worker exited early (${String(code ?? signal)})`)));
      createInterface({ input: child.stdout! }).on('line', (line) => line === 'READY' && resolve());
    });
    return child;
  };

  beforeAll(async () => {
    redis = new Redis(redisServer.url);
    const queue = queueOf(QUEUE);
    const receiving = createWebhooks({ appSecret: 'fi-secret', verifyToken: 't' });
    receiving.onError(() => undefined);
    forwardToQueue(receiving, queue, { jobOptions: { attempts: 30, backoff: { type: 'exponential', delay: 100 } } });
    server = createServer((req, res) => {
      void receiving
        .handle({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          readBody: () => readNodeBody(req),
        })
        .then((response) => res.writeHead(response.status, response.headers).end(response.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }, 60_000);

  afterAll(async () => {
    for (const child of workers) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    redis.disconnect();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('completes every event exactly once', async () => {
    const doomed = await startWorker(100);
    const survivor = await startWorker(0);
    const killed = new Promise<string | null>((resolve) => doomed.once('exit', (_code, signal) => resolve(signal)));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
    const stats = await simulateMeta({
      targets: [url],
      secret: 'fi-secret',
      events: 1000,
      batchSize: 20,
      concurrency: 8,
      duplicateRate: 0.2,
      concurrentResendRate: 0.15,
      timeoutMs: 2000,
      maxAttempts: 40,
      seed: 23,
      idPrefix: 'QUEUE',
    });
    expect(await killed).toBe('SIGKILL');
    const keys = stats.ids.map((id) => `fi:effect:${id}`);
    await vi.waitFor(
      async () => {
        const counts = await redis.mget(keys);
        expect(counts.filter((count) => count === null)).toHaveLength(0);
      },
      { timeout: 60_000, interval: 250 },
    );
    const counts = await redis.mget(keys);
    const double = counts.filter((count) => Number(count) > 1).length;
    const handlerCalls = Number(await redis.get('fi:calls'));
    const injected = Number(await redis.get('fi:injected'));
    report('BullMQ hand-off, 2 worker processes, one SIGKILLed mid-run', stats, {
      lost: 0,
      double,
      handlerCalls,
      injectedFailures: injected,
    });
    expect(survivor.exitCode).toBeNull();
    expect(stats.undelivered).toBe(0);
    expect(injected).toBeGreaterThan(200);
    expect(double).toBe(0);
  });
});
