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

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = [1, 8];
const POOL = 64;

interface Row {
  bits: number;
  path: string;
  concurrency: number;
  perSecond: number;
}

/** Runs `operation` for `SECONDS` with `concurrency` in flight; returns operations per second. */
async function measure(operation: (index: number) => unknown, concurrency: number): Promise<number> {
  const deadline = performance.now() + SECONDS * 1000;
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

async function benchKey(bits: number, rows: Row[]): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const pool = requests(publicKey);
  const keys = await Promise.all(
    pool.map(async (request) => {
      const envelope = JSON.parse(new TextDecoder().decode(await request.readBody())) as { encrypted_aes_key: string };
      return Buffer.from(envelope.encrypted_aes_key, 'base64');
    }),
  );
  const unwrap = (index: number) =>
    privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      keys[index % POOL]!,
    );
  rows.push({ bits, path: 'RSA-OAEP unwrap alone (node:crypto)', concurrency: 1, perSecond: await measure(unwrap, 1) });
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
    for (const concurrency of CONCURRENCY) {
      const perSecond = await measure((index) => flows.handle(pool[index % POOL]!), concurrency);
      rows.push({ bits, path: `handle(), ${name}`, concurrency, perSecond });
    }
  }
}

const rows: Row[] = [];
for (const bits of [2048, 4096]) await benchKey(bits, rows);
const lines = [
  `Node ${process.version}, ${SECONDS} s per row, data_exchange with a 3-field zod schema.`,
  '',
  '| key | path | in flight | req/s | ms/req |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map(
    (row) =>
      `| ${row.bits} | ${row.path} | ${row.concurrency} | ${Math.round(row.perSecond).toLocaleString('en')} | ${(1000 / row.perSecond).toFixed(2)} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
