/**
 * The pre-authentication body budget over real HTTP (issue 16, "Memory held for unsigned bodies is
 * unbounded"): connections that announce large bodies with a well-formed but fake signature and send
 * them slowly hold reservations; once they fill the budget, the next large POST is answered 503
 * BODY_BUDGET_EXCEEDED with Retry-After before its body is read, while the handshake and small signed
 * POSTs keep working; a reservation is given back when its connection ends.
 */
import { connect, type Socket } from 'node:net';
import { createWebhooks, type Webhooks } from '@wa-webhooks/core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from './http';
import { signBody } from './signer';

/** Starts the adapter under test with `webhooks` mounted; as in the conformance suite. */
export type StartBudgetServer = (webhooks: Webhooks) => Promise<RunningServer>;

const SECRET = 'budget-suite-secret';
const TOKEN = 'budget-suite-token';
const LARGE = 3_000_000;
const FAKE_SIGNATURE = `sha256=${'ab'.repeat(32)}`;

/** A connection that sent the head of a POST and `sent` bytes of its announced body, and waits. */
async function holdLargePost(url: URL, sent = 1000): Promise<{ socket: Socket; answer: Promise<string> }> {
  const socket = connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  const answer = new Promise<string>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) resolve(received);
    });
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
  });
  socket.write(
    `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
      `X-Hub-Signature-256: ${FAKE_SIGNATURE}\r\nContent-Length: ${LARGE}\r\n\r\n`,
  );
  socket.write(Buffer.alloc(sent, 0x20));
  return { socket, answer };
}

function signedNotification(wamid: string): { body: string; signature: string } {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: {
              metadata: { display_phone_number: '1', phone_number_id: '2' },
              messages: [{ from: '1', id: wamid, timestamp: '1', type: 'text', text: { body: 'hi' } }],
            },
          },
        ],
      },
    ],
  });
  return { body, signature: signBody(body, SECRET) };
}

/** Registers the suite for one adapter. */
export function runBodyBudgetSuite(options: { readonly name: string; readonly start: StartBudgetServer }): void {
  describe(`${options.name}: pre-authentication body budget (issue 16)`, () => {
    it('answers 503 with Retry-After before reading once held bodies fill the budget; the handshake and small signed POSTs keep working; a closed connection gives its bytes back', async () => {
      // Room for two held 3 MB bodies, not three.
      const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, bodyBudget: 7_000_000 });
      const texts: string[] = [];
      webhooks.on('messages.text', (event) => void texts.push(event.message.text.body));
      const server = await options.start(webhooks);
      const url = new URL(server.url);
      const held: Array<{ socket: Socket; answer: Promise<string> }> = [];
      try {
        held.push(await holdLargePost(url), await holdLargePost(url));
        // Let the server read the heads and reserve.
        await new Promise((resolve) => setTimeout(resolve, 200));
        const refused = await holdLargePost(url, 0);
        const head = await refused.answer;
        refused.socket.destroy();
        expect(head).toMatch(/^HTTP\/1\.1 503 /);
        expect(head.toLowerCase()).toContain('retry-after: 5');
        expect(head).toContain('BODY_BUDGET_EXCEEDED');

        const handshake = await fetch(`${server.url}?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=77`);
        expect([handshake.status, await handshake.text()]).toEqual([200, '77']);
        const { body, signature } = signedNotification('wamid.BUDGET1');
        const small = await fetch(server.url, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        });
        expect(small.status).toBe(200);
        expect(texts).toEqual(['hi']);

        // One held client goes away: its reservation is released, and a large POST is read again
        // (then refused for its fake signature, 401, instead of 503).
        held.shift()!.socket.destroy();
        await new Promise((resolve) => setTimeout(resolve, 200));
        const after = await holdLargePost(url, LARGE);
        expect(await after.answer).toMatch(/^HTTP\/1\.1 401 /);
        after.socket.destroy();
      } finally {
        for (const { socket } of held) socket.destroy();
        await server.close();
      }
    });
  });
}
