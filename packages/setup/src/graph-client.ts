/**
 * `createGraphClient()`: a small, typed client for the webhook-management endpoints of the Graph API,
 * and nothing else (no messages, no media). Uses the global `fetch`; tokens travel in the
 * `Authorization` header only, so they never appear in a URL, a log line or an error message.
 *
 * Endpoints and tokens, by Meta page:
 * - "/{app-id}/subscriptions" (Graph API reference) and "Subscriptions Edge" (Webhooks guide): GET, POST
 *   (`object`, `callback_url`, `verify_token`, `fields`), DELETE (`object`, `fields`). "Requires an app
 *   access token" (`{app-id}|{app-secret}`).
 * - "Whats App Business Account Subscribed Apps" (reference), "Managing Webhooks" (solution providers)
 *   and "Webhook overrides": GET, POST (no body = subscribe and clear the WABA override;
 *   `override_callback_uri` + `verify_token` = set it), DELETE (unsubscribe). A user or system user
 *   token with `whatsapp_business_management`.
 * - "Webhook overrides": `POST /{phone-number-id}` with `webhook_configuration: {override_callback_uri,
 *   verify_token}`; `GET /{phone-number-id}?fields=webhook_configuration`. The page does not show how to
 *   remove a phone-number override; an empty `override_callback_uri` is what client libraries send
 *   (pywa's `delete_phone_alternate_callback_url`), so `clearPhoneNumberOverride` does that.
 */
import type { z } from 'zod';
import { GraphApiError, SetupError, type GraphEndpointKind, type GraphErrorFields } from './errors';
import {
  appSubscriptionsResponseSchema,
  graphErrorResponseSchema,
  phoneNumberWebhookResponseSchema,
  subscribedAppsResponseSchema,
  successResponseSchema,
  type AppSubscription,
  type SubscribedApp,
  type WebhookConfiguration,
} from './schemas';
import { WHATSAPP_OBJECT } from './fields';
import { createRedactor } from './redact';

/** The Graph API version used when none is given. */
export const DEFAULT_GRAPH_API_VERSION = 'v25.0';
/** The Graph API's base URL. */
export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com';

/** Options of `createGraphClient`. */
export interface GraphClientOptions {
  /**
   * A user or system user access token with the `whatsapp_business_management` permission: WABA
   * subscriptions and phone-number overrides.
   */
  readonly accessToken?: string | undefined;
  /** The app access token (`appAccessToken(appId, appSecret)`): app subscriptions. */
  readonly appAccessToken?: string | undefined;
  /** Graph API version, e.g. `v25.0`. Default `DEFAULT_GRAPH_API_VERSION`. */
  readonly apiVersion?: string | undefined;
  /** Base URL. Default `https://graph.facebook.com`; tests point it at a local stand-in. */
  readonly baseUrl?: string | undefined;
  /** Sends the requests. Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch | undefined;
  /** Gives up on a request after this many milliseconds. Default 30 000. */
  readonly timeout?: number | undefined;
  /**
   * More values to keep out of error messages, e.g. the verify token. The tokens above, the app secret
   * inside the app access token, and every verify token a call sends are redacted anyway.
   */
  readonly redact?: readonly string[] | undefined;
}

/** The webhook-management endpoints. Every method rejects with `GraphApiError` or `SetupError`. */
export interface GraphClient {
  /** `GET /{app-id}/subscriptions`: the app's WhatsApp Business Account subscription, or `undefined`. */
  getAppSubscription(appId: string): Promise<AppSubscription | undefined>;
  /** `POST /{app-id}/subscriptions`: sets the app's callback URL and subscribes `fields` (Meta verifies the URL first). */
  subscribeApp(
    appId: string,
    subscription: { readonly callbackUrl: string; readonly verifyToken: string; readonly fields: readonly string[] },
  ): Promise<void>;
  /** `DELETE /{app-id}/subscriptions`: removes `fields`, or the whole WhatsApp subscription when `fields` is omitted. */
  unsubscribeApp(appId: string, fields?: readonly string[]): Promise<void>;
  /** `GET /{waba-id}/subscribed_apps`. */
  getSubscribedApps(wabaId: string): Promise<readonly SubscribedApp[]>;
  /**
   * `POST /{waba-id}/subscribed_apps`: subscribes the token's app to the WABA. With `override`, also sets
   * the WABA's alternate callback URL (Meta verifies it first); without, clears it.
   */
  subscribeWaba(
    wabaId: string,
    override?: { readonly callbackUrl: string; readonly verifyToken: string },
  ): Promise<void>;
  /** `DELETE /{waba-id}/subscribed_apps`: unsubscribes the token's app from the WABA. */
  unsubscribeWaba(wabaId: string): Promise<void>;
  /** `GET /{phone-number-id}?fields=webhook_configuration`: the callback URL of each level. */
  getPhoneNumberWebhooks(phoneNumberId: string): Promise<WebhookConfiguration>;
  /** `POST /{phone-number-id}` with `webhook_configuration`: sets the phone number's alternate callback URL. */
  setPhoneNumberOverride(
    phoneNumberId: string,
    override: { readonly callbackUrl: string; readonly verifyToken: string },
  ): Promise<void>;
  /** `POST /{phone-number-id}` with an empty `override_callback_uri`: removes the phone number's alternate callback URL. */
  clearPhoneNumberOverride(phoneNumberId: string): Promise<void>;
}

/** The app access token `{app-id}|{app-secret}` that app subscriptions need. Never print it. */
export function appAccessToken(appId: string, appSecret: string): string {
  return `${appId}|${appSecret}`;
}

interface Call<T extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  /** Which token the endpoint takes. */
  readonly auth: GraphEndpointKind;
  readonly schema: T;
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as application/x-www-form-urlencoded (app subscriptions, as in "Subscriptions Edge"). */
  readonly form?: Readonly<Record<string, string>>;
  /** Sent as JSON (WhatsApp endpoints, as in "Webhook overrides"). */
  readonly json?: unknown;
}

const ID = /^[0-9A-Za-z_-]+$/;

function checkId(name: string, id: string): string {
  if (typeof id !== 'string' || !ID.test(id))
    throw new SetupError('INVALID_OPTIONS', `${name} must be a Graph id (digits), not ${JSON.stringify(id)}.`);
  return id;
}

/** The verify tokens a call sends (app subscriptions, WABA and phone-number overrides). */
function verifyTokensOf(request: Call<z.ZodType>): string[] {
  const json = request.json as
    { verify_token?: unknown; webhook_configuration?: { verify_token?: unknown } } | undefined;
  return [request.form?.verify_token, json?.verify_token, json?.webhook_configuration?.verify_token].filter(
    (value): value is string => typeof value === 'string',
  );
}

/** Every text field of a Graph error, redacted: the message, the type, fbtrace_id. */
function redactFields(error: GraphErrorFields, redact: (text: string) => string): GraphErrorFields {
  return {
    ...error,
    message: redact(error.message),
    ...(error.type === undefined ? {} : { type: redact(error.type) }),
    ...(error.fbtrace_id === undefined ? {} : { fbtrace_id: redact(error.fbtrace_id) }),
  };
}

/** Sends one Graph call with the right token and turns every failure into `GraphApiError` or `SetupError`. */
type Caller = <T extends z.ZodType>(request: Call<T>) => Promise<z.infer<T>>;

/** The settings checked once, and the function that sends calls with them. */
function caller(options: GraphClientOptions): Caller {
  const apiVersion = options.apiVersion ?? DEFAULT_GRAPH_API_VERSION;
  if (!/^v\d+\.\d+$/.test(apiVersion))
    throw new SetupError('INVALID_OPTIONS', `apiVersion must look like "v25.0", not ${JSON.stringify(apiVersion)}.`);
  let base: URL;
  try {
    base = new URL(options.baseUrl ?? DEFAULT_GRAPH_URL);
  } catch {
    throw new SetupError(
      'INVALID_OPTIONS',
      `baseUrl must be an absolute URL such as ${DEFAULT_GRAPH_URL}, not ${JSON.stringify(options.baseUrl)}.`,
    );
  }
  const send = options.fetch ?? globalThis.fetch;
  const timeout = options.timeout ?? 30_000;
  const tokens = { user: options.accessToken, app: options.appAccessToken };
  const secrets = [tokens.user, tokens.app, tokens.app?.split('|')[1], ...(options.redact ?? [])];

  return async <T extends z.ZodType>(request: Call<T>): Promise<z.infer<T>> => {
    // Graph may echo what it was sent: the verify token of this call is as secret as the tokens.
    const redact = createRedactor([...secrets, ...verifyTokensOf(request)]);
    const token = tokens[request.auth];
    if (token === undefined || token === '') {
      throw new SetupError(
        'MISSING_TOKEN',
        request.auth === 'app'
          ? `${request.method} ${request.path} needs an app access token: pass the app secret (WHATSAPP_APP_SECRET) so that {app-id}|{app-secret} can be built.`
          : `${request.method} ${request.path} needs an access token with whatsapp_business_management: set WHATSAPP_ACCESS_TOKEN (a system user token).`,
      );
    }
    const url = new URL(`${base.pathname.replace(/\/$/, '')}/${apiVersion}${request.path}`, base);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    let body: string | undefined;
    if (request.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    } else if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    const label = `${request.method} ${request.path}`;
    let response: Response;
    try {
      response = await send(url, {
        method: request.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new SetupError(
        'GRAPH_UNREACHABLE',
        `Could not reach the Graph API at ${url.origin} for ${label} (${cause}). Check the network, or --graph-url.`,
        { cause: error },
      );
    }
    return readAnswer(response, request, label, redact);
  };
}

/** Reads a Graph answer: the data of `request.schema`, or `GraphApiError` / `SetupError`, redacted. */
async function readAnswer<T extends z.ZodType>(
  response: Response,
  request: Call<T>,
  label: string,
  redact: (text: string) => string,
): Promise<z.infer<T>> {
  const text = await response.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new SetupError(
      'GRAPH_INVALID_RESPONSE',
      `${label} answered ${response.status} with a body that is not JSON: ${redact(text).slice(0, 200)}`,
    );
  }
  const failure = graphErrorResponseSchema.safeParse(data);
  if (failure.success) {
    const { error } = failure.data;
    throw new GraphApiError(redactFields(error, redact), {
      status: response.status,
      request: label,
      endpoint: request.auth,
    });
  }
  const parsed = request.schema.safeParse(data);
  if (!response.ok || !parsed.success) {
    throw new SetupError(
      'GRAPH_INVALID_RESPONSE',
      `${label} answered ${response.status} with an unexpected body: ${redact(text).slice(0, 200)}`,
    );
  }
  return parsed.data;
}

/**
 * Creates a client for the webhook-management endpoints.
 *
 * @example
 * ```ts
 * const graph = createGraphClient({
 *   accessToken: process.env.WHATSAPP_ACCESS_TOKEN,
 *   appAccessToken: appAccessToken(appId, process.env.WHATSAPP_APP_SECRET!),
 * });
 * const subscription = await graph.getAppSubscription(appId);
 * ```
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const call = caller(options);
  const app = (appId: string) => `/${checkId('appId', appId)}/subscriptions`;
  const waba = (wabaId: string) => `/${checkId('wabaId', wabaId)}/subscribed_apps`;
  const phone = (phoneNumberId: string) => `/${checkId('phoneNumberId', phoneNumberId)}`;

  return {
    async getAppSubscription(appId) {
      const schema = appSubscriptionsResponseSchema;
      const { data } = await call({ method: 'GET', path: app(appId), auth: 'app', schema });
      return data.find((subscription) => subscription.object === WHATSAPP_OBJECT);
    },
    async subscribeApp(appId, subscription) {
      await call({
        method: 'POST',
        path: app(appId),
        auth: 'app',
        schema: successResponseSchema,
        form: {
          object: WHATSAPP_OBJECT,
          callback_url: subscription.callbackUrl,
          verify_token: subscription.verifyToken,
          fields: subscription.fields.join(','),
        },
      });
    },
    async unsubscribeApp(appId, fields) {
      const form = { object: WHATSAPP_OBJECT, ...(fields === undefined ? {} : { fields: fields.join(',') }) };
      await call({ method: 'DELETE', path: app(appId), auth: 'app', schema: successResponseSchema, form });
    },
    async getSubscribedApps(wabaId) {
      return (await call({ method: 'GET', path: waba(wabaId), auth: 'user', schema: subscribedAppsResponseSchema }))
        .data;
    },
    async subscribeWaba(wabaId, override) {
      const json =
        override === undefined
          ? undefined
          : { override_callback_uri: override.callbackUrl, verify_token: override.verifyToken };
      await call({
        method: 'POST',
        path: waba(wabaId),
        auth: 'user',
        schema: successResponseSchema,
        ...(json === undefined ? {} : { json }),
      });
    },
    async unsubscribeWaba(wabaId) {
      await call({ method: 'DELETE', path: waba(wabaId), auth: 'user', schema: successResponseSchema });
    },
    async getPhoneNumberWebhooks(phoneNumberId) {
      const answer = await call({
        method: 'GET',
        path: phone(phoneNumberId),
        auth: 'user',
        schema: phoneNumberWebhookResponseSchema,
        query: { fields: 'webhook_configuration' },
      });
      return answer.webhook_configuration ?? {};
    },
    async setPhoneNumberOverride(phoneNumberId, override) {
      const json = {
        webhook_configuration: { override_callback_uri: override.callbackUrl, verify_token: override.verifyToken },
      };
      await call({ method: 'POST', path: phone(phoneNumberId), auth: 'user', schema: successResponseSchema, json });
    },
    async clearPhoneNumberOverride(phoneNumberId) {
      await call({
        method: 'POST',
        path: phone(phoneNumberId),
        auth: 'user',
        schema: successResponseSchema,
        json: { webhook_configuration: { override_callback_uri: '' } },
      });
    },
  };
}
