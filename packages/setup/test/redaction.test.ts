/**
 * Issue 16: what the Graph API answers is shown to users (errors, the CLI), so every token the client
 * holds or sends is redacted from it, before it is cut short, in every field, and whatever its case.
 * A real server on 127.0.0.1 plays a Graph API that echoes what it was sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { listen } from '../../test-kit/src/http';
import { appAccessToken, createGraphClient, createRedactor, REDACTED } from '../src/index';

const ACCESS_TOKEN = 'EAAredactionSystemUserToken0123';
const APP_SECRET = 'redaction-app-secret-4567';
const VERIFY_TOKEN = 'Redaction-Verify-Token-89';

/** A Graph stand-in that answers every request with `answer(body sent)`. */
async function echoingGraph(answer: (sent: string) => { status: number; body: string }) {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let sent = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (sent += chunk));
    req.on('end', () => {
      const { status, body } = answer(`${req.headers.authorization ?? ''} ${sent}`);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  const running = await listen(server);
  onTestFinished(() => running.close());
  return createGraphClient({
    accessToken: ACCESS_TOKEN,
    appAccessToken: appAccessToken('1234567890', APP_SECRET),
    baseUrl: running.origin,
  });
}

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const fields = error as { message: string; type?: string; fbtraceId?: string };
    return `${fields.message} | ${fields.type ?? ''} | ${fields.fbtraceId ?? ''}`;
  }
  throw new Error('expected a rejection');
}

const subscribe = { callbackUrl: 'https://example.com/webhook', verifyToken: VERIFY_TOKEN, fields: ['messages'] };

describe('redaction of Graph answers (issue 16: setup/status redaction)', () => {
  it('redacts a non-JSON body before cutting it short, so a token at the cut is never half shown', async () => {
    const graph = await echoingGraph(() => ({ status: 502, body: `${'x'.repeat(190)}${ACCESS_TOKEN} bad gateway` }));
    const message = await messageOf(graph.getSubscribedApps('102290129340398'));
    expect(message).toContain(`${'x'.repeat(190)}${REDACTED.slice(0, 10)}`);
    expect(message).not.toMatch(/EAAred/);
  });

  it('redacts the message, the type and fbtrace_id of a Graph error, and the verify token a call sent', async () => {
    const graph = await echoingGraph((sent) => ({
      status: 400,
      body: JSON.stringify({
        error: {
          message: `Invalid verify_token ${VERIFY_TOKEN} in ${sent}`,
          type: `OAuthException ${ACCESS_TOKEN}`,
          code: 100,
          fbtrace_id: `trace-${APP_SECRET}`,
        },
      }),
    }));
    const shown = await messageOf(graph.subscribeApp('1234567890', subscribe));
    for (const secret of [ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN, encodeURIComponent(VERIFY_TOKEN)])
      expect(shown).not.toContain(secret);
    expect(shown).toContain(`Invalid verify_token ${REDACTED}`);
    expect(shown).toContain(`| OAuthException ${REDACTED} | trace-${REDACTED}`);
  });

  it('matches tokens case-insensitively', async () => {
    const graph = await echoingGraph(() => ({
      status: 400,
      body: JSON.stringify({ error: { message: `token ${ACCESS_TOKEN.toUpperCase()} rejected`, code: 190 } }),
    }));
    const shown = await messageOf(graph.getSubscribedApps('102290129340398'));
    expect(shown).toContain(`token ${REDACTED} rejected`);
  });

  it('createRedactor: longest first, URL-encoded forms, and short values left alone', () => {
    const redact = createRedactor(['1234567890|app-secret', 'app-secret', 'abc', undefined]);
    expect(redact('a 1234567890%7Capp-secret b APP-SECRET c abc')).toBe(`a ${REDACTED} b ${REDACTED} c abc`);
  });
});
