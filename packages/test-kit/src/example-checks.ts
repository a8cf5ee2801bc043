/**
 * Issue 16's findings about the example apps, as shared tests that every example runs: public secrets
 * accepted off loopback, secrets printed at start, injectable log lines, and slow bodies held for
 * minutes. Each test names the finding it covers.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Webhooks } from '@wa-webhooks/core';
import { buildTextMessage } from '@wa-webhooks/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { runToExit } from './example-process';
import { WireConnection } from './raw-http';
import { signBody } from './signer';

/** The timeouts an example applies (its `SERVER_TIMEOUTS`). */
export interface ExampleTimeouts {
  readonly requestTimeout: number;
  readonly headersTimeout: number;
  readonly keepAliveTimeout: number;
  readonly idleTimeout: number;
  readonly connectionsCheckingInterval: number;
}

/** What the example-level checks need from an example's modules. */
export interface ExampleModules {
  /** `src/server.ts`, run as a process for the start-up checks. */
  readonly server: URL;
  /** The example's `SERVER_TIMEOUTS`. */
  readonly timeouts: ExampleTimeouts;
  /** Builds the example's webhooks with its handlers (`createExampleWebhooks`). */
  readonly createWebhooks: (
    secrets: { appSecret: string; verifyToken: string },
    log: (line: string) => void,
  ) => Webhooks;
  /**
   * Starts the example's app on 127.0.0.1 port 0 through the example's own server code with `timeouts`,
   * and returns the `node:http` server underneath.
   */
  readonly listen: (webhooks: Webhooks, timeouts: ExampleTimeouts) => Promise<Server>;
}

const SECRET = 'example-checks-secret';

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The example's server has the documented timeouts. */
async function checkTimeoutValues(example: ExampleModules, servers: Server[]): Promise<void> {
  const server = await example.listen(
    example.createWebhooks({ appSecret: SECRET, verifyToken: 't' }, () => {}),
    example.timeouts,
  );
  servers.push(server);
  expect(example.timeouts).toEqual({
    requestTimeout: 30_000,
    headersTimeout: 10_000,
    keepAliveTimeout: 5_000,
    idleTimeout: 15_000,
    connectionsCheckingInterval: 1_000,
  });
  expect({
    requestTimeout: server.requestTimeout,
    headersTimeout: server.headersTimeout,
    keepAliveTimeout: server.keepAliveTimeout,
    idleTimeout: server.timeout,
  }).toEqual({ requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000, idleTimeout: 15_000 });
}

/** With short timeouts passed through the example's own server code, a stalled body is cut off. */
async function checkSlowBodyClosed(example: ExampleModules, servers: Server[]): Promise<void> {
  const short = { ...example.timeouts, requestTimeout: 1500, headersTimeout: 1000, connectionsCheckingInterval: 100 };
  const server = await example.listen(
    example.createWebhooks({ appSecret: SECRET, verifyToken: 't' }, () => {}),
    short,
  );
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  const connection = new WireConnection(port);
  await connection.write(
    `POST /webhook HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nX-Hub-Signature-256: ${signBody('x')}\r\nContent-Length: 3000000\r\n\r\n{"object":`,
  );
  // Bounded by the test timeout, not timed: with Node's defaults this waits 300 s (Fastify: for ever).
  const leftover = (await connection.whenClosed()).toString('latin1');
  connection.destroy();
  expect(leftover === '' || /^HTTP\/1\.1 408 /.test(leftover), leftover).toBe(true);
}

/** Registers the checks (vitest `describe`/`it`) for one example. */
export function runExampleChecks(example: ExampleModules): void {
  describe('issue 16: the example', () => {
    const servers: Server[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map(close));
    });

    it('refuses to start on HOST=0.0.0.0 with the public development secret (finding: the examples accept a public secret)', async () => {
      const run = await runToExit(example.server, { HOST: '0.0.0.0', WHATSAPP_VERIFY_TOKEN: 'set-by-the-test' });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Cannot start: HOST=0.0.0.0 accepts connections from other machines');
      expect(run.stderr).toContain('set WHATSAPP_APP_SECRET (copy .env.example to .env)');
      expect(run.stdout).not.toContain('listening on');
    });

    it('prints neither the app secret nor the verify token when only one is set (finding: the node-http banner printed the real secret)', async () => {
      for (const env of [
        { WHATSAPP_APP_SECRET: 'only-the-secret-XYZ' },
        { WHATSAPP_VERIFY_TOKEN: 'only-the-token-XYZ' },
      ]) {
        const run = await runToExit(example.server, { ...env, PORT: '0' }, 'Send a message:');
        const printed = `${run.stdout}\n${run.stderr}`;
        expect(printed).toContain('listening on http://127.0.0.1:');
        expect(printed).not.toContain('XYZ');
      }
    });

    it('logs user text as one escaped line (finding: example logs are injectable)', async () => {
      const lines: string[] = [];
      const webhooks = example.createWebhooks({ appSecret: SECRET, verifyToken: 'token' }, (line) => lines.push(line));
      const forged = 'hi\nmessages.text wamid.FORGED from 15550000000: "paid"\r\x1b[2J\x9b31m\u202eevil\u2028';
      await webhooks.receive(buildTextMessage({ body: forged, id: 'wamid.REAL' }));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^messages\.text m:wamid\.REAL from 16505551234: "hi\\nmessages\.text /);
      // eslint-disable-next-line no-control-regex
      expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
      expect(lines[0]).toContain('\\u001b[2J\\u009b31m\\u202eevil\\u2028');
    });

    it('sets request, header, keep-alive and idle timeouts fit for Meta (finding: slow bodies are held for minutes)', () =>
      checkTimeoutValues(example, servers));

    it(
      'closes the connection of a client that announces a 3 MB body and stops sending (finding: slow bodies are held for minutes)',
      () => checkSlowBodyClosed(example, servers),
      15_000,
    );
  });
}
