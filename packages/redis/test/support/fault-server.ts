/**
 * One webhook server process for the multi-instance fault-injection test: core on plain node:http,
 * Redis dedupe through the client library named by CLIENT (`ioredis`, `ioredis5`, `node-redis`,
 * `node-redis5`), and a handler whose side effect is an INCR in Redis. The first attempt of 30 % of the
 * events throws; 2 % are slow on their first attempt (longer than the sender's timeout).
 * Prints "LISTENING <port>" once ready.
 */
import { createServer } from 'node:http';
import { createWebhooks } from '@wa-webhooks/core';
import { readNodeBody } from '@wa-webhooks/core/node';
import { Redis } from 'ioredis';
import { failsFirstAttempt } from '@wa-webhooks/test-kit/meta-simulator';
import { redisDedupeStore } from '../../src/index';
import { STANDALONE_CLIENTS } from './clients';

const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
redis.on('error', () => undefined);
await new Promise<void>((resolve) => redis.once('ready', () => resolve()));

const clientName = {
  ioredis: 'ioredis 6',
  ioredis5: 'ioredis 5',
  'node-redis': 'node-redis 6',
  'node-redis5': 'node-redis 5',
}[process.env.CLIENT ?? 'ioredis'];
const clientCase = STANDALONE_CLIENTS.find((candidate) => candidate.name === clientName);
if (clientCase === undefined) throw new Error(`unknown CLIENT ${String(process.env.CLIENT)}`);
const storeClient = await clientCase.connect(Number(new URL(process.env.REDIS_URL!).port));

const webhooks = createWebhooks({
  appSecret: process.env.SECRET!,
  verifyToken: 'unused',
  // CLAIM_TTL lets an outage test see claims of failed-but-unreleased events expire within the run.
  dedupe: redisDedupeStore(
    storeClient.client,
    process.env.CLAIM_TTL ? { claimTtl: Number(process.env.CLAIM_TTL) } : {},
  ),
});
webhooks.onError(() => undefined);
// Side effects are keyed by message id (what the sender knows); event ids are opaque, and recorded
// per message for the test's look at the dedupe keys.
webhooks.on('messages.text', async (event) => {
  const key = event.message.id;
  await redis.set(`fi:event:${key}`, event.id);
  const attempt = await redis.incr(`fi:attempts:${key}`);
  await redis.incr('fi:calls');
  if (attempt === 1 && failsFirstAttempt(key)) {
    await redis.incr('fi:injected');
    throw new Error('injected failure');
  }
  if (attempt === 1 && failsFirstAttempt(`${key}:slow`, 0.02)) {
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.SLOW_MS ?? 600)));
  }
  await redis.incr(`fi:effect:${key}`);
});

const server = createServer((req, res) => {
  void webhooks
    .handle({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      readBody: () => readNodeBody(req),
    })
    .then((response) => {
      res.writeHead(response.status, response.headers).end(response.body);
    });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`LISTENING ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  redis.disconnect();
  void storeClient.close();
  process.exit(0);
});
