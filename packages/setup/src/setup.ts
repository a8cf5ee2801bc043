/**
 * `planSetup` / `applySetup` / `setupWebhooks`: make the webhook configuration match one description,
 * idempotently. Reads the current state, computes the steps that differ, applies only those, in the
 * order Meta needs (the app's subscription, then each WABA, then each phone number), and says what
 * changed. A second run with the same options makes no write call.
 *
 * The sequence is Meta's "Webhooks Setup": an app has one callback URL and one set of fields
 * ("/{app-id}/subscriptions"); each WABA must subscribe the app ("Managing Webhooks": "You must
 * individually subscribe to every WABA for which you wish to receive webhooks"); a WABA or a phone
 * number may override the callback URL ("Webhook overrides").
 */
import { SetupError } from './errors';
import { DEFAULT_FIELDS } from './fields';
import type { GraphClient } from './graph-client';
import { routingWarnings, type Destination, type WebhookWarning } from './warnings';

/** What the webhook setup should be. */
export interface SetupOptions {
  /** The app id (App Dashboard → App settings → Basic). */
  readonly appId: string;
  /** The WhatsApp Business Accounts whose webhooks the app receives. */
  readonly wabaIds: readonly string[];
  /** Where notifications go. */
  readonly callbackUrl: string;
  /** The verify token your server checks (`createWebhooks({ verifyToken })`). Meta sends it when it verifies `callbackUrl`. */
  readonly verifyToken: string;
  /** The app's fields, exactly. Default: keep the current ones, or `['messages']` for a new subscription. */
  readonly fields?: readonly string[] | undefined;
  /** Phone numbers to configure: with `override`, they get `callbackUrl` as their override; without, their override is removed. */
  readonly phoneNumberIds?: readonly string[] | undefined;
  /**
   * Put `callbackUrl` on the WABAs (or on `phoneNumberIds`, when given) as an override, and leave the
   * app's callback URL as it is (a new app subscription still gets `callbackUrl`). Without it,
   * `callbackUrl` is the app's callback URL and the WABAs' overrides are removed.
   */
  readonly override?: boolean | undefined;
}

/** One write call of a setup plan. */
export type SetupStep =
  | { readonly type: 'subscribe-app'; readonly callbackUrl: string; readonly fields: readonly string[] }
  | { readonly type: 'remove-app-fields'; readonly fields: readonly string[] }
  | { readonly type: 'subscribe-waba'; readonly wabaId: string; readonly overrideCallbackUrl: string | undefined }
  | { readonly type: 'set-phone-override'; readonly phoneNumberId: string; readonly callbackUrl: string }
  | { readonly type: 'clear-phone-override'; readonly phoneNumberId: string };

/** A change a plan makes: where, what (in words), and the call. */
export interface SetupChange {
  readonly target: 'app' | 'waba' | 'phone-number';
  readonly id: string;
  readonly summary: string;
  readonly step: SetupStep;
}

/** What `planSetup` found to do, and the traps of the resulting setup. */
export interface SetupPlan {
  readonly changes: readonly SetupChange[];
  readonly warnings: readonly WebhookWarning[];
}

const FIELD = /^[a-z][a-z0-9_]*$/;

function checkOptions(options: SetupOptions): void {
  let url: URL | undefined;
  try {
    url = new URL(options.callbackUrl);
  } catch {
    // reported below
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new SetupError(
      'INVALID_OPTIONS',
      `callbackUrl must be an https:// URL such as https://example.com/webhook, not ${JSON.stringify(options.callbackUrl)}.`,
    );
  }
  // "Webhook overrides": the alternate callback URL has a maximum of 200 characters.
  if (options.override === true && options.callbackUrl.length > 200) {
    throw new SetupError(
      'INVALID_OPTIONS',
      `An override callback URL may have at most 200 characters (Meta's limit); this one has ${options.callbackUrl.length}.`,
    );
  }
  if (typeof options.verifyToken !== 'string' || options.verifyToken === '') {
    throw new SetupError(
      'INVALID_OPTIONS',
      'verifyToken is required: Meta sends it to the callback URL, which must answer with the challenge.',
    );
  }
  const bad = (options.fields ?? []).filter((field) => !FIELD.test(field));
  if (bad.length > 0 || options.fields?.length === 0) {
    throw new SetupError(
      'INVALID_OPTIONS',
      `fields must be webhook field names such as messages or message_template_status_update${bad.length > 0 ? `, not ${bad.map((field) => JSON.stringify(field)).join(', ')}` : ''}.`,
    );
  }
}

const list = (fields: readonly string[]) => (fields.length === 0 ? 'none' : fields.join(', '));

/** The app's changes: one callback URL, one set of fields. Returns them with the callback and fields wanted. */
async function planApp(
  graph: GraphClient,
  options: SetupOptions,
): Promise<{ changes: SetupChange[]; appCallback: string; fields: string[] }> {
  const { appId, callbackUrl } = options;
  const current = await graph.getAppSubscription(appId);
  const currentFields = current?.fields.map((field) => field.name) ?? [];
  const fields = [...new Set(options.fields ?? (current === undefined ? DEFAULT_FIELDS : currentFields))];
  const appCallback = current !== undefined && options.override === true ? current.callback_url : callbackUrl;
  const missing = fields.filter((field) => !currentFields.includes(field));
  const extra = currentFields.filter((field) => !fields.includes(field));
  const changes: SetupChange[] = [];
  if (current === undefined || current.callback_url !== appCallback || missing.length > 0 || !current.active) {
    const what =
      current === undefined
        ? `subscribe to whatsapp_business_account: callback ${appCallback}, fields ${list(fields)}`
        : [
            current.callback_url === appCallback ? undefined : `callback ${current.callback_url} → ${appCallback}`,
            missing.length === 0 ? undefined : `add fields ${list(missing)}`,
            current.active ? undefined : 'reactivate',
          ]
            .filter((part) => part !== undefined)
            .join('; ');
    changes.push({
      target: 'app',
      id: appId,
      summary: what,
      step: { type: 'subscribe-app', callbackUrl: appCallback, fields },
    });
  }
  // Whether POST replaces or adds fields is not said in the reference; removing the extra ones with
  // DELETE is right either way.
  if (current !== undefined && extra.length > 0) {
    changes.push({
      target: 'app',
      id: appId,
      summary: `remove fields ${list(extra)}`,
      step: { type: 'remove-app-fields', fields: extra },
    });
  }
  return { changes, appCallback, fields };
}

/**
 * Each WABA subscribes the app; the WABA override is callbackUrl (override mode without phone numbers),
 * left alone (override mode with phone numbers), or removed. Pushes the overrides that will be in place.
 */
async function planWabas(graph: GraphClient, options: SetupOptions, overrides: Destination[]): Promise<SetupChange[]> {
  const { appId, callbackUrl } = options;
  const override = options.override === true;
  const phoneNumberIds = options.phoneNumberIds ?? [];
  const changes: SetupChange[] = [];
  for (const wabaId of options.wabaIds) {
    const apps = await graph.getSubscribedApps(wabaId);
    const mine = apps.find((one) => one.whatsapp_business_api_data.id === appId);
    const has = mine?.override_callback_uri || undefined;
    const wanted = override && phoneNumberIds.length === 0 ? callbackUrl : override ? has : undefined;
    if (wanted !== undefined) overrides.push({ where: `WABA ${wabaId} override`, url: wanted });
    if (mine !== undefined && has === wanted) continue;
    const summary =
      mine === undefined
        ? `subscribe the app${wanted === undefined ? '' : ` with the override ${wanted}`}`
        : wanted === undefined
          ? `remove the override ${has}`
          : `override ${has ?? 'none'} → ${wanted}`;
    changes.push({
      target: 'waba',
      id: wabaId,
      summary,
      step: { type: 'subscribe-waba', wabaId, overrideCallbackUrl: wanted },
    });
  }
  return changes;
}

/** Each phone number named: its override is callbackUrl (override mode) or removed. */
async function planPhoneNumbers(
  graph: GraphClient,
  options: SetupOptions,
  overrides: Destination[],
): Promise<SetupChange[]> {
  const { callbackUrl } = options;
  const changes: SetupChange[] = [];
  for (const phoneNumberId of options.phoneNumberIds ?? []) {
    const has = (await graph.getPhoneNumberWebhooks(phoneNumberId)).phone_number || undefined;
    if (options.override === true) {
      overrides.push({ where: `phone number ${phoneNumberId} override`, url: callbackUrl });
      if (has === callbackUrl) continue;
      changes.push({
        target: 'phone-number',
        id: phoneNumberId,
        summary: `override ${has ?? 'none'} → ${callbackUrl}`,
        step: { type: 'set-phone-override', phoneNumberId, callbackUrl },
      });
    } else if (has !== undefined) {
      changes.push({
        target: 'phone-number',
        id: phoneNumberId,
        summary: `remove the override ${has}`,
        step: { type: 'clear-phone-override', phoneNumberId },
      });
    }
  }
  return changes;
}

/** Reads the current setup and returns the changes that would make it match `options`. Makes no write call. */
export async function planSetup(graph: GraphClient, options: SetupOptions): Promise<SetupPlan> {
  checkOptions(options);
  const app = await planApp(graph, options);
  const overrides: Destination[] = [];
  const wabas = await planWabas(graph, options, overrides);
  const phones = await planPhoneNumbers(graph, options, overrides);
  return {
    changes: [...app.changes, ...wabas, ...phones],
    warnings: routingWarnings({ where: `App ${options.appId} callback`, url: app.appCallback }, app.fields, overrides),
  };
}

/** Applies the changes of `plan`, in order, and returns them. Stops at the first failure (the error says which call failed). */
export async function applySetup(
  graph: GraphClient,
  plan: SetupPlan,
  options: Pick<SetupOptions, 'appId' | 'verifyToken'>,
): Promise<readonly SetupChange[]> {
  const { appId, verifyToken } = options;
  for (const { step } of plan.changes) {
    switch (step.type) {
      case 'subscribe-app':
        await graph.subscribeApp(appId, { callbackUrl: step.callbackUrl, verifyToken, fields: step.fields });
        break;
      case 'remove-app-fields':
        await graph.unsubscribeApp(appId, step.fields);
        break;
      case 'subscribe-waba':
        await graph.subscribeWaba(
          step.wabaId,
          step.overrideCallbackUrl === undefined ? undefined : { callbackUrl: step.overrideCallbackUrl, verifyToken },
        );
        break;
      case 'set-phone-override':
        await graph.setPhoneNumberOverride(step.phoneNumberId, { callbackUrl: step.callbackUrl, verifyToken });
        break;
      case 'clear-phone-override':
        await graph.clearPhoneNumberOverride(step.phoneNumberId);
        break;
    }
  }
  return plan.changes;
}

/**
 * Makes the webhook setup match `options`: `planSetup`, then `applySetup`. Returns the plan (its
 * `changes` were applied; none when everything already matched).
 *
 * @example
 * ```ts
 * const { changes, warnings } = await setupWebhooks(graph, {
 *   appId: '1234567890', wabaIds: ['102290129340398'],
 *   callbackUrl: 'https://example.com/webhook', verifyToken: process.env.WHATSAPP_VERIFY_TOKEN!,
 *   fields: ['messages', 'message_template_status_update'],
 * });
 * ```
 */
export async function setupWebhooks(graph: GraphClient, options: SetupOptions): Promise<SetupPlan> {
  const plan = await planSetup(graph, options);
  await applySetup(graph, plan, options);
  return plan;
}
