/**
 * The example as its README runs it, against a throw-away PostgreSQL: the worker process and the
 * webhook server process (each as `pnpm … worker` / `start` run them, through tsx), a signed text
 * message and a delivery status sent the way the `wa-webhooks` CLI sends them, logged once by the worker
 * even when Meta delivers them twice, and a clear message when PostgreSQL cannot be reached.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startExample, type ExampleProcess } from '@wa-webhooks/test-kit';
import { createWebhooks } from '@wa-webhooks/core';
import { buildFixture, buildTextMessage, checkHandshake, sendNotification } from '@wa-webhooks/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '../../../packages/postgres/test/support/postgres-cluster';
import { checkListenConfig, ConfigError, describeDatabase, readConfig } from '../src/config';
import { registerHandlers } from '../src/handlers';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const root = fileURLToPath(new URL('..', import.meta.url));

/** The worker process and the lines it printed. */
function startWorker(env: Record<string, string>): {
  child: ChildProcess;
  lines: string[];
  waitFor(match: RegExp): Promise<string>;
} {
  const child = spawn(process.execPath, ['--import', tsx, '--conditions=@wa-webhooks/source', 'src/worker.ts'], {
    cwd: root,
    env: { ...process.env, WHATSAPP_APP_SECRET: '', WHATSAPP_VERIFY_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const listeners = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    for (const listener of listeners) listener();
  });
  const waitFor = (match: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = lines.find((candidate) => match.test(candidate));
        if (line === undefined) return;
        listeners.delete(check);
        resolve(line);
      };
      listeners.add(check);
      child.once('exit', (code) =>
        reject(new Error(`worker exited (${String(code)}): ${stderr}\n${lines.join('\n')}`)),
      );
      check();
    });
  return { child, lines, waitFor };
}

describe('configuration', () => {
  it('defaults DATABASE_URL to a local PostgreSQL and never prints its password', () => {
    expect(readConfig({}).databaseUrl).toBe('postgres://postgres:postgres@127.0.0.1:5432/postgres');
    expect(readConfig({ DATABASE_URL: 'postgres://u:secret@db:6543/app' }).databaseUrl).toBe(
      'postgres://u:secret@db:6543/app',
    );
    expect(describeDatabase('postgres://u:secret@db:6543/app')).toBe('db:6543/app');
  });

  it('refuses the public development secrets off loopback (issue 16: a forged POST signed with them was accepted)', () => {
    expect(() => checkListenConfig(readConfig({ HOST: '127.0.0.1' }))).not.toThrow();
    expect(() => checkListenConfig(readConfig({ HOST: '0.0.0.0', WHATSAPP_APP_SECRET: 's' }))).toThrow(
      new ConfigError(
        'HOST=0.0.0.0 accepts connections from other machines, so the public development defaults are refused: set WHATSAPP_VERIFY_TOKEN (copy .env.example to .env), or listen on HOST=127.0.0.1.',
      ),
    );
    const own = { HOST: '0.0.0.0', WHATSAPP_APP_SECRET: 's', WHATSAPP_VERIFY_TOKEN: 't' };
    expect(() => checkListenConfig(readConfig(own))).not.toThrow();
  });
});

describe('handlers', () => {
  it('log what a user typed as one escaped line (issue 16: example logs were injectable)', async () => {
    const lines: string[] = [];
    const webhooks = createWebhooks({ appSecret: 's', verifyToken: 't', dedupe: false });
    registerHandlers(webhooks, (line) => lines.push(line));
    await webhooks.receive(buildTextMessage({ body: 'hi\nmessages.text forged\u001b[2J\u202e' }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/: "hi\\nmessages\.text forged\\u001b\[2J\\u202e"$/);
  });
});

describe('PostgreSQL example: server and worker processes', () => {
  let cluster: PostgresCluster;
  let worker: ReturnType<typeof startWorker>;
  let server: ExampleProcess;
  let admin: pg.Pool;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    admin = new pg.Pool({ connectionString: cluster.url, max: 1 });
    worker = startWorker({ DATABASE_URL: cluster.url });
    await worker.waitFor(/^Worker ready: queue "whatsapp" on PostgreSQL at 127\.0\.0\.1:\d+\/postgres$/);
    server = await startExample(new URL('../src/server.ts', import.meta.url), { DATABASE_URL: cluster.url });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    if (worker?.child.exitCode === null) {
      await new Promise<void>((resolve) => {
        worker.child.once('exit', () => resolve());
        worker.child.kill('SIGTERM');
      });
    }
    await admin?.end();
    await cluster?.destroy();
  });

  it('starts, prints the curl and CLI lines, and answers the verification handshake', async () => {
    expect(server.stdout).toContain(`WhatsApp webhook (Express → BullMQ on PostgreSQL) listening on ${server.url}`);
    expect(
      server.stdout.some((line) =>
        line.startsWith(`Send a message: pnpm exec wa-webhooks send text --url ${server.url}`),
      ),
    ).toBe(true);
    const report = await checkHandshake(server.url, { token: 'dev-verify-token' });
    expect(report).toMatchObject({ verified: true });
  });

  it('runs each event once in the worker, even when Meta delivers the notification twice', async () => {
    const text = buildFixture('text');
    const status = buildFixture('delivered');
    for (const payload of [text, text, status, status]) {
      expect((await sendNotification(server.url, payload, { secret: 'dev-app-secret' })).status).toBe(200);
    }
    // Event ids are core's business: the lines are recognised by name and text.
    await worker.waitFor(/^messages\.text \S+ from 16505551234: "Does it come in another color\?"$/);
    await worker.waitFor(/^statuses\.delivered \S+$/);
    const { rows } = await admin.query(
      'SELECT count(*)::int AS events, bool_and(processed) AS processed FROM wa_webhooks_dedupe',
    );
    expect(rows).toEqual([{ events: 2, processed: true }]);
    expect(worker.lines.filter((line) => line.startsWith('messages.text '))).toHaveLength(1);
    expect(worker.lines.filter((line) => line.startsWith('statuses.delivered '))).toHaveLength(1);
    expect(worker.lines.filter((line) => line.startsWith('error') || line.startsWith('unknown'))).toEqual([]);
  });
});

describe('PostgreSQL unreachable', () => {
  it('says where it looked and how to fix it', async () => {
    await expect(
      startExample(new URL('../src/server.ts', import.meta.url), {
        DATABASE_URL: 'postgres://postgres:pw@127.0.0.1:1/postgres',
      }),
    ).rejects.toThrow(/Cannot reach PostgreSQL at 127\.0\.0\.1:1\/postgres .*set DATABASE_URL/);
  });
});
