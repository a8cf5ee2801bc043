/**
 * `readWebhookStatus()`: where WhatsApp notifications go today, level by level (app callback and
 * fields, each WABA's subscription and override, each phone number's override; "Webhook overrides":
 * phone number first, then WABA, then app), plus warnings about the traps.
 */
import type { GraphClient } from './graph-client';
import { routingWarnings, type Destination, type WebhookWarning } from './warnings';

/** The outcome of checking a callback URL's verification handshake with the local verify token. */
export interface CallbackCheck {
  readonly verified: boolean;
  /** The server refused the verify token (it expects another one). */
  readonly wrongToken: boolean;
  /** What happened, for the warning. */
  readonly reason: string;
}

/** Options of `readWebhookStatus`. */
export interface StatusOptions {
  readonly appId: string;
  readonly wabaIds: readonly string[];
  readonly phoneNumberIds?: readonly string[] | undefined;
  /** The fields the app's handlers listen to (`webhooks.listenedFields()`), to warn about the others. */
  readonly listenedFields?: readonly string[] | '*' | undefined;
  /** Runs the verification handshake against a callback URL with the local verify token. */
  readonly verifyCallback?: ((url: string) => Promise<CallbackCheck>) | undefined;
}

/** A WABA's view of the app. */
export interface WabaStatus {
  readonly id: string;
  readonly subscribed: boolean;
  readonly overrideCallbackUrl: string | undefined;
}

/** A phone number's callback URL per level, and the one Meta uses. */
export interface PhoneNumberStatus {
  readonly id: string;
  readonly override: string | undefined;
  readonly wabaOverride: string | undefined;
  readonly appCallbackUrl: string | undefined;
  /** Where `messages` notifications for this number go (phone override, else WABA override, else app). */
  readonly effective: string | undefined;
}

/** The whole picture. */
export interface WebhookStatus {
  readonly appId: string;
  /** The app's WhatsApp subscription, or `undefined` when it has none. */
  readonly app:
    { readonly callbackUrl: string; readonly active: boolean; readonly fields: readonly string[] } | undefined;
  readonly wabas: readonly WabaStatus[];
  readonly phoneNumbers: readonly PhoneNumberStatus[];
  readonly warnings: readonly WebhookWarning[];
}

type AppStatus = WebhookStatus['app'];

/** Each WABA's subscription and override; a warning for a WABA that has not subscribed the app. */
async function readWabas(
  graph: GraphClient,
  options: StatusOptions,
  warnings: WebhookWarning[],
): Promise<WabaStatus[]> {
  const wabas: WabaStatus[] = [];
  for (const id of options.wabaIds) {
    const mine = (await graph.getSubscribedApps(id)).find((one) => one.whatsapp_business_api_data.id === options.appId);
    wabas.push({ id, subscribed: mine !== undefined, overrideCallbackUrl: mine?.override_callback_uri || undefined });
    if (mine === undefined) {
      warnings.push({
        code: 'WABA_NOT_SUBSCRIBED',
        message: `WABA ${id} has not subscribed app ${options.appId}: no webhooks from its phone numbers. Run "wa-webhooks setup --waba-id ${id} …".`,
      });
    }
  }
  return wabas;
}

/** Each phone number's callback at every level, and the one that applies. */
async function readPhoneNumbers(
  graph: GraphClient,
  options: StatusOptions,
  app: AppStatus,
): Promise<PhoneNumberStatus[]> {
  const phoneNumbers: PhoneNumberStatus[] = [];
  for (const id of options.phoneNumberIds ?? []) {
    const config = await graph.getPhoneNumberWebhooks(id);
    const override = config.phone_number || undefined;
    const wabaOverride = config.whatsapp_business_account || undefined;
    const appCallbackUrl = config.application || app?.callbackUrl;
    phoneNumbers.push({
      id,
      override,
      wabaOverride,
      appCallbackUrl,
      effective: override ?? wabaOverride ?? appCallbackUrl,
    });
  }
  return phoneNumbers;
}

/** Subscribed fields no handler listens to (with `listenedFields`). */
function unhandledWarnings(options: StatusOptions, app: AppStatus): WebhookWarning[] {
  const listened = options.listenedFields;
  if (listened === undefined || listened === '*' || app === undefined) return [];
  const unhandled = app.fields.filter((field) => !listened.includes(field));
  if (unhandled.length === 0) return [];
  return [
    {
      code: 'UNHANDLED_FIELDS',
      message: `No handler listens to ${unhandled.join(', ')}: those notifications are answered 200 and dropped. Add webhooks.on('${unhandled[0]}', …) or unsubscribe with "wa-webhooks setup --fields …".`,
    },
  ];
}

/** The verification handshake of every distinct callback URL (with `verifyCallback`). */
async function callbackWarnings(
  options: StatusOptions,
  destinations: readonly Destination[],
): Promise<WebhookWarning[]> {
  if (options.verifyCallback === undefined) return [];
  const warnings: WebhookWarning[] = [];
  for (const url of new Set(destinations.map((destination) => destination.url))) {
    const check = await options.verifyCallback(url);
    if (check.verified) continue;
    warnings.push(
      check.wrongToken
        ? {
            code: 'VERIFY_TOKEN_MISMATCH',
            message: `${url} refused the local verify token: the server expects another one (${check.reason}). Use the same WHATSAPP_VERIFY_TOKEN for the server and for setup, or Meta cannot verify the URL.`,
          }
        : {
            code: 'CALLBACK_NOT_VERIFIED',
            message: `${url} did not answer the verification handshake: ${check.reason}`,
          },
    );
  }
  return warnings;
}

/** Reads the webhook setup of an app, its WABAs and phone numbers, and lists what is wrong with it. Makes no write call. */
export async function readWebhookStatus(graph: GraphClient, options: StatusOptions): Promise<WebhookStatus> {
  const { appId } = options;
  const subscription = await graph.getAppSubscription(appId);
  const app: AppStatus =
    subscription === undefined
      ? undefined
      : {
          callbackUrl: subscription.callback_url,
          active: subscription.active,
          fields: subscription.fields.map((field) => field.name),
        };
  const warnings: WebhookWarning[] = [];
  if (app === undefined || !app.active) {
    warnings.push({
      code: 'APP_NOT_SUBSCRIBED',
      message: `App ${appId} has no active whatsapp_business_account subscription: Meta sends nothing. Run "wa-webhooks setup" (or App Dashboard → WhatsApp → Configuration).`,
    });
  }
  const wabas = await readWabas(graph, options, warnings);
  const phoneNumbers = await readPhoneNumbers(graph, options, app);
  const overrides: Destination[] = [
    ...wabas.flatMap((waba) =>
      waba.overrideCallbackUrl === undefined
        ? []
        : [{ where: `WABA ${waba.id} override`, url: waba.overrideCallbackUrl }],
    ),
    ...phoneNumbers.flatMap((phone) =>
      phone.override === undefined ? [] : [{ where: `phone number ${phone.id} override`, url: phone.override }],
    ),
  ];
  const appDestination = app === undefined ? undefined : { where: `App ${appId} callback`, url: app.callbackUrl };
  warnings.push(...routingWarnings(appDestination, app?.fields ?? [], overrides));
  warnings.push(...unhandledWarnings(options, app));
  warnings.push(
    ...(await callbackWarnings(options, [...(appDestination === undefined ? [] : [appDestination]), ...overrides])),
  );
  return { appId, app, wabas, phoneNumbers, warnings };
}
