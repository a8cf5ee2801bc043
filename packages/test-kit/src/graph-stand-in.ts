/**
 * A stand-in for the Graph API's webhook-management endpoints, so that no test reaches Meta. A real
 * HTTP server on 127.0.0.1 port 0 that keeps state (apps, WABAs, phone numbers, tokens), validates
 * parameters and tokens, answers Meta's error shape (`{"error":{"message","type","code","error_subcode",
 * "fbtrace_id"}}`, Graph API guide "Handling Errors"), and, like Meta, runs the GET verification
 * handshake against a callback URL before it accepts it ("Webhook overrides": the alternate callback
 * is verified with its verify token; "/{app-id}/subscriptions": the callback_url gets a verification
 * request with verify_token).
 *
 * Where Meta's docs are silent the stand-in picks the answers users report: code 15 for a user token
 * on app subscriptions, 200 "(#200) Permissions error" without whatsapp_business_management, and
 * 2200 "(#2200) Callback verification failed with the following errors: …" for a failed handshake.
 * Meta refuses http:// callback URLs; the stand-in accepts them on loopback (127.0.0.1, localhost),
 * because the example apps in the tests listen there, and refuses them elsewhere.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from './http';
import { createEncryptionEdge } from './graph-encryption';

/** A user or system-user access token known to the stand-in. */
export interface StandInToken {
  readonly token: string;
  readonly kind: 'user' | 'system-user';
  /** The app the token was issued for: `subscribed_apps` subscribes this app. */
  readonly appId: string;
  /** Granted permissions, e.g. `['whatsapp_business_management']`. */
  readonly scopes: readonly string[];
  /** An expired token: every call answers 190 / 463. */
  readonly expired?: boolean;
}

/** The world the stand-in starts with. */
export interface GraphStandInOptions {
  readonly apps: readonly { readonly id: string; readonly secret: string; readonly name?: string }[];
  readonly wabas: readonly { readonly id: string; readonly phoneNumberIds: readonly string[] }[];
  readonly tokens: readonly StandInToken[];
}

/** One request the stand-in answered. */
export interface GraphRequestRecord {
  readonly method: string;
  /** The path without the version, e.g. `/1234/subscriptions`. */
  readonly path: string;
  /** Which token came with it. */
  readonly token: 'app' | 'user' | 'system-user' | 'expired' | 'invalid' | 'none';
  readonly status: number;
  /** Graph's error code, when it answered an error. */
  readonly errorCode?: number;
}

interface AppSubscription {
  object: string;
  callback_url: string;
  active: boolean;
  fields: { name: string; version: string }[];
}

/** The running stand-in. */
export interface GraphStandIn {
  /** Its base URL (`http://127.0.0.1:<port>`): pass it as `baseUrl` / `--graph-url`. */
  readonly url: string;
  /** Every request, in order. */
  readonly requests: GraphRequestRecord[];
  /** Every verification handshake it ran: the callback URL (without query) and whether it passed. */
  readonly verifications: { readonly url: string; readonly verified: boolean }[];
  /** The requests that would change something (not GET). */
  writes(): GraphRequestRecord[];
  /** The app subscriptions, by app id. */
  readonly appSubscriptions: Map<string, AppSubscription>;
  /** Per WABA, the subscribed apps and their override (`''` = none). */
  readonly wabaApps: Map<string, Map<string, string>>;
  /** Phone-number overrides, per app: `${appId}/${phoneNumberId}` → URL. */
  readonly phoneOverrides: Map<string, string>;
  /** Business public keys (`whatsapp_business_encryption`): phone number id → PEM. */
  readonly businessPublicKeys: Map<string, string>;
  /** Stops the server (again is a no-op). */
  close(): Promise<void>;
}

class GraphFailure extends Error {
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

const fbtraceId = () => randomBytes(8).toString('base64url').slice(0, 11);
const missing = (name: string) => new GraphFailure(400, 100, `(#100) The parameter ${name} is required`);
const noObject = (id: string, method: string) =>
  new GraphFailure(
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    'GraphMethodException',
    33,
  );

async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
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

/** Starts the stand-in. */
export async function startGraphStandIn(options: GraphStandInOptions): Promise<GraphStandIn> {
  const apps = new Map(options.apps.map((app) => [app.id, app]));
  const tokens = new Map(options.tokens.map((token) => [token.token, token]));
  const phoneWaba = new Map(
    options.wabas.flatMap((waba) => waba.phoneNumberIds.map((phone) => [phone, waba.id] as const)),
  );
  const requests: GraphRequestRecord[] = [];
  const verifications: { url: string; verified: boolean }[] = [];
  const appSubscriptions = new Map<string, AppSubscription>();
  const wabaApps = new Map<string, Map<string, string>>(options.wabas.map((waba) => [waba.id, new Map()]));
  const phoneOverrides = new Map<string, string>();
  const encryption = createEncryptionEdge({ phoneWaba, Failure: GraphFailure, noObject, missing });

  type Caller = { kind: 'app'; appId: string } | { kind: 'user'; token: StandInToken };

  const authenticate = (
    req: IncomingMessage,
    params: Record<string, unknown>,
    record: { token: GraphRequestRecord['token'] },
  ): Caller => {
    const header = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = header ?? (typeof params.access_token === 'string' ? params.access_token : undefined);
    if (token === undefined) {
      record.token = 'none';
      throw new GraphFailure(400, 104, 'An access token is required to request this resource.');
    }
    const [appId, secret, ...rest] = token.split('|');
    if (secret !== undefined && rest.length === 0) {
      const expected = apps.get(appId!)?.secret;
      const digest = (text: string) => createHash('sha256').update(text).digest();
      if (expected === undefined || !timingSafeEqual(digest(expected), digest(secret))) {
        record.token = 'invalid';
        throw new GraphFailure(400, 190, 'Invalid OAuth access token signature.');
      }
      record.token = 'app';
      return { kind: 'app', appId: appId! };
    }
    const known = tokens.get(token);
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
  };

  const requireManagement = (caller: Caller): StandInToken => {
    if (caller.kind !== 'user' || !caller.token.scopes.includes('whatsapp_business_management')) {
      throw new GraphFailure(403, 200, '(#200) Permissions error');
    }
    return caller.token;
  };

  const verified = async (callbackUrl: string, verifyToken: string): Promise<void> => {
    const failure = await verifyCallback(callbackUrl, verifyToken);
    verifications.push({ url: callbackUrl, verified: failure === undefined });
    if (failure !== undefined)
      throw new GraphFailure(400, 2200, `(#2200) Callback verification failed with the following errors: ${failure}`);
  };

  const appEdge = async (
    method: string,
    appId: string,
    caller: Caller,
    params: Record<string, unknown>,
    version: string,
  ): Promise<unknown> => {
    if (!apps.has(appId)) throw noObject(appId, method);
    // "/{app-id}/subscriptions": "Requires an app access token".
    if (caller.kind !== 'app')
      throw new GraphFailure(400, 15, '(#15) This method must be called with an app access_token.');
    // secret-compare-ok: the app id half of an app access token is public (it is in every URL).
    if (caller.appId !== appId) throw noObject(appId, method);
    if (method === 'GET') return { data: [...(appSubscriptions.has(appId) ? [appSubscriptions.get(appId)!] : [])] };
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
      const current = appSubscriptions.get(appId);
      if (current !== undefined && fields !== undefined)
        current.fields = current.fields.filter((field) => !fields.includes(field.name));
      if (current !== undefined && (fields === undefined || current.fields.length === 0))
        appSubscriptions.delete(appId);
      return { success: true };
    }
    if (method !== 'POST') throw noObject(appId, method);
    const callbackUrl = checkCallbackUrl('callback_url', params.callback_url);
    if (typeof params.verify_token !== 'string' || params.verify_token === '') throw missing('verify_token');
    if (fields === undefined || fields.length === 0) throw missing('fields');
    await verified(callbackUrl, params.verify_token);
    const existing = appSubscriptions.get(appId)?.fields ?? [];
    const names = [...new Set([...existing.map((field) => field.name), ...fields])];
    appSubscriptions.set(appId, {
      object,
      callback_url: callbackUrl,
      active: true,
      fields: names.map((name) => ({ name, version: version })),
    });
    return { success: true };
  };

  const wabaEdge = async (
    method: string,
    wabaId: string,
    caller: Caller,
    params: Record<string, unknown>,
  ): Promise<unknown> => {
    const subscribed = wabaApps.get(wabaId);
    if (subscribed === undefined) throw noObject(wabaId, method);
    const token = requireManagement(caller);
    if (method === 'GET') {
      return {
        data: [...subscribed].map(([appId, override]) => ({
          whatsapp_business_api_data: {
            link: `https://www.facebook.com/games/?app_id=${appId}`,
            name: apps.get(appId)?.name ?? 'Test app',
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
      await verified(override, params.verify_token);
    }
    subscribed.set(token.appId, override);
    return { success: true };
  };

  const phoneNode = async (
    method: string,
    phoneId: string,
    caller: Caller,
    params: Record<string, unknown>,
  ): Promise<unknown> => {
    const wabaId = phoneWaba.get(phoneId);
    if (wabaId === undefined) throw noObject(phoneId, method);
    const token = requireManagement(caller);
    const key = `${token.appId}/${phoneId}`;
    if (method === 'GET') {
      if (params.fields !== 'webhook_configuration') return { id: phoneId };
      const wabaOverride = wabaApps.get(wabaId)!.get(token.appId) || undefined;
      const application = appSubscriptions.get(token.appId)?.callback_url;
      const configuration = {
        ...(phoneOverrides.has(key) ? { phone_number: phoneOverrides.get(key) } : {}),
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
      phoneOverrides.delete(key);
      return { success: true };
    }
    const override = checkCallbackUrl('override_callback_uri', uri);
    if (typeof verifyToken !== 'string' || verifyToken === '') throw missing('verify_token');
    await verified(override, verifyToken);
    phoneOverrides.set(key, override);
    return { success: true };
  };

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const match = /^\/(v\d+\.\d+)\/([^/]+)(?:\/([^/]+))?\/?$/.exec(url.pathname);
    const path = match === null ? url.pathname : `/${match[2]}${match[3] === undefined ? '' : `/${match[3]}`}`;
    const record: { token: GraphRequestRecord['token'] } = { token: 'none' };
    void (async () => {
      try {
        if (match === null) throw new GraphFailure(400, 2500, 'Unknown path components: ' + url.pathname);
        const [, version, id, edge] = match as unknown as [string, string, string, string | undefined];
        const params = await readParams(req, url);
        const caller = authenticate(req, params, record);
        const body =
          edge === 'subscriptions'
            ? await appEdge(method, id, caller, params, version)
            : edge === 'subscribed_apps'
              ? await wabaEdge(method, id, caller, params)
              : edge === 'whatsapp_business_encryption'
                ? encryption.handle(method, id, caller, params)
                : edge === undefined
                  ? await phoneNode(method, id, caller, params)
                  : (() => {
                      throw new GraphFailure(400, 100, `(#100) Unknown edge ${edge}`);
                    })();
        requests.push({ method, path, token: record.token, status: 200 });
        answer(res, 200, body);
      } catch (error) {
        const failure =
          error instanceof GraphFailure
            ? error
            : new GraphFailure(500, 1, 'An unknown error occurred', 'OAuthException');
        requests.push({ method, path, token: record.token, status: failure.status, errorCode: failure.code });
        answer(res, failure.status, {
          error: {
            message: failure.message,
            type: failure.type,
            code: failure.code,
            ...(failure.subcode === undefined ? {} : { error_subcode: failure.subcode }),
            fbtrace_id: fbtraceId(),
          },
        });
      }
    })();
  });
  const running = await listen(server);
  let closing: Promise<void> | undefined;
  return {
    url: running.origin,
    requests,
    verifications,
    writes: () => requests.filter((request) => request.method !== 'GET'),
    appSubscriptions,
    wabaApps,
    phoneOverrides,
    businessPublicKeys: encryption.keys,
    close: () => (closing ??= running.close()),
  };
}
