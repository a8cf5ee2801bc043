/**
 * The traps of webhook routing, as warnings: callback URLs Meta will not call (not https), fields that
 * cannot follow an override ("Webhook overrides": template and account fields always go to the app's
 * callback URL), fields nobody handles, a callback that does not verify with the local verify token.
 */
import { isHttps, isOverridableField } from './fields';

/** Which trap a warning is about. */
export type WarningCode =
  | 'NOT_HTTPS'
  | 'OVERRIDE_FIELDS'
  | 'UNHANDLED_FIELDS'
  | 'VERIFY_TOKEN_MISMATCH'
  | 'CALLBACK_NOT_VERIFIED'
  | 'APP_NOT_SUBSCRIBED'
  | 'WABA_NOT_SUBSCRIBED';

/** A problem in the webhook setup, with what to do about it. */
export interface WebhookWarning {
  readonly code: WarningCode;
  readonly message: string;
}

/** A callback URL and where it is set, e.g. `{ where: 'WABA 123 override', url }`. */
export interface Destination {
  readonly where: string;
  readonly url: string;
}

/** Warnings about where notifications go: non-https callback URLs, and fields an override cannot carry. */
export function routingWarnings(
  app: Destination | undefined,
  fields: readonly string[],
  overrides: readonly Destination[],
): WebhookWarning[] {
  const warnings: WebhookWarning[] = [];
  const seen = new Set<string>();
  for (const { where, url } of app === undefined ? overrides : [app, ...overrides]) {
    if (isHttps(url) || seen.has(url)) continue;
    seen.add(url);
    warnings.push({
      code: 'NOT_HTTPS',
      message: `${where} ${url} is not https: Meta only calls https:// URLs with a valid certificate. Serve it over HTTPS or put an HTTPS tunnel (cloudflared, ngrok) in front of it.`,
    });
  }
  const stuck = fields.filter((field) => !isOverridableField(field));
  // An override to the app's own callback URL changes nothing: the fields arrive at the same place.
  const elsewhere = [...new Set(overrides.map((one) => one.url))].filter((url) => url !== app?.url);
  if (elsewhere.length > 0 && stuck.length > 0) {
    const to = app === undefined ? "the app's callback URL" : `the app's callback URL ${app.url}`;
    warnings.push({
      code: 'OVERRIDE_FIELDS',
      message: `${stuck.join(', ')} cannot follow an override: Meta always sends ${stuck.length === 1 ? 'it' : 'them'} to ${to}, not to ${elsewhere.join(' or ')}. Handle ${stuck.length === 1 ? 'it' : 'them'} there, or unsubscribe.`,
    });
  }
  return warnings;
}
