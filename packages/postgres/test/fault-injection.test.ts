/**
 * Delivery guarantees on PostgreSQL under faults, as for Redis: a Meta-like retrying sender (1 000
 * events, 30 % of first handler attempts fail, slow handlers trip the sender's timeout, duplicate and
 * concurrent deliveries) against two server processes sharing one PostgreSQL, also with PostgreSQL
 * stopped (`pg_ctl stop -m immediate`) and restarted mid-run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  report,
  simulateMeta,
  type SimulationOptions,
  type SimulationStats,
} from '@wa-webhooks/test-kit/meta-simulator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventKey } from '../src/index';
import { startPostgresCluster, type PostgresCluster } from './support/postgres-cluster';

const SECRET = 'pg-fault-injection-secret';
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

async function startFaultServers(
  cluster: PostgresCluster,
  count: number,
  children: ChildProcess[],
  env: Record<string, string> = {},
): Promise<string[]> {
  const urls: string[] = [];
  for (let index = 0; index < count; index++) {
    const child = spawn(
      process.execPath,
      ['--conditions=@wa-webhooks/source', '--import', 'tsx', join(import.meta.dirname, 'support/fault-server.ts')],
      {
        cwd: join(import.meta.dirname, '..'),
        env: { ...process.env, DATABASE_URL: cluster.url, SECRET, ...env },
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
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

/** Effects per event and the handler counters, from the side-effect table. */
async function outcome(pool: pg.Pool, stats: SimulationStats) {
  const { rows } = await pool.query<{ id: string; attempts: number; effects: number; injected: number }>(
    'SELECT id, attempts, effects, injected FROM fi WHERE id = ANY($1)',
    [stats.ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    lost: stats.ids.filter((id) => (byId.get(id)?.effects ?? 0) === 0).length,
    double: rows.filter((row) => row.effects > 1).length,
    handlerCalls: rows.reduce((sum, row) => sum + row.attempts, 0),
    injectedFailures: rows.reduce((sum, row) => sum + row.injected, 0),
  };
}

describe('two server processes sharing one PostgreSQL', () => {
  let cluster: PostgresCluster;
  let pool: pg.Pool;
  const children: ChildProcess[] = [];
  let urls: string[] = [];

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
    pool.on('error', () => undefined);
    await pool.query(
      'CREATE TABLE fi (id text PRIMARY KEY, event_id text NOT NULL, attempts int NOT NULL DEFAULT 0, effects int NOT NULL DEFAULT 0, injected int NOT NULL DEFAULT 0)',
    );
    // An event claimed just before the stop whose handler then failed cannot be released while
    // PostgreSQL is down: its claim blocks retries (503) until it expires. 2 s instead of core's minute
    // keeps the outage run short (the slowest handler takes 0.6 s, so no claim lapses under it).
    urls = await startFaultServers(cluster, 2, children, { CLAIM_TTL: '2000' });
  }, 60_000);
  afterAll(async () => {
    await stopAll(children);
    await pool?.end().catch(() => undefined);
    await cluster?.destroy();
  });

  it('delivers 1000 events exactly once across both instances', async () => {
    const stats = await simulateMeta({ ...base, targets: urls, seed: 13, idPrefix: 'PG' });
    const result = await outcome(pool, stats);
    report('2 processes, PostgreSQL store', stats, result);
    expect(stats.undelivered).toBe(0);
    expect(result.injectedFailures).toBeGreaterThan(200);
    expect(stats.timeouts).toBeGreaterThan(0);
    expect(stats.statuses['503'] ?? 0).toBeGreaterThan(0);
    expect(result.lost).toBe(0);
    expect(result.double).toBe(0);
  });

  it('with PostgreSQL stopped (pg_ctl stop -m immediate) and restarted mid-run: answers 500 during the outage, loses nothing, marks nothing that was not processed, and resumes', async () => {
    let outage: Promise<void> | undefined;
    const stats = await simulateMeta({
      ...base,
      targets: urls,
      seed: 37,
      idPrefix: 'PGRESTART',
      onAttempt: (attempts) => {
        if (attempts !== 40) return;
        outage = (async () => {
          await cluster.stop();
          await new Promise((resolve) => setTimeout(resolve, 700));
          await cluster.start();
        })();
      },
    });
    await outage;
    const result = await outcome(pool, stats);
    report('2 processes, PostgreSQL stopped (immediate) and restarted mid-run', stats, result);
    expect(outage).toBeDefined();
    expect(stats.statuses['500'] ?? 0).toBeGreaterThan(0);
    expect(stats.undelivered).toBe(0);
    expect(result.lost).toBe(0);
    // Every event ends processed and marked so; a mark never exists without its side effect.
    const { rows: events } = await pool.query<{ event_id: string; effects: number }>(
      'SELECT event_id, effects FROM fi WHERE id = ANY($1)',
      [stats.ids],
    );
    const { rows: marks } = await pool.query<{ id: string }>(
      'SELECT id FROM wa_webhooks_dedupe WHERE processed AND id = ANY($1)',
      [events.map((row) => eventKey(row.event_id))],
    );
    expect(events).toHaveLength(stats.ids.length);
    expect(marks).toHaveLength(stats.ids.length);
    expect(events.every((row) => row.effects > 0)).toBe(true);
    // A crash between a side effect and its commit (or an answer lost in the crash) runs that handler
    // again: at least once, never lost. Only events in flight at the stop can be affected: at most
    // concurrency × batch size of them.
    expect(result.double).toBeLessThanOrEqual(base.concurrency * base.batchSize);
  });
});
