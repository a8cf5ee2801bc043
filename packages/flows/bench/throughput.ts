/**
 * Requests per second of `handle()` for a `data_exchange` (signature check, RSA-OAEP unwrap, AES-GCM
 * decrypt, zod validation, a no-op handler, AES-GCM encrypt), with a 2048-bit and a 4096-bit key, on
 * both crypto builds, next to the bare RSA-OAEP unwrap that dominates it. Requests are encrypted
 * beforehand (the Meta side is not measured). Run: `pnpm --filter @wa-webhooks/flows bench`.
 */
import { constants, generateKeyPairSync, privateDecrypt, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { WebhookRequest } from '@wa-webhooks/core';
import { flowCrypto as nodeCrypto } from '../src/crypto/node';
import type { FlowCrypto } from '../src/crypto/types';
import { flowCrypto as webCrypto } from '../src/crypto/web';
import { createFlowEndpointWith } from '../src/endpoint';
import { encryptRequest, FLOWS_APP_SECRET } from '../test/support/meta-client';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1000);
const POOL = 64;

/** One measured configuration: its label and the operation it repeats. */
interface Case {
  readonly bits: number;
  readonly path: string;
  readonly concurrency: number;
  readonly operation: (index: number) => unknown;
  readonly rates: number[];
}

/** Runs `operation` for `ROUND_MS` with `concurrency` in flight; returns operations per second. */
async function measure(operation: (index: number) => unknown, concurrency: number): Promise<number> {
  const deadline = performance.now() + ROUND_MS;
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < deadline) {
      await operation(done);
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - started) / 1000);
}

function requests(publicKey: KeyObject): WebhookRequest[] {
  return Array.from({ length: POOL }, (_, index) => {
    const payload = {
      version: '3.0',
      action: 'data_exchange',
      screen: 'DETAILS',
      flow_token: `token-${index}`,
      data: { name: 'Ada Lovelace', email: 'ada@example.com', department: 'engineering' },
    };
    const { body, headers } = encryptRequest(publicKey, payload);
    const bytes = new TextEncoder().encode(body);
    return { method: 'POST', url: '/flows', headers, readBody: () => Promise.resolve(bytes) };
  });
}

async function casesFor(bits: number): Promise<Case[]> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const pool = requests(publicKey);
  const wrapped = await Promise.all(
    pool.map(async (request) => {
      const envelope = JSON.parse(new TextDecoder().decode(await request.readBody())) as { encrypted_aes_key: string };
      return Buffer.from(envelope.encrypted_aes_key, 'base64');
    }),
  );
  const cases: Case[] = [
    {
      bits,
      path: 'RSA-OAEP unwrap alone (node:crypto)',
      concurrency: 1,
      operation: (index) =>
        privateDecrypt(
          { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
          wrapped[index % POOL]!,
        ),
      rates: [],
    },
  ];
  for (const [name, crypto] of [
    ['node:crypto', nodeCrypto],
    ['Web Crypto', webCrypto],
  ] as Array<[string, FlowCrypto]>) {
    const flows = createFlowEndpointWith(crypto, {
      privateKey: pem,
      appSecret: FLOWS_APP_SECRET,
      screens: { DETAILS: z.object({ name: z.string(), email: z.string(), department: z.string() }) },
    });
    flows.on('data_exchange', 'DETAILS', (request) => ({ screen: 'CONFIRM', data: { name: request.data.name } }));
    await flows.ready();
    const check = await flows.handle(pool[0]!);
    if (check.status !== 200) throw new Error(`bench request answered ${check.status}: ${check.body}`);
    for (const concurrency of [1, 8]) {
      cases.push({
        bits,
        path: `handle(), ${name}`,
        concurrency,
        operation: (index) => flows.handle(pool[index % POOL]!),
        rates: [],
      });
    }
  }
  return cases;
}

const cases = [...(await casesFor(2048)), ...(await casesFor(4096))];
// Rounds are interleaved, so that a burst of load on a shared machine hits every case alike.
for (let round = 0; round < ROUNDS; round++) {
  for (const item of cases) item.rates.push(await measure(item.operation, item.concurrency));
}
const median = (rates: readonly number[]) => [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
const format = (rate: number) => Math.round(rate).toLocaleString('en');
const lines = [
  `Node ${process.version}, ${ROUNDS} interleaved rounds of ${ROUND_MS} ms per row; data_exchange with a 3-field zod schema.`,
  '',
  '| key | path | in flight | req/s (median) | req/s (best) | ms/req (best) |',
  '| --- | --- | --- | --- | --- | --- |',
  ...cases.map(
    (item) =>
      `| ${item.bits} | ${item.path} | ${item.concurrency} | ${format(median(item.rates))} | ${format(Math.max(...item.rates))} | ${(1000 / Math.max(...item.rates)).toFixed(2)} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
