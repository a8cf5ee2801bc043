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
import { createServer, type ServerResponse } from 'node:http';
import { createEncryptionEdge } from './graph-encryption';
import { fbtraceId, GraphFailure, missing, noObject, readParams, StandInState } from './graph-stand-in-edges';
import { listen } from './http';

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

/** One app subscription as the stand-in keeps it. */
export interface AppSubscription {
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

/** Starts the stand-in. */
export async function startGraphStandIn(options: GraphStandInOptions): Promise<GraphStandIn> {
  const state = new StandInState(options);
  const encryption = createEncryptionEdge({ phoneWaba: state.phoneWaba, Failure: GraphFailure, noObject, missing });
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
        const caller = state.authenticate(req, params, record);
        const body =
          edge === 'subscriptions'
            ? await state.appEdge(method, id, caller, params, version)
            : edge === 'subscribed_apps'
              ? await state.wabaEdge(method, id, caller, params)
              : edge === 'whatsapp_business_encryption'
                ? encryption.handle(method, id, caller, params)
                : edge === undefined
                  ? await state.phoneNode(method, id, caller, params)
                  : (() => {
                      throw new GraphFailure(400, 100, `(#100) Unknown edge ${edge}`);
                    })();
        state.requests.push({ method, path, token: record.token, status: 200 });
        answer(res, 200, body);
      } catch (error) {
        const failure =
          error instanceof GraphFailure
            ? error
            : new GraphFailure(500, 1, 'An unknown error occurred', 'OAuthException');
        state.requests.push({ method, path, token: record.token, status: failure.status, errorCode: failure.code });
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
    requests: state.requests,
    verifications: state.verifications,
    writes: () => state.requests.filter((request) => request.method !== 'GET'),
    appSubscriptions: state.appSubscriptions,
    wabaApps: state.wabaApps,
    phoneOverrides: state.phoneOverrides,
    businessPublicKeys: encryption.keys,
    close: () => (closing ??= running.close()),
  };
}
