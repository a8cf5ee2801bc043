import { describe, expect, it } from 'vitest';
import { planSetup, readWebhookStatus, setupWebhooks, type SetupOptions } from '../src/index';
import { APP_ID, callbackServer, client, PHONE_ID, standIn, VERIFY_TOKEN, WABA_ID } from './helpers';

const summaries = (plan: { changes: readonly { target: string; id: string; summary: string }[] }) =>
  plan.changes.map(({ target, id, summary }) => `${target} ${id}: ${summary}`);

describe('setupWebhooks', () => {
  it('sets everything up the first time, and a second run changes nothing and writes nothing', async () => {
    const graph = await standIn();
    const callback = await callbackServer();
    const options: SetupOptions = {
      appId: APP_ID,
      wabaIds: [WABA_ID],
      callbackUrl: callback.url(),
      verifyToken: VERIFY_TOKEN,
      fields: ['messages', 'message_template_status_update'],
    };
    const first = await setupWebhooks(client(graph), options);
    expect(summaries(first)).toEqual([
      `app ${APP_ID}: subscribe to whatsapp_business_account: callback ${callback.url()}, fields messages, message_template_status_update`,
      `waba ${WABA_ID}: subscribe the app`,
    ]);
    expect(first.warnings.map((warning) => warning.code)).toEqual(['NOT_HTTPS']);
    const writes = graph.writes().length;
    const second = await setupWebhooks(client(graph), options);
    expect(second.changes).toEqual([]);
    expect(graph.writes()).toHaveLength(writes);
  });

  it('sets the fields exactly: adds the missing ones with POST and removes the others with DELETE', async () => {
    const graph = await standIn();
    const callback = await callbackServer();
    const base = { appId: APP_ID, wabaIds: [], callbackUrl: callback.url(), verifyToken: VERIFY_TOKEN };
    await setupWebhooks(client(graph), { ...base, fields: ['messages', 'account_update'] });
    const plan = await setupWebhooks(client(graph), { ...base, fields: ['messages', 'calls'] });
    expect(summaries(plan)).toEqual([`app ${APP_ID}: add fields calls`, `app ${APP_ID}: remove fields account_update`]);
    expect(graph.appSubscriptions.get(APP_ID)?.fields.map((field) => field.name)).toEqual(['messages', 'calls']);
    // No --fields: keep what is there.
    expect((await planSetup(client(graph), base)).changes).toEqual([]);
  });

  it('puts the callback on the WABA as an override, and warns about template fields that cannot follow it', async () => {
    const graph = await standIn();
    const callback = await callbackServer();
    await setupWebhooks(client(graph), {
      appId: APP_ID,
      wabaIds: [WABA_ID],
      callbackUrl: callback.url(),
      verifyToken: VERIFY_TOKEN,
      fields: ['messages', 'message_template_status_update'],
    });
    const plan = await setupWebhooks(client(graph), {
      appId: APP_ID,
      wabaIds: [WABA_ID],
      callbackUrl: callback.url('/waba'),
      verifyToken: VERIFY_TOKEN,
      override: true,
    });
    expect(summaries(plan)).toEqual([`waba ${WABA_ID}: override none → ${callback.url('/waba')}`]);
    expect(graph.wabaApps.get(WABA_ID)?.get(APP_ID)).toBe(callback.url('/waba'));
    expect(graph.appSubscriptions.get(APP_ID)?.callback_url).toBe(callback.url());
    const warning = plan.warnings.find((one) => one.code === 'OVERRIDE_FIELDS');
    expect(warning?.message).toBe(
      `message_template_status_update cannot follow an override: Meta always sends it to the app's callback URL ${callback.url()}, not to ${callback.url('/waba')}. Handle it there, or unsubscribe.`,
    );
    // Without --override, setup moves everything back to the app's callback URL.
    const back = await setupWebhooks(client(graph), {
      appId: APP_ID,
      wabaIds: [WABA_ID],
      callbackUrl: callback.url(),
      verifyToken: VERIFY_TOKEN,
    });
    expect(summaries(back)).toEqual([`waba ${WABA_ID}: remove the override ${callback.url('/waba')}`]);
  });

  it('overrides a phone number, idempotently, and removes it again without --override', async () => {
    const graph = await standIn();
    const callback = await callbackServer();
    const options: SetupOptions = {
      appId: APP_ID,
      wabaIds: [WABA_ID],
      phoneNumberIds: [PHONE_ID],
      callbackUrl: callback.url('/phone'),
      verifyToken: VERIFY_TOKEN,
      override: true,
    };
    const first = await setupWebhooks(client(graph), options);
    expect(summaries(first)).toEqual([
      `app ${APP_ID}: subscribe to whatsapp_business_account: callback ${callback.url('/phone')}, fields messages`,
      `waba ${WABA_ID}: subscribe the app`,
      `phone-number ${PHONE_ID}: override none → ${callback.url('/phone')}`,
    ]);
    expect(graph.phoneOverrides.get(`${APP_ID}/${PHONE_ID}`)).toBe(callback.url('/phone'));
    expect((await setupWebhooks(client(graph), options)).changes).toEqual([]);
    const cleared = await setupWebhooks(client(graph), { ...options, override: false });
    expect(summaries(cleared)).toEqual([`phone-number ${PHONE_ID}: remove the override ${callback.url('/phone')}`]);
    expect(graph.phoneOverrides.size).toBe(0);
  });

  it('refuses options Meta would refuse, before any request', async () => {
    const graph = await standIn();
    const base = { appId: APP_ID, wabaIds: [WABA_ID], verifyToken: VERIFY_TOKEN };
    await expect(planSetup(client(graph), { ...base, callbackUrl: 'example.com/webhook' })).rejects.toThrow(
      /https:\/\/ URL/,
    );
    await expect(
      planSetup(client(graph), { ...base, callbackUrl: `https://example.com/${'x'.repeat(200)}`, override: true }),
    ).rejects.toThrow(/at most 200 characters/);
    await expect(
      planSetup(client(graph), { ...base, callbackUrl: 'https://example.com', fields: ['Messages'] }),
    ).rejects.toThrow(/not "Messages"/);
    await expect(
      planSetup(client(graph), { ...base, callbackUrl: 'https://example.com', verifyToken: '' }),
    ).rejects.toThrow(/verifyToken is required/);
    expect(graph.requests).toEqual([]);
  });
});

describe('readWebhookStatus', () => {
  it('reads every level and warns about each trap', async () => {
    const graph = await standIn();
    const callback = await callbackServer();
    await setupWebhooks(client(graph), {
      appId: APP_ID,
      wabaIds: [WABA_ID],
      callbackUrl: callback.url(),
      verifyToken: VERIFY_TOKEN,
      fields: ['messages', 'account_update'],
    });
    await setupWebhooks(client(graph), {
      appId: APP_ID,
      wabaIds: [WABA_ID],
      phoneNumberIds: [PHONE_ID],
      callbackUrl: callback.url('/phone'),
      verifyToken: VERIFY_TOKEN,
      override: true,
    });
    const writes = graph.writes().length;
    const checked: string[] = [];
    const status = await readWebhookStatus(client(graph), {
      appId: APP_ID,
      wabaIds: [WABA_ID, '999000'],
      phoneNumberIds: [PHONE_ID],
      listenedFields: ['messages'],
      verifyCallback: async (url) => {
        checked.push(url);
        return url.endsWith('/phone')
          ? { verified: false, wrongToken: true, reason: '403 VERIFY_TOKEN_MISMATCH' }
          : { verified: true, wrongToken: false, reason: '' };
      },
    }).catch((error: unknown) => error);
    // An unknown WABA is a Graph error, not a status.
    expect(status).toMatchObject({ graphCode: 100, graphSubcode: 33 });

    const picture = await readWebhookStatus(client(graph), {
      appId: APP_ID,
      wabaIds: [WABA_ID],
      phoneNumberIds: [PHONE_ID],
      listenedFields: ['messages'],
      verifyCallback: async (url) => {
        checked.push(url);
        return url.endsWith('/phone')
          ? { verified: false, wrongToken: true, reason: '403 VERIFY_TOKEN_MISMATCH' }
          : { verified: true, wrongToken: false, reason: '' };
      },
    });
    expect(picture.app).toEqual({ callbackUrl: callback.url(), active: true, fields: ['messages', 'account_update'] });
    expect(picture.wabas).toEqual([{ id: WABA_ID, subscribed: true, overrideCallbackUrl: undefined }]);
    expect(picture.phoneNumbers).toEqual([
      {
        id: PHONE_ID,
        override: callback.url('/phone'),
        wabaOverride: undefined,
        appCallbackUrl: callback.url(),
        effective: callback.url('/phone'),
      },
    ]);
    expect(picture.warnings.map((warning) => warning.code)).toEqual([
      'NOT_HTTPS',
      'NOT_HTTPS',
      'OVERRIDE_FIELDS',
      'UNHANDLED_FIELDS',
      'VERIFY_TOKEN_MISMATCH',
    ]);
    expect(checked).toEqual([callback.url(), callback.url('/phone')]);
    expect(graph.writes()).toHaveLength(writes);
  });

  it('warns when the app has no subscription and a WABA has not subscribed it', async () => {
    const graph = await standIn();
    const status = await readWebhookStatus(client(graph), { appId: APP_ID, wabaIds: [WABA_ID] });
    expect(status).toMatchObject({ app: undefined, wabas: [{ id: WABA_ID, subscribed: false }], phoneNumbers: [] });
    expect(status.warnings.map((warning) => warning.code)).toEqual(['APP_NOT_SUBSCRIBED', 'WABA_NOT_SUBSCRIBED']);
    expect(graph.writes()).toEqual([]);
  });
});
