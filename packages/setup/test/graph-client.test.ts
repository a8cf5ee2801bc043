import { describe, expect, it } from 'vitest';
import { appAccessToken, createGraphClient, GraphApiError, isGraphApiError, SetupError } from '../src/index';
import {
  APP_ID,
  APP_SECRET,
  callbackServer,
  client,
  EXPIRED_TOKEN,
  NO_PERMISSION_TOKEN,
  PHONE_ID,
  standIn,
  TOKEN,
  VERIFY_TOKEN,
  WABA_ID,
} from './helpers';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('createGraphClient against the Graph stand-in', () => {
  it('subscribes the app after Meta-style verification of the callback, reads it, removes fields', async () => {
    const graph = await standIn();
    const callback = await callbackServer();
    const api = client(graph);
    expect(await api.getAppSubscription(APP_ID)).toBeUndefined();
    await api.subscribeApp(APP_ID, {
      callbackUrl: callback.url(),
      verifyToken: VERIFY_TOKEN,
      fields: ['messages', 'account_update'],
    });
    expect(graph.verifications).toEqual([{ url: callback.url(), verified: true }]);
    expect(await api.getAppSubscription(APP_ID)).toEqual({
      object: 'whatsapp_business_account',
      callback_url: callback.url(),
      active: true,
      fields: [
        { name: 'messages', version: 'v25.0' },
        { name: 'account_update', version: 'v25.0' },
      ],
    });
    await api.unsubscribeApp(APP_ID, ['account_update']);
    expect((await api.getAppSubscription(APP_ID))?.fields.map((field) => field.name)).toEqual(['messages']);
    await api.unsubscribeApp(APP_ID);
    expect(await api.getAppSubscription(APP_ID)).toBeUndefined();
    expect(graph.requests.every((request) => request.path.startsWith(`/${APP_ID}/`) && request.token === 'app')).toBe(
      true,
    );
  });

  it('subscribes a WABA, sets and clears its override, and unsubscribes', async () => {
    const graph = await standIn();
    const callback = await callbackServer();
    const api = client(graph);
    await api.subscribeWaba(WABA_ID);
    expect(await api.getSubscribedApps(WABA_ID)).toEqual([
      { whatsapp_business_api_data: expect.objectContaining({ id: APP_ID, name: 'Lucky Shrub' }) },
    ]);
    await api.subscribeWaba(WABA_ID, { callbackUrl: callback.url('/waba'), verifyToken: VERIFY_TOKEN });
    expect((await api.getSubscribedApps(WABA_ID))[0]?.override_callback_uri).toBe(callback.url('/waba'));
    await api.subscribeWaba(WABA_ID);
    expect((await api.getSubscribedApps(WABA_ID))[0]?.override_callback_uri).toBeUndefined();
    await api.unsubscribeWaba(WABA_ID);
    expect(await api.getSubscribedApps(WABA_ID)).toEqual([]);
  });

  it("sets, reads and clears a phone number's override, with the other levels in webhook_configuration", async () => {
    const graph = await standIn();
    const callback = await callbackServer();
    const api = client(graph);
    await api.subscribeApp(APP_ID, { callbackUrl: callback.url(), verifyToken: VERIFY_TOKEN, fields: ['messages'] });
    await api.subscribeWaba(WABA_ID, { callbackUrl: callback.url('/waba'), verifyToken: VERIFY_TOKEN });
    await api.setPhoneNumberOverride(PHONE_ID, { callbackUrl: callback.url('/phone'), verifyToken: VERIFY_TOKEN });
    expect(await api.getPhoneNumberWebhooks(PHONE_ID)).toEqual({
      phone_number: callback.url('/phone'),
      whatsapp_business_account: callback.url('/waba'),
      application: callback.url(),
    });
    await api.clearPhoneNumberOverride(PHONE_ID);
    expect(await api.getPhoneNumberWebhooks(PHONE_ID)).toEqual({
      whatsapp_business_account: callback.url('/waba'),
      application: callback.url(),
    });
  });

  it('turns a failed verification into GraphApiError 2200 with the fix, and keeps the old state', async () => {
    const graph = await standIn();
    const callback = await callbackServer('the-server-token');
    const error = await rejection(
      client(graph).subscribeApp(APP_ID, {
        callbackUrl: callback.url(),
        verifyToken: VERIFY_TOKEN,
        fields: ['messages'],
      }),
    );
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error).toMatchObject({
      code: 'GRAPH_API_ERROR',
      graphCode: 2200,
      type: 'OAuthException',
      status: 400,
      request: `POST /${APP_ID}/subscriptions`,
    });
    expect(error.message).toMatch(/Callback verification failed with the following errors: HTTP Status Code = 403/);
    expect((error as GraphApiError).hint).toMatch(/same verify token \(WHATSAPP_VERIFY_TOKEN\)/);
    expect((error as GraphApiError).fbtraceId).toMatch(/^\S{11}$/);
    expect(graph.appSubscriptions.size).toBe(0);
  });

  it('explains an expired token (190/463), a missing permission (200) and a user token on app subscriptions (15)', async () => {
    const graph = await standIn();
    const expired = await rejection(client(graph, EXPIRED_TOKEN).getSubscribedApps(WABA_ID));
    expect(expired).toMatchObject({ code: 'GRAPH_API_ERROR', graphCode: 190, graphSubcode: 463 });
    expect((expired as GraphApiError).hint).toMatch(
      /^The access token has expired\. Create a new token .* system user token/,
    );
    const denied = await rejection(client(graph, NO_PERMISSION_TOKEN).getPhoneNumberWebhooks(PHONE_ID));
    expect(denied).toMatchObject({ graphCode: 200, status: 403 });
    expect((denied as GraphApiError).hint).toMatch(/whatsapp_business_management/);
    const userOnApp = await rejection(
      createGraphClient({ baseUrl: graph.url, appAccessToken: TOKEN }).getAppSubscription(APP_ID),
    );
    expect(userOnApp).toMatchObject({ graphCode: 15 });
    expect((userOnApp as GraphApiError).hint).toMatch(/WHATSAPP_APP_SECRET/);
    const wrongSecret = await rejection(
      createGraphClient({
        baseUrl: graph.url,
        appAccessToken: appAccessToken(APP_ID, 'not-the-secret'),
      }).getAppSubscription(APP_ID),
    );
    expect((wrongSecret as GraphApiError).hint).toMatch(/check that the secret belongs to this app/);
    expect(isGraphApiError(expired) && isGraphApiError(denied)).toBe(true);
    for (const error of [expired, denied, userOnApp, wrongSecret]) {
      expect(`${error.message} ${(error as GraphApiError).hint}`).not.toMatch(
        new RegExp(`${TOKEN}|${EXPIRED_TOKEN}|${NO_PERMISSION_TOKEN}|${APP_SECRET}|not-the-secret`),
      );
    }
  });

  it('answers 100/33 for an unknown id, and refuses ids that are not ids before sending anything', async () => {
    const graph = await standIn();
    expect(await rejection(client(graph).getSubscribedApps('999'))).toMatchObject({
      graphCode: 100,
      graphSubcode: 33,
      type: 'GraphMethodException',
    });
    expect(await rejection(client(graph).getSubscribedApps('../me'))).toMatchObject({
      name: 'SetupError',
      code: 'INVALID_OPTIONS',
    });
    expect(graph.requests).toHaveLength(1);
  });

  it('says which token is missing, and when Graph cannot be reached, without a request or a token in the message', async () => {
    const graph = await standIn();
    const noApp = await rejection(
      createGraphClient({ baseUrl: graph.url, accessToken: TOKEN }).getAppSubscription(APP_ID),
    );
    expect(noApp).toBeInstanceOf(SetupError);
    expect(noApp).toMatchObject({ code: 'MISSING_TOKEN', message: expect.stringMatching(/WHATSAPP_APP_SECRET/) });
    expect(await rejection(createGraphClient({ baseUrl: graph.url }).getSubscribedApps(WABA_ID))).toMatchObject({
      code: 'MISSING_TOKEN',
      message: expect.stringMatching(/WHATSAPP_ACCESS_TOKEN/),
    });
    expect(graph.requests).toEqual([]);
    await graph.close();
    const down = await rejection(client(graph).getSubscribedApps(WABA_ID));
    expect(down).toMatchObject({ code: 'GRAPH_UNREACHABLE', message: expect.stringMatching(/ECONNREFUSED/) });
    expect(down.message).not.toContain(TOKEN);
    expect(() => createGraphClient({ apiVersion: '25' })).toThrow(/v25\.0/);
  });
});
