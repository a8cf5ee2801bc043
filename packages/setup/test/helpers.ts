/**
 * Test helpers: the Graph API stand-in of test-kit (imported by path: test-kit depends on
 * @wa-webhooks/testing, which depends on this package, so a package dependency would be a cycle), and
 * a callback server that answers Meta's verification handshake like core does.
 */
import { createServer } from 'node:http';
import { onTestFinished } from 'vitest';
import { listen } from '../../test-kit/src/http';
import { startGraphStandIn, type GraphStandIn } from '../../test-kit/src/graph-stand-in';
import { appAccessToken, createGraphClient, type GraphClient } from '../src/index';

export const APP_ID = '1234567890';
export const APP_SECRET = 'stand-in-app-secret';
export const WABA_ID = '102290129340398';
export const PHONE_ID = '106540352242922';
export const TOKEN = 'EAAstand-in-system-user-token';
export const NO_PERMISSION_TOKEN = 'EAAstand-in-no-permission-token';
export const EXPIRED_TOKEN = 'EAAstand-in-expired-token';
export const VERIFY_TOKEN = 'setup-verify-token';

/** A stand-in with one app, one WABA with one phone number, and three tokens; closed after the test. */
export async function standIn(): Promise<GraphStandIn> {
  const graph = await startGraphStandIn({
    apps: [{ id: APP_ID, secret: APP_SECRET, name: 'Lucky Shrub' }],
    wabas: [{ id: WABA_ID, phoneNumberIds: [PHONE_ID] }],
    tokens: [
      {
        token: TOKEN,
        kind: 'system-user',
        appId: APP_ID,
        scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'],
      },
      { token: NO_PERMISSION_TOKEN, kind: 'user', appId: APP_ID, scopes: ['whatsapp_business_messaging'] },
      { token: EXPIRED_TOKEN, kind: 'user', appId: APP_ID, scopes: ['whatsapp_business_management'], expired: true },
    ],
  });
  onTestFinished(() => graph.close());
  return graph;
}

/** A client of `graph` with both tokens. */
export function client(graph: GraphStandIn, accessToken = TOKEN): GraphClient {
  return createGraphClient({ accessToken, appAccessToken: appAccessToken(APP_ID, APP_SECRET), baseUrl: graph.url });
}

/** A server that answers the handshake with `token` on any path; `url(path)` builds its callback URLs. Closed after the test. */
export async function callbackServer(token = VERIFY_TOKEN): Promise<{ url: (path?: string) => string }> {
  const server = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    if (query.get('hub.mode') === 'subscribe' && query.get('hub.verify_token') === token)
      res.writeHead(200, { 'content-type': 'text/plain' }).end(query.get('hub.challenge'));
    else res.writeHead(403).end('{"error":{"code":"VERIFY_TOKEN_MISMATCH"}}');
  });
  const running = await listen(server);
  onTestFinished(() => running.close());
  return { url: (path = '/webhook') => `${running.origin}${path}` };
}
