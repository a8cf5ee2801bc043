/**
 * The Graph API stand-in's state and endpoints: token checks, `/{app-id}/subscriptions`,
 * `/{waba-id}/subscribed_apps` and `/{phone-number-id}`, answered the way the Graph API answers them
 * (see `graph-stand-in.ts` for the sources).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppSubscription, GraphRequestRecord, GraphStandInOptions, StandInToken } from './graph-stand-in';

export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly type = 'OAuthException',
    readonly subcode?: number,
  ) {
    super(message);
  }
}

export const fbtraceId = () => randomBytes(8).toString('base64url').slice(0, 11);
/** Graph's answer for a required parameter that is missing. */
export const missing = (name: string) => new GraphFailure(400, 100, `(#100) The parameter ${name} is required`);
/** Graph's answer for an object that does not exist (or that the token may not see). */
export const noObject = (id: string, method: string) =>
  new GraphFailure(
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    'GraphMethodException',
    33,
  );

export async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (text === '') return params;
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      return { ...params, ...(JSON.parse(text) as Record<string, unknown>) };
    } catch {
      throw new GraphFailure(400, 100, '(#100) The request body is not valid JSON');
    }
  }
  return { ...params, ...Object.fromEntries(new URLSearchParams(text)) };
}

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

function checkCallbackUrl(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw missing(name);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GraphFailure(400, 100, `(#100) ${name} URL is not properly formatted`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    throw new GraphFailure(400, 100, `(#100) ${name} must be a valid https URL`);
  }
  return value;
}

/** Meta's check before it accepts a callback URL: GET it with hub.* and expect 200 + the challenge. */
async function verifyCallback(callbackUrl: string, verifyToken: string): Promise<string | undefined> {
  const url = new URL(callbackUrl);
  const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', verifyToken);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'manual' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return cause === 'ECONNREFUSED'
      ? 'curl_errno = 7; curl_error = Failed to connect to host; HTTP Status Code = 0'
      : 'curl_errno = 28; curl_error = Operation timed out; HTTP Status Code = 0';
  }
  const body = await response.text();
  if (response.status !== 200) return `HTTP Status Code = ${response.status}; HTTP Message = ${response.statusText}`;
  if (body !== challenge) return 'HTTP Status Code = 200; HTTP Message = OK; the response does not match the challenge';
  return undefined;
}

/** Who called: an app access token, or a user / system user token. */
export type Caller = { kind: 'app'; appId: string } | { kind: 'user'; token: StandInToken };

/** The stand-in's data, and one method per endpoint. */
export class StandInState {
  readonly apps: Map<string, GraphStandInOptions['apps'][number]>;
  readonly tokens: Map<string, StandInToken>;
  readonly phoneWaba: Map<string, string>;
  readonly requests: GraphRequestRecord[] = [];
  readonly verifications: { url: string; verified: boolean }[] = [];
  readonly appSubscriptions = new Map<string, AppSubscription>();
  readonly wabaApps: Map<string, Map<string, string>>;
  readonly phoneOverrides = new Map<string, string>();

  constructor(options: GraphStandInOptions) {
    this.apps = new Map(options.apps.map((app) => [app.id, app]));
    this.tokens = new Map(options.tokens.map((token) => [token.token, token]));
    this.phoneWaba = new Map(
      options.wabas.flatMap((waba) => waba.phoneNumberIds.map((phone) => [phone, waba.id] as const)),
    );
    this.wabaApps = new Map(options.wabas.map((waba) => [waba.id, new Map()]));
  }

  authenticate(
    req: IncomingMessage,
    params: Record<string, unknown>,
    record: { token: GraphRequestRecord['token'] },
  ): Caller {
    const header = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = header ?? (typeof params.access_token === 'string' ? params.access_token : undefined);
    if (token === undefined) {
      record.token = 'none';
      throw new GraphFailure(400, 104, 'An access token is required to request this resource.');
    }
    const [appId, secret, ...rest] = token.split('|');
    if (secret !== undefined && rest.length === 0) {
      const expected = this.apps.get(appId!)?.secret;
      const digest = (text: string) => createHash('sha256').update(text).digest();
      if (expected === undefined || !timingSafeEqual(digest(expected), digest(secret))) {
        record.token = 'invalid';
        throw new GraphFailure(400, 190, 'Invalid OAuth access token signature.');
      }
      record.token = 'app';
      return { kind: 'app', appId: appId! };
    }
    const known = this.tokens.get(token);
    if (known === undefined) {
      record.token = 'invalid';
      throw new GraphFailure(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    }
    if (known.expired === true) {
      record.token = 'expired';
      throw new GraphFailure(
        400,
        190,
        'Error validating access token: Session has expired on Tuesday, 01-Jul-25 10:00:00 PDT. The current time is Wednesday, 02-Jul-25 09:00:00 PDT.',
        'OAuthException',
        463,
      );
    }
    record.token = known.kind;
    return { kind: 'user', token: known };
  }

  requireManagement(caller: Caller): StandInToken {
    if (caller.kind !== 'user' || !caller.token.scopes.includes('whatsapp_business_management')) {
      throw new GraphFailure(403, 200, '(#200) Permissions error');
    }
    return caller.token;
  }

  async verified(callbackUrl: string, verifyToken: string): Promise<void> {
    const failure = await verifyCallback(callbackUrl, verifyToken);
    this.verifications.push({ url: callbackUrl, verified: failure === undefined });
    if (failure !== undefined)
      throw new GraphFailure(400, 2200, `(#2200) Callback verification failed with the following errors: ${failure}`);
  }

  async appEdge(
    method: string,
    appId: string,
    caller: Caller,
    params: Record<string, unknown>,
    version: string,
  ): Promise<unknown> {
    if (!this.apps.has(appId)) throw noObject(appId, method);
    // "/{app-id}/subscriptions": "Requires an app access token".
    if (caller.kind !== 'app')
      throw new GraphFailure(400, 15, '(#15) This method must be called with an app access_token.');
    // secret-compare-ok: the app id half of an app access token is public (it is in every URL).
    if (caller.appId !== appId) throw noObject(appId, method);
    if (method === 'GET')
      return { data: [...(this.appSubscriptions.has(appId) ? [this.appSubscriptions.get(appId)!] : [])] };
    const object = params.object;
    if (typeof object !== 'string' || object === '') throw missing('object');
    if (object !== 'whatsapp_business_account')
      throw new GraphFailure(
        400,
        100,
        `(#100) Param object must be one of {user, page, permissions, payments, whatsapp_business_account, …} - got "${object}"`,
      );
    const fields =
      typeof params.fields === 'string'
        ? params.fields
            .split(',')
            .map((field) => field.trim())
            .filter(Boolean)
        : Array.isArray(params.fields)
          ? (params.fields as string[])
          : undefined;
    const bad = (fields ?? []).find((field) => !/^[a-z][a-z0-9_]*$/.test(field));
    if (bad !== undefined) throw new GraphFailure(400, 100, `(#100) Invalid field name: ${bad}`);
    if (method === 'DELETE') {
      const current = this.appSubscriptions.get(appId);
      if (current !== undefined && fields !== undefined)
        current.fields = current.fields.filter((field) => !fields.includes(field.name));
      if (current !== undefined && (fields === undefined || current.fields.length === 0))
        this.appSubscriptions.delete(appId);
      return { success: true };
    }
    if (method !== 'POST') throw noObject(appId, method);
    const callbackUrl = checkCallbackUrl('callback_url', params.callback_url);
    if (typeof params.verify_token !== 'string' || params.verify_token === '') throw missing('verify_token');
    if (fields === undefined || fields.length === 0) throw missing('fields');
    await this.verified(callbackUrl, params.verify_token);
    const existing = this.appSubscriptions.get(appId)?.fields ?? [];
    const names = [...new Set([...existing.map((field) => field.name), ...fields])];
    this.appSubscriptions.set(appId, {
      object,
      callback_url: callbackUrl,
      active: true,
      fields: names.map((name) => ({ name, version: version })),
    });
    return { success: true };
  }

  async wabaEdge(method: string, wabaId: string, caller: Caller, params: Record<string, unknown>): Promise<unknown> {
    const subscribed = this.wabaApps.get(wabaId);
    if (subscribed === undefined) throw noObject(wabaId, method);
    const token = this.requireManagement(caller);
    if (method === 'GET') {
      return {
        data: [...subscribed].map(([appId, override]) => ({
          whatsapp_business_api_data: {
            link: `https://www.facebook.com/games/?app_id=${appId}`,
            name: this.apps.get(appId)?.name ?? 'Test app',
            id: appId,
          },
          ...(override === '' ? {} : { override_callback_uri: override }),
        })),
      };
    }
    if (method === 'DELETE') {
      subscribed.delete(token.appId);
      return { success: true };
    }
    if (method !== 'POST') throw noObject(wabaId, method);
    let override = '';
    if (params.override_callback_uri !== undefined) {
      override = checkCallbackUrl('override_callback_uri', params.override_callback_uri);
      // "Webhook overrides": "Maximum 200 characters."
      if (override.length > 200)
        throw new GraphFailure(400, 100, '(#100) override_callback_uri must be at most 200 characters long');
      if (typeof params.verify_token !== 'string' || params.verify_token === '') throw missing('verify_token');
      await this.verified(override, params.verify_token);
    }
    subscribed.set(token.appId, override);
    return { success: true };
  }

  async phoneNode(method: string, phoneId: string, caller: Caller, params: Record<string, unknown>): Promise<unknown> {
    const wabaId = this.phoneWaba.get(phoneId);
    if (wabaId === undefined) throw noObject(phoneId, method);
    const token = this.requireManagement(caller);
    const key = `${token.appId}/${phoneId}`;
    if (method === 'GET') {
      if (params.fields !== 'webhook_configuration') return { id: phoneId };
      const wabaOverride = this.wabaApps.get(wabaId)!.get(token.appId) || undefined;
      const application = this.appSubscriptions.get(token.appId)?.callback_url;
      const configuration = {
        ...(this.phoneOverrides.has(key) ? { phone_number: this.phoneOverrides.get(key) } : {}),
        ...(wabaOverride === undefined ? {} : { whatsapp_business_account: wabaOverride }),
        ...(application === undefined ? {} : { application }),
      };
      return { webhook_configuration: configuration, id: phoneId };
    }
    if (method !== 'POST') throw noObject(phoneId, method);
    const configuration = params.webhook_configuration;
    if (typeof configuration !== 'object' || configuration === null) throw missing('webhook_configuration');
    const { override_callback_uri: uri, verify_token: verifyToken } = configuration as Record<string, unknown>;
    if (uri === '') {
      this.phoneOverrides.delete(key);
      return { success: true };
    }
    const override = checkCallbackUrl('override_callback_uri', uri);
    if (typeof verifyToken !== 'string' || verifyToken === '') throw missing('verify_token');
    await this.verified(override, verifyToken);
    this.phoneOverrides.set(key, override);
    return { success: true };
  }
}
