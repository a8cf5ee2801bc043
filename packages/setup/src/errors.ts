/**
 * Errors of `@wa-webhooks/setup`: `GraphApiError` for an error answered by the Graph API (with Meta's
 * `code`, `error_subcode`, `type` and `fbtrace_id`, and a `hint` that says how to fix the known
 * causes), and `SetupError` for everything that did not get that far (no token, Graph unreachable, an
 * answer of an unexpected shape, invalid options). Messages never contain a token or a secret.
 */

/** What went wrong before or around a Graph answer. */
export type SetupErrorCode = 'INVALID_OPTIONS' | 'MISSING_TOKEN' | 'GRAPH_UNREACHABLE' | 'GRAPH_INVALID_RESPONSE';

/** An error of this package that is not an answer from the Graph API. */
export class SetupError extends Error {
  /** Which failure this is. */
  readonly code: SetupErrorCode;

  constructor(code: SetupErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SetupError';
    this.code = code;
  }
}

/** The `error` object of a Graph API error answer. */
export interface GraphErrorFields {
  readonly message: string;
  readonly type?: string | undefined;
  readonly code: number;
  readonly error_subcode?: number | undefined;
  readonly fbtrace_id?: string | undefined;
}

// The causes users meet when they set up webhooks from code, and their fix. Codes from Meta's Graph API
// guide "Handling Errors" (190 = access token expired or invalid, subcode 463 = expired session,
// 10 and 200-299 = permission not granted or removed, 100 = invalid parameter, 4/17/32/613 = rate
// limits). 15 ("This method must be called with an app access_token") and 2200 ("Callback verification
// failed with the following errors: …") are not on that page; they are what Graph answers for these
// endpoints as reported by users (the /{app-id}/subscriptions reference only says an app access token
// is required, and "Webhook overrides" that Meta verifies the alternate callback).
function hintFor(error: GraphErrorFields, endpoint: GraphEndpointKind): string | undefined {
  const { code, error_subcode: subcode } = error;
  if (code === 190) {
    const which =
      endpoint === 'app'
        ? 'The app access token is built from the app id and WHATSAPP_APP_SECRET: check that the secret belongs to this app (App Dashboard → App settings → Basic).'
        : 'Create a new token and pass it with --access-token or WHATSAPP_ACCESS_TOKEN. A system user token (Business Settings → Users → System users → Generate new token, with whatsapp_business_management) does not expire like the 24-hour token of the API Setup page.';
    return `${subcode === 463 ? 'The access token has expired.' : 'The access token is invalid or was revoked.'} ${which}`;
  }
  if (code === 15) {
    return 'App subscriptions need an app access token ({app-id}|{app-secret}): set WHATSAPP_APP_SECRET (or pass --app-secret) so that it can be built; a user or system user token is refused here.';
  }
  if (code === 10 || (code >= 200 && code <= 299)) {
    return 'The token lacks the whatsapp_business_management permission, or its user has no access to this WhatsApp Business Account. Generate a system user token with whatsapp_business_management and assign the WABA to that system user (Business Settings → System users → Assign assets).';
  }
  if (code === 2200) {
    return 'Meta called the callback URL with hub.mode=subscribe and your verify token, and did not get 200 with hub.challenge back. Check that the server is reachable from the internet and runs with the same verify token (WHATSAPP_VERIFY_TOKEN); "wa-webhooks handshake --url <callback-url>" shows what it answers.';
  }
  if (code === 100 && subcode === 33) {
    return 'The id does not exist, or this token cannot see it: check the app id, WABA id or phone number id (WhatsApp Manager → Account tools → Phone numbers shows both ids).';
  }
  if (code === 4 || code === 17 || code === 32 || code === 613 || code === 80008) {
    return 'Graph API rate limit: wait a minute and run the command again.';
  }
  return undefined;
}

/** Which token an endpoint takes: the app access token (app subscriptions) or a user / system user token. */
export type GraphEndpointKind = 'app' | 'user';

/**
 * An error answered by the Graph API (`{"error":{"message","type","code","error_subcode","fbtrace_id"}}`).
 * Its `code` is the string `GRAPH_API_ERROR`, like every other error code of wa-webhooks; Meta's own
 * numbers are `graphCode` and `graphSubcode`. `hint` says how to fix the causes met during setup
 * (expired token, missing permission, callback verification failed), or is `undefined`.
 */
export class GraphApiError extends Error {
  /** Always `GRAPH_API_ERROR`: string codes everywhere; Meta's number is `graphCode`. */
  readonly code = 'GRAPH_API_ERROR' as const;
  /** Meta's error code, e.g. `190` (access token), `100` (parameter), `2200` (callback verification). */
  readonly graphCode: number;
  /** Meta's `error_subcode`, e.g. `463` (token expired). */
  readonly graphSubcode: number | undefined;
  /** Meta's error `type`, e.g. `OAuthException`. */
  readonly type: string | undefined;
  /** Meta's `fbtrace_id`: quote it when you ask Meta's support. */
  readonly fbtraceId: string | undefined;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** What to do about it, for the known causes. */
  readonly hint: string | undefined;
  /** The request, as `METHOD /path` (no query, no token). */
  readonly request: string;

  constructor(error: GraphErrorFields, details: { status: number; request: string; endpoint: GraphEndpointKind }) {
    super(
      `Graph API error ${error.code}${error.error_subcode === undefined ? '' : `/${error.error_subcode}`} on ${details.request}: ${error.message}`,
    );
    this.name = 'GraphApiError';
    this.graphCode = error.code;
    this.graphSubcode = error.error_subcode;
    this.type = error.type;
    this.fbtraceId = error.fbtrace_id;
    this.status = details.status;
    this.request = details.request;
    this.hint = hintFor(error, details.endpoint);
  }
}

/** Whether `error` is a `GraphApiError` (also across duplicate copies of this package). */
export function isGraphApiError(error: unknown): error is GraphApiError {
  return (
    error instanceof GraphApiError ||
    (error instanceof Error &&
      error.name === 'GraphApiError' &&
      (error as { code?: unknown }).code === 'GRAPH_API_ERROR')
  );
}
