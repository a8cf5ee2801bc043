/**
 * The Graph API stand-in answers like Meta for the requests the client never makes on purpose:
 * missing and malformed parameters, the wrong token kind, no token, http:// callbacks off loopback.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { startGraphStandIn } from '../src/graph-stand-in';

const APP = '1111';
const APP_TOKEN = `${APP}|app-secret`;
const USER_TOKEN = 'EAAuser';

async function standIn() {
  const graph = await startGraphStandIn({
    apps: [{ id: APP, secret: 'app-secret' }],
    wabas: [{ id: '2222', phoneNumberIds: ['3333'] }],
    tokens: [{ token: USER_TOKEN, kind: 'user', appId: APP, scopes: ['whatsapp_business_management'] }],
  });
  onTestFinished(() => graph.close());
  const call = async (
    method: string,
    path: string,
    token: string | undefined,
    body?: Record<string, string> | object,
    json = false,
  ) => {
    const response = await fetch(`${graph.url}/v25.0${path}`, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined
          ? {}
          : { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' }),
      },
      ...(body === undefined
        ? {}
        : { body: json ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString() }),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        error?: { code: number; message: string; type: string; fbtrace_id: string; error_subcode?: number };
      },
    };
  };
  return { graph, call };
}

describe('Graph API stand-in', () => {
  it("validates app-subscription parameters with Meta's error shape, and needs an app token", async () => {
    const { graph, call } = await standIn();
    const base = {
      object: 'whatsapp_business_account',
      callback_url: 'https://example.com/webhook',
      verify_token: 't',
      fields: 'messages',
    };
    const { callback_url: _url, ...noUrl } = base;
    expect((await call('POST', `/${APP}/subscriptions`, APP_TOKEN, noUrl)).body.error).toMatchObject({
      code: 100,
      type: 'OAuthException',
      message: '(#100) The parameter callback_url is required',
      fbtrace_id: expect.any(String),
    });
    const { verify_token: _token, ...noToken } = base;
    expect((await call('POST', `/${APP}/subscriptions`, APP_TOKEN, noToken)).body.error?.message).toBe(
      '(#100) The parameter verify_token is required',
    );
    expect(
      (await call('POST', `/${APP}/subscriptions`, APP_TOKEN, { ...base, callback_url: 'not a url' })).body.error
        ?.message,
    ).toBe('(#100) callback_url URL is not properly formatted');
    expect(
      (await call('POST', `/${APP}/subscriptions`, APP_TOKEN, { ...base, callback_url: 'http://example.com/webhook' }))
        .body.error?.message,
    ).toBe('(#100) callback_url must be a valid https URL');
    expect(
      (await call('POST', `/${APP}/subscriptions`, APP_TOKEN, { ...base, fields: 'Bad Field' })).body.error?.code,
    ).toBe(100);
    expect((await call('GET', `/${APP}/subscriptions`, USER_TOKEN)).body.error).toMatchObject({
      code: 15,
      message: '(#15) This method must be called with an app access_token.',
    });
    expect((await call('GET', `/${APP}/subscriptions`, undefined)).body.error?.code).toBe(104);
    expect((await call('GET', `/${APP}/subscriptions`, 'EAAunknown')).body.error?.code).toBe(190);
    expect(graph.appSubscriptions.size).toBe(0);
    expect(graph.requests.map((request) => request.token)).toEqual([
      'app',
      'app',
      'app',
      'app',
      'app',
      'user',
      'none',
      'invalid',
    ]);
  });

  it('refuses an override without verify token, over 200 characters, or unreachable (2200)', async () => {
    const { graph, call } = await standIn();
    expect(
      (
        await call(
          'POST',
          '/2222/subscribed_apps',
          USER_TOKEN,
          { override_callback_uri: 'https://example.com/w' },
          true,
        )
      ).body.error?.message,
    ).toBe('(#100) The parameter verify_token is required');
    expect(
      (
        await call(
          'POST',
          '/2222/subscribed_apps',
          USER_TOKEN,
          { override_callback_uri: `https://example.com/${'x'.repeat(200)}`, verify_token: 't' },
          true,
        )
      ).body.error?.code,
    ).toBe(100);
    const closed = await startGraphStandIn({ apps: [], wabas: [], tokens: [] });
    await closed.close();
    const unreachable = await call(
      'POST',
      '/3333',
      USER_TOKEN,
      { webhook_configuration: { override_callback_uri: `${closed.url}/webhook`, verify_token: 't' } },
      true,
    );
    expect(unreachable.body.error).toMatchObject({
      code: 2200,
      message: expect.stringMatching(
        /^\(#2200\) Callback verification failed with the following errors: curl_errno = 7;/,
      ),
    });
    expect(graph.wabaApps.get('2222')?.size).toBe(0);
    expect(graph.phoneOverrides.size).toBe(0);
    expect((await call('GET', '/4444', USER_TOKEN)).body.error).toMatchObject({
      code: 100,
      error_subcode: 33,
      type: 'GraphMethodException',
    });
  });
});
