/**
 * Shared tests of the example apps (examples/<framework>): each example's test files call these, so
 * that the four examples are held to the same first-minute experience.
 */
import {
  buildFixture,
  checkHandshake,
  DEV_APP_SECRET,
  DEV_VERIFY_TOKEN,
  FIXTURE_KINDS,
  sendNotification,
  type WebhookPayload,
} from '@wa-webhooks/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExample, type ExampleProcess } from './example-process';

/** The event names the example has handlers for; every other kind is answered 200 and not logged. */
const HANDLED = new Set([
  'messages.text',
  'messages.interactive.button_reply',
  'messages.interactive.list_reply',
  'message_template_status_update',
]);
const isHandled = (event: string) => HANDLED.has(event) || event.startsWith('statuses.');

/** The event id core gives the one message or status of a payload (`undefined` for other fields). */
function itemEventId(payload: WebhookPayload): string | undefined {
  const value = payload.entry[0]!.changes[0]!.value as {
    messages?: { id: string }[];
    statuses?: { id: string; status: string; recipient_id: string }[];
  };
  const status = value.statuses?.[0];
  // Core's id format (its event-id module): a kind prefix, then the parts (none of these contain ':' or '%').
  const message = value.messages?.[0]?.id;
  return status === undefined
    ? message === undefined
      ? undefined
      : `m:${message}`
    : `s:${status.id}:${status.status}:${status.recipient_id}`;
}

/**
 * The smoke suite every example runs: the example as users run it (its own process with the development
 * defaults), the verification handshake, every built-in notification kind sent through the testing
 * kit (the `wa-webhooks` CLI's library code), the log lines the handlers printed, a wrongly signed
 * notification, and the app's other JSON routes next to the webhook route.
 */
export function runExampleSmoke(options: { readonly framework: string; readonly server: URL }): void {
  const FRAMEWORK = options.framework;
  let example: ExampleProcess;
  beforeAll(async () => {
    example = await startExample(options.server);
  });
  afterAll(() => example?.stop());

  describe(`${FRAMEWORK} example`, () => {
    it('starts with development defaults, warns about them, and prints the curl and CLI lines', async () => {
      expect(example.stdout[0]).toBe(`WhatsApp webhook (${FRAMEWORK}) listening on ${example.url}`);
      await example.waitForStderr(
        'Warning: WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN not set: using the public development defaults, on 127.0.0.1 only.',
      );
      expect(example.stdout).toContain(
        `Verify it:      curl "${example.url}?hub.mode=subscribe&hub.verify_token=${DEV_VERIFY_TOKEN}&hub.challenge=1234"`,
      );
      expect(
        example.stdout.some((line) =>
          line.startsWith(`Send a message: pnpm exec wa-webhooks send text --url ${example.url} `),
        ),
      ).toBe(true);
    });

    it('answers the verification handshake the way Meta checks it', async () => {
      const report = await checkHandshake(example.url, { token: DEV_VERIFY_TOKEN });
      expect(report.failure).toBeUndefined();
      expect(report).toMatchObject({ verified: true, notes: [] });
    });

    it('answers 200 to every built-in kind and logs each handled event as one line with its name and id', async () => {
      const expected: { event: string; id: string | undefined }[] = [];
      for (const kind of FIXTURE_KINDS) {
        const payload = buildFixture(kind.name);
        const result = await sendNotification(example.url, payload, { secret: DEV_APP_SECRET, metaEscaping: true });
        expect(result.status, `${kind.name}: ${result.body}`).toBe(200);
        if (isHandled(kind.event)) expected.push({ event: kind.event, id: itemEventId(payload) });
      }
      // A last text message: once its line is in, every earlier line is too (one ordered stdout).
      const last = buildFixture('text');
      expect((await sendNotification(example.url, last, { secret: DEV_APP_SECRET })).status).toBe(200);
      await example.waitForLine((line) => line.startsWith(`messages.text ${itemEventId(last)!} `));

      const logged = example.stdout.filter((line) => !/^(WhatsApp webhook|Verify it|Send a message)/.test(line));
      expect(logged).toHaveLength(expected.length + 1);
      expected.forEach(({ event, id }, index) => {
        expect(logged[index]).toMatch(
          new RegExp(
            `^${event.replaceAll('.', '\\.')} ${id === undefined ? `c:${event}:\\S+` : id.replaceAll('.', '\\.')}( |$)`,
          ),
        );
      });
      expect(logged.filter((line) => line.startsWith('unknown') || line.startsWith('error'))).toEqual([]);
      expect(logged[0]).toMatch(/^messages\.text \S+ from 16505551234: "Does it come in another color\?"$/);
    });

    it('refuses a notification signed with another secret', async () => {
      const result = await sendNotification(example.url, buildFixture('text'), { secret: 'not-the-dev-secret' });
      expect(result).toMatchObject({ status: 401, errorCode: 'SIGNATURE_MISMATCH' });
    });

    it("keeps the global JSON parser working for the app's other routes", async () => {
      const origin = new URL(example.url).origin;
      const response = await fetch(`${origin}/api/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"note":"hi"}',
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ received: { note: 'hi' } });
      expect(await (await fetch(`${origin}/health`)).json()).toEqual({ ok: true });
    });
  });
}

/** The configuration an example reads from its environment, and the banner it prints. */
export interface ExampleConfigModule {
  readonly readConfig: (env: Record<string, string | undefined>) => unknown;
  readonly startBanner: (
    config: never,
    url: string,
    framework: string,
  ) => { readonly warning?: string | undefined; readonly lines: readonly string[] };
}

/** Tests of an example's `src/config.ts`: development defaults, every variable, the start banner. */
export function runExampleConfigTests({ readConfig, startBanner }: ExampleConfigModule): void {
  describe('readConfig', () => {
    it('uses development defaults for unset or empty variables, and says which', () => {
      expect(readConfig({ WHATSAPP_VERIFY_TOKEN: '' })).toEqual({
        appSecret: DEV_APP_SECRET,
        verifyToken: DEV_VERIFY_TOKEN,
        host: '127.0.0.1',
        port: 3000,
        defaulted: ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'],
      });
    });

    it('reads every variable of .env.example', () => {
      const env = { WHATSAPP_APP_SECRET: 's3cret', WHATSAPP_VERIFY_TOKEN: 'tok', PORT: '8080', HOST: '0.0.0.0' };
      expect(readConfig(env)).toEqual({
        appSecret: 's3cret',
        verifyToken: 'tok',
        host: '0.0.0.0',
        port: 8080,
        defaulted: [],
      });
    });

    it('refuses a PORT that is not a port number', () => {
      expect(() => readConfig({ PORT: 'eighty' })).toThrowError(/PORT must be a port number/);
    });

    it('refuses the public development defaults off loopback, naming the variables to set (issue 16: the examples accept a public secret)', () => {
      expect(() => readConfig({ HOST: '0.0.0.0' })).toThrowError(
        /HOST=0\.0\.0\.0 .*set WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN/,
      );
      expect(() => readConfig({ HOST: '::', WHATSAPP_APP_SECRET: 's' })).toThrowError(/set WHATSAPP_VERIFY_TOKEN \(/);
      expect(() => readConfig({ HOST: '192.168.1.5', WHATSAPP_VERIFY_TOKEN: 't' })).toThrowError(
        /set WHATSAPP_APP_SECRET \(/,
      );
      for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]'])
        expect(readConfig({ HOST: host })).toMatchObject({ appSecret: DEV_APP_SECRET, host });
    });
  });

  describe('startBanner', () => {
    it('warns about development defaults and prints the plain CLI line on the default URL', () => {
      const banner = startBanner(readConfig({}) as never, 'http://127.0.0.1:3000/webhook', 'Test');
      expect(banner.warning).toMatch(/Never use them in production/);
      expect(banner.lines[2]).toMatch(/^Send a message: pnpm exec wa-webhooks send text {3}\(/);
    });

    it('does not print secrets, and adds --url when it differs from the default', () => {
      const banner = startBanner(
        readConfig({ WHATSAPP_APP_SECRET: 's3cret', WHATSAPP_VERIFY_TOKEN: 'tok' }) as never,
        'http://127.0.0.1:8080/webhook',
        'Test',
      );
      expect(banner.warning).toBeUndefined();
      expect(banner.lines.join('\n')).not.toMatch(/s3cret|tok\b/);
      expect(banner.lines[1]).toContain('hub.verify_token=$WHATSAPP_VERIFY_TOKEN');
      expect(banner.lines[2]).toMatch(
        /^Send a message: pnpm exec wa-webhooks send text --url http:\/\/127\.0\.0\.1:8080\/webhook {3}\(in a second terminal with WHATSAPP_APP_SECRET exported;/,
      );
    });

    it('prints neither value when only one variable is set (issue 16: the node-http banner printed the real secret)', () => {
      for (const env of [{ WHATSAPP_APP_SECRET: 'real-secret-1' }, { WHATSAPP_VERIFY_TOKEN: 'real-token-1' }]) {
        const banner = startBanner(readConfig(env) as never, 'http://127.0.0.1:3000/webhook', 'Test');
        expect(`${banner.warning ?? ''}\n${banner.lines.join('\n')}`).not.toMatch(/real-(secret|token)-1/);
      }
    });
  });
}
