/**
 * What `setup` and `status` share: the options that name the app, its WABAs and phone numbers, the
 * tokens (flags or the examples' environment variables, never printed), and the Graph API to talk to.
 */
import { appAccessToken, createGraphClient, DEFAULT_GRAPH_URL, type GraphClient } from '@wa-webhooks/setup';
import { readSecret, UsageError, type CliIo } from './io';

/** The `parseArgs` options of both commands. */
export const GRAPH_OPTIONS = {
  'app-id': { type: 'string' },
  'waba-id': { type: 'string', multiple: true },
  'phone-number-id': { type: 'string', multiple: true },
  'access-token': { type: 'string' },
  'access-token-file': { type: 'string' },
  'app-secret': { type: 'string' },
  'app-secret-file': { type: 'string' },
  'verify-token': { type: 'string' },
  'verify-token-file': { type: 'string' },
  'graph-url': { type: 'string' },
  'api-version': { type: 'string' },
} as const;

/** The parsed values of `GRAPH_OPTIONS`. */
export interface GraphOptionValues {
  readonly 'app-id'?: string | undefined;
  readonly 'waba-id'?: string[] | undefined;
  readonly 'phone-number-id'?: string[] | undefined;
  readonly 'access-token'?: string | undefined;
  readonly 'access-token-file'?: string | undefined;
  readonly 'app-secret'?: string | undefined;
  readonly 'app-secret-file'?: string | undefined;
  readonly 'verify-token'?: string | undefined;
  readonly 'verify-token-file'?: string | undefined;
  readonly 'graph-url'?: string | undefined;
  readonly 'api-version'?: string | undefined;
}

/** The app, its WABAs and phone numbers, a client, and the verify token (if any). */
export interface GraphTarget {
  readonly graph: GraphClient;
  readonly appId: string;
  readonly wabaIds: readonly string[];
  readonly phoneNumberIds: readonly string[];
  readonly verifyToken: string | undefined;
  /** Every secret the command holds (tokens, the app secret): printed output is redacted with these. */
  readonly secrets: readonly string[];
}

function ids(name: string, values: readonly string[] | undefined): string[] {
  const all = (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  const bad = all.find((id) => !/^\d+$/.test(id));
  if (bad !== undefined)
    throw new UsageError(
      `--${name} must be a numeric id, not "${bad}" (WhatsApp Manager → Account tools → Phone numbers shows the ids).`,
    );
  return [...new Set(all)];
}

/** A secret of the shared options: `--<name>`, `--<name>-file` or the variable. */
function secretOption(
  values: GraphOptionValues,
  name: 'access-token' | 'app-secret' | 'verify-token',
  variable: string,
  io: CliIo,
) {
  return readSecret({ value: values[name], file: values[`${name}-file`], flag: name, variable }, io);
}

/** Reads the shared options and builds the Graph client. Tokens stay inside the client. */
export async function graphTarget(values: GraphOptionValues, io: CliIo): Promise<GraphTarget> {
  const appId = values['app-id'];
  if (appId === undefined || !/^\d+$/.test(appId)) {
    throw new UsageError(
      `--app-id is required and must be the numeric app id (App Dashboard → App settings → Basic)${appId === undefined ? '' : `, not "${appId}"`}.`,
    );
  }
  const accessToken = await secretOption(values, 'access-token', 'WHATSAPP_ACCESS_TOKEN', io);
  const appSecret = await secretOption(values, 'app-secret', 'WHATSAPP_APP_SECRET', io);
  const verifyToken = await secretOption(values, 'verify-token', 'WHATSAPP_VERIFY_TOKEN', io);
  const secrets = [accessToken, appSecret, verifyToken].filter((secret): secret is string => secret !== undefined);
  // From here on, nothing printed can show them (CliIo.protect), whatever a Graph answer echoes.
  io.protect?.(secrets);
  if (appSecret === undefined) {
    throw new UsageError(
      'The app secret is needed for the app access token ({app-id}|{app-secret}) that app subscriptions require: set WHATSAPP_APP_SECRET (App Dashboard → App settings → Basic) or pass --app-secret.',
    );
  }
  const wabaIds = ids('waba-id', values['waba-id']);
  const phoneNumberIds = ids('phone-number-id', values['phone-number-id']);
  if (accessToken === undefined && (wabaIds.length > 0 || phoneNumberIds.length > 0)) {
    throw new UsageError(
      'WABA subscriptions and phone-number overrides need an access token with whatsapp_business_management: set WHATSAPP_ACCESS_TOKEN (a system user token) or pass --access-token.',
    );
  }
  const baseUrl = values['graph-url'] ?? (io.env.WHATSAPP_GRAPH_URL || undefined);
  if (baseUrl !== undefined && baseUrl !== DEFAULT_GRAPH_URL)
    io.stderr(`Note: using the Graph API at ${baseUrl}, not ${DEFAULT_GRAPH_URL}.\n`);
  let graph: GraphClient;
  try {
    graph = createGraphClient({
      accessToken,
      appAccessToken: appAccessToken(appId, appSecret),
      ...(verifyToken === undefined ? {} : { redact: [verifyToken] }),
      baseUrl,
      apiVersion: values['api-version'],
    });
  } catch (error) {
    throw new UsageError(
      (error as Error).message.replace(/^apiVersion/, '--api-version').replace(/^baseUrl/, '--graph-url'),
    );
  }
  secrets.push(appAccessToken(appId, appSecret));
  io.protect?.(secrets);
  return {
    graph,
    appId,
    wabaIds,
    phoneNumberIds,
    verifyToken,
    secrets,
  };
}
