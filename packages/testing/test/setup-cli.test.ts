/**
 * `wa-webhooks setup` and `wa-webhooks status` as users run them: child processes talking to the Graph
 * API stand-in of test-kit, which verifies callback URLs against the Express example running as its
 * own process, as Meta would. No test reaches Meta. test-kit is imported by path: it depends on this
 * package, so a package dependency would be a cycle.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it, type TestContext } from 'vitest';
import { startExample, type ExampleProcess } from '../../test-kit/src/example-process';
import { startGraphStandIn, type GraphStandIn } from '../../test-kit/src/graph-stand-in';
import { runCli, type CliRun } from './helpers';

const APP_ID = '1234567890';
const WABA_ID = '102290129340398';
const PHONE_ID = '106540352242922';
const APP_SECRET = 'cli-setup-app-secret';
const VERIFY_TOKEN = 'cli-setup-verify-token';
const ACCESS_TOKEN = 'EAAcli-setup-system-user-token';
const EXPIRED_TOKEN = 'EAAcli-setup-expired-token';
const READ_ONLY_TOKEN = 'EAAcli-setup-messaging-only-token';
const SECRETS = [APP_SECRET, VERIFY_TOKEN, ACCESS_TOKEN, EXPIRED_TOKEN, READ_ONLY_TOKEN, `${APP_ID}|${APP_SECRET}`];
const CONFIG = fileURLToPath(new URL('./fixtures/webhooks-config.ts', import.meta.url));

let example: ExampleProcess;
beforeAll(async () => {
  example = await startExample(new URL('../../../examples/express/src/server.ts', import.meta.url), {
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
  });
});
afterAll(() => example?.stop());

async function standIn(context: TestContext): Promise<GraphStandIn> {
  const graph = await startGraphStandIn({
    apps: [{ id: APP_ID, secret: APP_SECRET }],
    wabas: [{ id: WABA_ID, phoneNumberIds: [PHONE_ID] }],
    tokens: [
      {
        token: ACCESS_TOKEN,
        kind: 'system-user',
        appId: APP_ID,
        scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'],
      },
      { token: EXPIRED_TOKEN, kind: 'user', appId: APP_ID, scopes: ['whatsapp_business_management'], expired: true },
      { token: READ_ONLY_TOKEN, kind: 'system-user', appId: APP_ID, scopes: ['whatsapp_business_messaging'] },
    ],
  });
  context.onTestFinished(() => graph.close());
  return graph;
}

/**
 * Runs the CLI from source (no build needed: the bin resolves workspace packages to their sources) with the
 * tokens in the environment, as the README tells users to pass them, and checks that no token or
 * secret appears in anything it printed.
 */
async function run(
  context: TestContext,
  graph: GraphStandIn,
  args: readonly string[],
  env: Record<string, string> = {},
  built = false,
): Promise<CliRun> {
  const result = await runCli([...args, '--app-id', APP_ID], {
    built,
    env: {
      WA_WEBHOOKS_CLI_SOURCE: '1',
      WHATSAPP_GRAPH_URL: graph.url,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
      WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
      ...env,
    },
  });
  for (const secret of SECRETS) {
    context.expect(result.stdout, 'a secret on stdout').not.toContain(secret);
    context.expect(result.stderr, 'a secret on stderr').not.toContain(secret);
  }
  return result;
}

const lines = (text: string) => text.trimEnd().split('\n');

describe.concurrent('wa-webhooks setup / status (spawned, against the Graph stand-in and the Express example)', () => {
  it('sets up the app and the WABA the first time; a second run prints "No changes" and writes nothing', async (context) => {
    const { expect } = context;
    const graph = await standIn(context);
    const args = [
      'setup',
      '--waba-id',
      WABA_ID,
      '--callback-url',
      example.url,
      '--fields',
      'messages,message_template_status_update',
    ];
    const first = await run(context, graph, args);
    expect(first.code, first.stderr).toBe(0);
    expect(lines(first.stdout)).toEqual([
      `Changed app ${APP_ID}: subscribe to whatsapp_business_account: callback ${example.url}, fields messages, message_template_status_update`,
      `Changed WABA ${WABA_ID}: subscribe the app`,
      '2 changes.',
    ]);
    expect(lines(first.stderr)).toEqual([
      `Note: using the Graph API at ${graph.url}, not https://graph.facebook.com.`,
      `Warning: App ${APP_ID} callback ${example.url} is not https: Meta only calls https:// URLs with a valid certificate. Serve it over HTTPS or put an HTTPS tunnel (cloudflared, ngrok) in front of it.`,
    ]);
    // The stand-in verified the callback the way Meta does, and the example answered it.
    expect(graph.verifications).toEqual([{ url: example.url, verified: true }]);
    const writes = graph.writes().length;

    const again = await run(context, graph, args);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('No changes: the webhook setup already matches.\n');
    expect(graph.writes()).toHaveLength(writes);
  });

  it("explains a verify token the server refuses, with Meta's 2200 error and the fix", async (context) => {
    const { expect } = context;
    const graph = await standIn(context);
    const result = await run(context, graph, ['setup', '--waba-id', WABA_ID, '--callback-url', example.url], {
      WHATSAPP_VERIFY_TOKEN: 'not-the-server-token',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const [, error, hint] = lines(result.stderr);
    expect(error).toMatch(
      new RegExp(
        `^Error: Graph API error 2200 on POST /${APP_ID}/subscriptions: \\(#2200\\) Callback verification failed with the following errors: HTTP Status Code = 403; HTTP Message = Forbidden \\(fbtrace_id \\S+\\)$`,
      ),
    );
    expect(hint).toBe(
      'Hint: Meta called the callback URL with hub.mode=subscribe and your verify token, and did not get 200 with hub.challenge back. Check that the server is reachable from the internet and runs with the same verify token (WHATSAPP_VERIFY_TOKEN); "wa-webhooks handshake --url <callback-url>" shows what it answers.',
    );
    expect(graph.appSubscriptions.size).toBe(0);
  });

  it('overrides the callback on the WABA, and warns that template fields still go to the app callback', async (context) => {
    const { expect } = context;
    const graph = await standIn(context);
    await run(context, graph, [
      'setup',
      '--waba-id',
      WABA_ID,
      '--callback-url',
      example.url,
      '--fields',
      'messages,message_template_status_update',
    ]);
    const override = `${example.url}?via=waba`;
    const result = await run(context, graph, ['setup', '--waba-id', WABA_ID, '--callback-url', override, '--override']);
    expect(result.code, result.stderr).toBe(0);
    expect(lines(result.stdout)).toEqual([`Changed WABA ${WABA_ID}: override none → ${override}`, '1 change.']);
    expect(result.stderr).toContain(
      `Warning: message_template_status_update cannot follow an override: Meta always sends it to the app's callback URL ${example.url}, not to ${override}. Handle it there, or unsubscribe.\n`,
    );
    expect(graph.wabaApps.get(WABA_ID)?.get(APP_ID)).toBe(override);
    expect(graph.verifications.at(-1)).toEqual({ url: override, verified: true });

    // Without --override the WABA goes back to the app's callback URL; --dry-run shows it and writes nothing.
    const writes = graph.writes().length;
    const dryRun = await run(context, graph, [
      'setup',
      '--waba-id',
      WABA_ID,
      '--callback-url',
      example.url,
      '--dry-run',
    ]);
    expect(lines(dryRun.stdout)).toEqual([
      `Would change WABA ${WABA_ID}: remove the override ${override}`,
      '1 change to make (dry run: nothing was written).',
    ]);
    expect(graph.writes()).toHaveLength(writes);
    const back = await run(context, graph, ['setup', '--waba-id', WABA_ID, '--callback-url', example.url]);
    expect(lines(back.stdout)).toEqual([`Changed WABA ${WABA_ID}: remove the override ${override}`, '1 change.']);
    expect(graph.wabaApps.get(WABA_ID)?.get(APP_ID)).toBeFalsy();
  });

  it('overrides the callback on a phone number, and status shows every level line by line', async (context) => {
    const { expect } = context;
    const graph = await standIn(context);
    const override = `${example.url}?via=phone`;
    const setup = await run(context, graph, [
      'setup',
      '--waba-id',
      WABA_ID,
      '--phone-number-id',
      PHONE_ID,
      '--callback-url',
      override,
      '--override',
      '--fields',
      'messages,message_template_status_update',
    ]);
    expect(setup.code, setup.stderr).toBe(0);
    expect(lines(setup.stdout)).toEqual([
      `Changed app ${APP_ID}: subscribe to whatsapp_business_account: callback ${override}, fields messages, message_template_status_update`,
      `Changed WABA ${WABA_ID}: subscribe the app`,
      `Changed phone number ${PHONE_ID}: override none → ${override}`,
      '3 changes.',
    ]);

    const status = await run(context, graph, [
      'status',
      '--waba-id',
      WABA_ID,
      '--phone-number-id',
      PHONE_ID,
      '--config',
      CONFIG,
    ]);
    expect(status.code, status.stderr).toBe(0);
    const url = override;
    const width = url.length;
    expect(lines(status.stdout)).toEqual([
      `level         id               ${'callback'.padEnd(width)}  notes`,
      `app           ${APP_ID}       ${url}  fields: messages, message_template_status_update`,
      `WABA          ${WABA_ID}  ${'(app callback)'.padEnd(width)}  subscribed`,
      `phone number  ${PHONE_ID}  ${url}  phone-number override`,
      `Warning: App ${APP_ID} callback ${url} is not https: Meta only calls https:// URLs with a valid certificate. Serve it over HTTPS or put an HTTPS tunnel (cloudflared, ngrok) in front of it.`,
      'Warning: No handler listens to message_template_status_update: those notifications are answered 200 and dropped. Add webhooks.on(\'message_template_status_update\', …) or unsubscribe with "wa-webhooks setup --fields …".',
      '2 warnings.',
    ]);
    expect(graph.writes()).toHaveLength(3);
  });

  it('status warns when the server refuses the local verify token, and when nothing is subscribed', async (context) => {
    const { expect } = context;
    const graph = await standIn(context);
    const empty = await run(context, graph, ['status', '--waba-id', WABA_ID]);
    expect(lines(empty.stdout)).toEqual([
      'level  id               callback  notes',
      `app    ${APP_ID}       -         no whatsapp_business_account subscription`,
      `WABA   ${WABA_ID}  -         has not subscribed the app`,
      `Warning: App ${APP_ID} has no active whatsapp_business_account subscription: Meta sends nothing. Run "wa-webhooks setup" (or App Dashboard → WhatsApp → Configuration).`,
      `Warning: WABA ${WABA_ID} has not subscribed app ${APP_ID}: no webhooks from its phone numbers. Run "wa-webhooks setup --waba-id ${WABA_ID} …".`,
      '2 warnings.',
    ]);
    await run(context, graph, ['setup', '--waba-id', WABA_ID, '--callback-url', example.url]);
    const mismatch = await run(context, graph, ['status', '--waba-id', WABA_ID], {
      WHATSAPP_VERIFY_TOKEN: 'a-stale-token',
    });
    expect(mismatch.code).toBe(0);
    expect(lines(mismatch.stdout).slice(3)).toEqual([
      `Warning: App ${APP_ID} callback ${example.url} is not https: Meta only calls https:// URLs with a valid certificate. Serve it over HTTPS or put an HTTPS tunnel (cloudflared, ngrok) in front of it.`,
      expect.stringMatching(
        new RegExp(
          `^Warning: ${example.url.replaceAll('.', '\\.')} refused the local verify token: the server expects another one \\(.+\\)\\. Use the same WHATSAPP_VERIFY_TOKEN for the server and for setup, or Meta cannot verify the URL\\.$`,
        ),
      ),
      '2 warnings.',
    ]);
  });

  it('explains an expired access token and a token without whatsapp_business_management', async (context) => {
    const { expect } = context;
    const graph = await standIn(context);
    const args = ['setup', '--waba-id', WABA_ID, '--callback-url', example.url];
    const expired = await run(context, graph, args, { WHATSAPP_ACCESS_TOKEN: EXPIRED_TOKEN });
    expect(expired.code).toBe(1);
    expect(lines(expired.stderr).slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Error: Graph API error 190/463 on GET /${WABA_ID}/subscribed_apps: Error validating access token: Session has expired on .+ \\(fbtrace_id \\S+\\)$`,
        ),
      ),
      'Hint: The access token has expired. Create a new token and pass it with --access-token or WHATSAPP_ACCESS_TOKEN. A system user token (Business Settings → Users → System users → Generate new token, with whatsapp_business_management) does not expire like the 24-hour token of the API Setup page.',
    ]);
    const denied = await run(context, graph, args, { WHATSAPP_ACCESS_TOKEN: READ_ONLY_TOKEN });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(
      new RegExp(`Error: Graph API error 200 on GET /${WABA_ID}/subscribed_apps: \\(#200\\) Permissions error`),
    );
    expect(denied.stderr).toContain('Hint: The token lacks the whatsapp_business_management permission');
    expect(graph.writes()).toEqual([]);
  });

  it('works from the built dist/cli.js, as installed from npm, including a .ts --config loaded through tsx', async (context) => {
    const { expect } = context;
    const graph = await standIn(context);
    const setup = await run(
      context,
      graph,
      ['setup', '--waba-id', WABA_ID, '--callback-url', example.url, '--fields', 'messages,account_update'],
      {},
      true,
    );
    expect(lines(setup.stdout), setup.stderr).toEqual([
      `Changed app ${APP_ID}: subscribe to whatsapp_business_account: callback ${example.url}, fields messages, account_update`,
      `Changed WABA ${WABA_ID}: subscribe the app`,
      '2 changes.',
    ]);
    const status = await run(context, graph, ['status', '--waba-id', WABA_ID, '--config', CONFIG], {}, true);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('Warning: No handler listens to account_update');
  });

  it('refuses incomplete command lines with exit 2 before calling Graph', async (context) => {
    const { expect } = context;
    const graph = await standIn(context);
    const noUrl = await run(context, graph, ['setup', '--waba-id', WABA_ID]);
    expect(noUrl).toMatchObject({ code: 2, stderr: expect.stringContaining('setup needs --callback-url') });
    const noSecret = await run(context, graph, ['status'], { WHATSAPP_APP_SECRET: '' });
    expect(noSecret).toMatchObject({ code: 2, stderr: expect.stringContaining('set WHATSAPP_APP_SECRET') });
    const badId = await run(context, graph, ['status', '--waba-id', 'my-waba']);
    expect(badId).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--waba-id must be a numeric id, not "my-waba"'),
    });
    expect(graph.requests).toEqual([]);
  });
});
