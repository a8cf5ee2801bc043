/**
 * The BullMQ suite, one body for every target: BullMQ 5 and 6 on Redis, BullMQ 6 on PostgreSQL. Each
 * test file picks a target (bullmq5 through `vi.mock('bullmq', …)`, which also reaches the package's
 * sources) and calls `runBullmqSuite`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createWebhooks, type Webhooks } from '@wa-webhooks/core';
import { readNodeBody } from '@wa-webhooks/core/node';
import { report, simulateMeta } from '@wa-webhooks/test-kit/meta-simulator';
import * as bullmq from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '../../../postgres/test/support/postgres-cluster';
import { startRedisServer, type RedisServer } from '../../../redis/test/support/redis-server';
import { createEventWorker, forwardToQueue, toJobId, type EventJobData, type EventQueue } from '../../src/index';
import { postgresLedger, redisLedger, type Ledger } from './ledger';

/** Which BullMQ and which datastore. */
export interface Target {
  readonly major: 5 | 6;
  readonly backend: 'redis' | 'postgres';
}

interface Infrastructure {
  readonly url: string;
  readonly connection: unknown;
  readonly factory: typeof bullmq.createPostgresBackend | undefined;
  stop(): Promise<void>;
}

async function infrastructure(target: Target): Promise<Infrastructure> {
  if (target.backend === 'postgres') {
    const cluster: PostgresCluster = await startPostgresCluster();
    return {
      url: cluster.url,
      connection: { connectionString: cluster.url, migrate: true, max: 8 },
      factory: bullmq.createPostgresBackend,
      stop: () => cluster.destroy(),
    };
  }
  const server: RedisServer = await startRedisServer();
  return {
    url: server.url,
    connection: { host: '127.0.0.1', port: server.port, maxRetriesPerRequest: null },
    factory: undefined,
    stop: () => server.stop(),
  };
}

type AnyQueue = EventQueue & {
  getJobs(
    states: string[],
  ): Promise<Array<{ id?: string; name: string; data: EventJobData; opts: { attempts?: number } }>>;
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
  getJob(id: string): Promise<{ attemptsMade: number; finishedOn?: number } | undefined>;
  close(): Promise<void>;
  on(event: 'error', listener: () => void): unknown;
};
type QueueConstructor = new (name: string, options: unknown, factory?: unknown) => AnyQueue;

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

/** Registers the whole suite for `target`. */
export function runBullmqSuite(target: Target): void {
  let infra: Infrastructure;
  const closers: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    infra = await infrastructure(target);
  }, 60_000);
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await infra?.stop();
  });

  const Queue = bullmq.Queue as unknown as QueueConstructor;
  const queueOf = (name: string): AnyQueue => {
    const queue = new Queue(name, { connection: infra.connection }, infra.factory);
    closers.push(() => queue.close());
    return queue;
  };
  const workerOf = (name: string, webhooks: Webhooks) => {
    const worker = createEventWorker(name, webhooks, { connection: infra.connection, concurrency: 4 }, infra.factory);
    closers.push(() => worker.close());
    return worker;
  };
  const receiving = () => createWebhooks({ appSecret: 's', verifyToken: 't', dedupe: false });

  it(`runs on BullMQ ${target.major}`, () => {
    expect('withBackend' in bullmq).toBe(target.major === 6);
  });

  describe('forwardToQueue', () => {
    it('enqueues every event of a batch once, with job ids from event ids, even when Meta redelivers', async () => {
      const queue = queueOf('forward-basic');
      const hooks = receiving();
      forwardToQueue(hooks, queue);
      const eventIds = new Set<string>();
      hooks.onAny((event) => void eventIds.add(event.id));
      const body = notification(
        [text('wamid.F1'), text('wamid.F2')],
        [{ id: 'wamid.OUT', status: 'read', timestamp: '2', recipient_id: '15551234567' }],
      );
      await hooks.receive(body);
      await hooks.receive(body);
      const jobs = await queue.getJobs(['waiting']);
      expect(eventIds.size).toBe(3);
      expect(jobs.map((job) => job.id).sort()).toEqual([...eventIds].map(toJobId).sort());
      expect(jobs.map((job) => job.data.id).sort()).toEqual([...eventIds].sort());
      const messageId = (one: (typeof jobs)[number]) =>
        (one.data.notification!.entry[0]!.changes[0]!.value as { messages?: Array<{ id: string }> }).messages?.[0]?.id;
      const job = jobs.find((one) => messageId(one) === 'wamid.F1')!;
      expect(job.name).toBe('messages.text');
      expect(job.data.notification!.entry[0]!.changes[0]!.value).toMatchObject({
        messages: [text('wamid.F1')],
        contacts: [{ wa_id: '15551234567' }],
      });
      expect(job.opts.attempts).toBe(10);
    });

    it('forwards only the named events when asked, and stops when told', async () => {
      const queue = queueOf('forward-filter');
      const hooks = receiving();
      const stop = forwardToQueue(hooks, queue, { events: ['statuses'] });
      await hooks.receive(
        notification([text('wamid.G1')], [{ id: 'wamid.OUT2', status: 'sent', timestamp: '2', recipient_id: '1' }]),
      );
      expect((await queue.getJobs(['waiting'])).map((job) => job.name)).toEqual(['statuses.sent']);
      stop();
      await hooks.receive(notification([], [{ id: 'wamid.OUT3', status: 'sent', timestamp: '2', recipient_id: '1' }]));
      expect((await queue.getJobCounts('waiting')).waiting).toBe(1);
    });

    it('answers 500 when the queue cannot take the job, so that Meta retries', async () => {
      const connection =
        target.backend === 'postgres'
          ? { connectionString: 'postgres://postgres@127.0.0.1:1/postgres', connectionTimeoutMillis: 500 }
          : {
              host: '127.0.0.1',
              port: 1,
              maxRetriesPerRequest: 1,
              enableOfflineQueue: false,
              retryStrategy: () => null,
            };
      const broken = new Queue('forward-broken', { connection }, infra.factory);
      broken.on('error', () => undefined);
      closers.push(() => broken.close().catch(() => undefined));
      const hooks = receiving();
      hooks.onError(() => undefined);
      forwardToQueue(hooks, broken);
      await expect(hooks.receive(notification([text('wamid.H1')]))).rejects.toMatchObject({ code: 'HANDLER_FAILED' });
    });
  });

  // Issue 16, finding "BullMQ refuses some job ids": `0`, `12345` and ids starting with `0:` were refused
  // (and an empty id got a random job id), so the event failed on every retry for 7 days. Ids that the
  // PostgreSQL backend cannot store (NUL, lone surrogates, several KB) are here too.
  describe('any event id', () => {
    const ids = ['0', '12345', '0:abc', '0:', ':', '{}', '', 'é😀中', 'x'.repeat(4096), 'nul\u0000id', 'lone\uD800'];

    it('is enqueued under a deterministic job id and reaches the handler with its exact id and text', async () => {
      const queue = queueOf('any-id');
      const hooks = receiving();
      forwardToQueue(hooks, queue);
      const eventIds = new Set<string>();
      hooks.onAny((event) => void eventIds.add(event.id));
      const messages = ids.map((id) => text(id, `body of ${id}`));
      await hooks.receive(notification(messages));
      await hooks.receive(notification(messages));
      expect((await queue.getJobCounts('waiting')).waiting).toBe(ids.length);
      expect(eventIds.size).toBe(ids.length);
      for (const eventId of eventIds) expect(await queue.getJob(toJobId(eventId))).toBeDefined();

      const working = createWebhooks({ appSecret: 's', verifyToken: 't' });
      const seen: Array<{ id: string; body: string }> = [];
      working.on('messages.text', (event) => void seen.push({ id: event.message.id, body: event.message.text.body }));
      workerOf('any-id', working);
      await vi.waitFor(() => expect(seen).toHaveLength(ids.length), { timeout: 15_000 });
      expect(seen).toEqual(expect.arrayContaining(ids.map((id) => ({ id, body: `body of ${id}` }))));
    });
  });

  describe('createEventWorker', () => {
    it('runs the typed handlers with the same event, and retries a failed job', async () => {
      const queue = queueOf('worker-basic');
      const hooks = receiving();
      forwardToQueue(hooks, queue, { jobOptions: { backoff: { type: 'fixed', delay: 50 } } });
      const working = createWebhooks({ appSecret: 's', verifyToken: 't' });
      working.onError(() => undefined);
      const seen: Array<{ id: string; body: string; senderName: string | undefined }> = [];
      let failOnce = true;
      let eventId = '';
      working.on('messages.text', (event) => {
        eventId = event.id;
        if (failOnce) {
          failOnce = false;
          throw new Error('first try fails');
        }
        seen.push({ id: event.message.id, body: event.message.text.body, senderName: event.senderName });
      });
      workerOf('worker-basic', working);
      await hooks.receive(notification([text('wamid.W1', 'hello')]));
      await vi.waitFor(() => expect(seen).toEqual([{ id: 'wamid.W1', body: 'hello', senderName: 'Ann' }]), {
        timeout: 10_000,
      });
      await vi.waitFor(async () => expect((await queue.getJob(toJobId(eventId)))?.attemptsMade).toBe(2));
    });
  });

  describe('fault injection: HTTP → queue → 2 worker processes, one killed mid-run', () => {
    const QUEUE = 'fault-injection';
    let server: Server;
    let ledger: Ledger;
    const workers: ChildProcess[] = [];

    const startWorker = async (crashAt: number): Promise<ChildProcess> => {
      const preload = target.major === 5 ? ['--import', join(import.meta.dirname, 'bullmq5.mjs')] : [];
      const child = spawn(
        process.execPath,
        ['--conditions=@wa-webhooks/source', '--import', 'tsx', ...preload, join(import.meta.dirname, 'worker.ts')],
        {
          cwd: join(import.meta.dirname, '../..'),
          env: {
            ...process.env,
            STORE_URL: infra.url,
            BACKEND: target.backend,
            QUEUE,
            CRASH_AT: String(crashAt),
            CONCURRENCY: crashAt > 0 ? '1' : '8',
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
      ledger = target.backend === 'postgres' ? await postgresLedger(infra.url) : await redisLedger(infra.url);
      const queue = queueOf(QUEUE);
      const hooks = createWebhooks({ appSecret: 'fi-secret', verifyToken: 't' });
      hooks.onError(() => undefined);
      forwardToQueue(hooks, queue, { jobOptions: { attempts: 30, backoff: { type: 'exponential', delay: 100 } } });
      server = createServer((req, res) => {
        void hooks
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
      await ledger?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('completes every event exactly once', async () => {
      const [doomed, survivor] = await Promise.all([startWorker(100), startWorker(0)]);
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
      await vi.waitFor(
        async () => expect((await ledger.read(stats.ids)).effects.filter((count) => count === 0)).toHaveLength(0),
        { timeout: 60_000, interval: 250 },
      );
      const { effects, handlerCalls, injected } = await ledger.read(stats.ids);
      const double = effects.filter((count) => count > 1).length;
      report(`BullMQ ${target.major} on ${target.backend}, 2 worker processes, one SIGKILLed mid-run`, stats, {
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
}
