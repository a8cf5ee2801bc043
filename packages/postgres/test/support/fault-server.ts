/**
 * One webhook server process for the PostgreSQL fault-injection tests: core on plain node:http, the
 * PostgreSQL dedupe store, and a handler whose side effect is a row update in the same database. The
 * first attempt of 30 % of the events throws; 2 % are slow on their first attempt (longer than the
 * sender's timeout). Prints "LISTENING <port>" once ready.
 */
import { createServer } from 'node:http';
import { createWebhooks } from '@wa-webhooks/core';
import { readNodeBody } from '@wa-webhooks/core/node';
import { failsFirstAttempt } from '@wa-webhooks/test-kit/meta-simulator';
import pg from 'pg';
import { postgresDedupeStore } from '../../src/index';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: 10, connectionTimeoutMillis: 1000 });
pool.on('error', () => undefined); // connections the server dropped when it was stopped

const webhooks = createWebhooks({
  appSecret: process.env.SECRET!,
  verifyToken: 'unused',
  // CLAIM_TTL lets the outage test see claims of failed-but-unreleased events expire within the run.
  dedupe: postgresDedupeStore(pool, process.env.CLAIM_TTL ? { claimTtl: Number(process.env.CLAIM_TTL) } : {}),
});
webhooks.onError(() => undefined);
// Side effects are keyed by message id (what the sender knows); event ids are opaque, and recorded
// per message for the test's look at the dedupe table.
webhooks.on('messages.text', async (event) => {
  const key = event.message.id;
  const { rows } = await pool.query<{ attempts: number }>(
    'INSERT INTO fi (id, event_id, attempts) VALUES ($1, $2, 1) ON CONFLICT (id) DO UPDATE SET attempts = fi.attempts + 1 RETURNING attempts',
    [key, event.id],
  );
  const attempt = rows[0]!.attempts;
  if (attempt === 1 && failsFirstAttempt(key)) {
    await pool.query('UPDATE fi SET injected = injected + 1 WHERE id = $1', [key]);
    throw new Error('injected failure');
  }
  if (attempt === 1 && failsFirstAttempt(`${key}:slow`, 0.02)) {
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.SLOW_MS ?? 600)));
  }
  await pool.query('UPDATE fi SET effects = effects + 1 WHERE id = $1', [key]);
});

const server = createServer((req, res) => {
  void webhooks
    .handle({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      readBody: () => readNodeBody(req),
    })
    .then((response) => res.writeHead(response.status, response.headers).end(response.body));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`LISTENING ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
