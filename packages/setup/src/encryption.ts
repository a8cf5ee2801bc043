/**
 * The business public key of a phone number, which WhatsApp Flows encrypt their data-endpoint requests
 * with. Meta's Cloud API reference "WhatsApp Business Encryption"
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/whatsapp-business-encryption):
 *
 * - `POST /{phone-number-id}/whatsapp_business_encryption`, form-encoded `business_public_key` (the PEM
 *   public key), answers `{"success": true}`;
 * - `GET /{phone-number-id}/whatsapp_business_encryption` answers `{"data":[{"business_public_key",
 *   "business_public_key_signature_status"}]}`, the status `VALID` or `MISMATCH`.
 *
 * Both take a user or system user token with `whatsapp_business_messaging` (the page's permission);
 * Meta documents 2048-bit RSA keys. The requests go through the same rules as `createGraphClient` (token
 * in the header only, Meta's error shape as `GraphApiError`, nothing secret in a message).
 */
import { z } from 'zod';
import { GraphApiError, SetupError } from './errors';
import { DEFAULT_GRAPH_API_VERSION, DEFAULT_GRAPH_URL, type GraphClientOptions } from './graph-client';
import { graphErrorResponseSchema, successResponseSchema } from './schemas';

/** `GET /{phone-number-id}/whatsapp_business_encryption`. */
export const businessEncryptionResponseSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      business_public_key: z.string().optional(),
      business_public_key_signature_status: z.string().optional(),
    }),
  ),
});

/** The business public key Meta holds for a phone number. */
export interface BusinessPublicKey {
  /** The PEM public key, or `undefined` when none was uploaded. */
  readonly publicKey: string | undefined;
  /** `VALID`, or `MISMATCH` when the key was not signed for this number (upload it again). */
  readonly signatureStatus: string | undefined;
}

/** Reads and sets a phone number's business public key. */
export interface EncryptionClient {
  /** `POST /{phone-number-id}/whatsapp_business_encryption`: uploads (and signs) the business public key. */
  setBusinessPublicKey(phoneNumberId: string, publicKeyPem: string): Promise<void>;
  /** `GET /{phone-number-id}/whatsapp_business_encryption`. */
  getBusinessPublicKey(phoneNumberId: string): Promise<BusinessPublicKey>;
}

function checkPublicKey(pem: string): string {
  if (typeof pem !== 'string' || !/-----BEGIN (?:RSA )?PUBLIC KEY-----/.test(pem)) {
    const isPrivate = typeof pem === 'string' && /PRIVATE KEY-----/.test(pem);
    throw new SetupError(
      'INVALID_OPTIONS',
      isPrivate
        ? 'That is a private key: upload the public key (public.pem from "wa-webhooks flows keygen"), and keep the private key on your server.'
        : 'The business public key must be PEM text starting with "-----BEGIN PUBLIC KEY-----".',
    );
  }
  return pem.trim();
}

/** Reads a Graph answer: Meta's error shape as `GraphApiError`, anything unexpected as `SetupError`. */
function readAnswer<T extends z.ZodType>(
  label: string,
  status: number,
  ok: boolean,
  text: string,
  schema: T,
  redact: (text: string) => string,
): z.infer<T> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new SetupError(
      'GRAPH_INVALID_RESPONSE',
      `${label} answered ${status} with a body that is not JSON: ${redact(text.slice(0, 200))}`,
    );
  }
  const failure = graphErrorResponseSchema.safeParse(data);
  if (failure.success) {
    const { error } = failure.data;
    throw new GraphApiError({ ...error, message: redact(error.message) }, { status, request: label, endpoint: 'user' });
  }
  const parsed = schema.safeParse(data);
  if (!ok || !parsed.success) {
    throw new SetupError(
      'GRAPH_INVALID_RESPONSE',
      `${label} answered ${status} with an unexpected body: ${redact(text.slice(0, 200))}`,
    );
  }
  return parsed.data as z.infer<T>;
}

/** The request function of the client: one Graph call, its errors mapped as in `createGraphClient`. */
function createCaller(options: GraphClientOptions) {
  const apiVersion = options.apiVersion ?? DEFAULT_GRAPH_API_VERSION;
  if (!/^v\d+\.\d+$/.test(apiVersion))
    throw new SetupError('INVALID_OPTIONS', `apiVersion must look like "v25.0", not ${JSON.stringify(apiVersion)}.`);
  const base = new URL(options.baseUrl ?? DEFAULT_GRAPH_URL);
  const send = options.fetch ?? globalThis.fetch;
  const timeout = options.timeout ?? 30_000;
  const token = options.accessToken;
  const redact = (text: string) =>
    token === undefined || token.length < 4 ? text : text.split(token).join('[redacted]');

  return async <T extends z.ZodType>(
    method: 'GET' | 'POST',
    phoneNumberId: string,
    schema: T,
    form?: Record<string, string>,
  ) => {
    if (!/^[0-9A-Za-z_-]+$/.test(phoneNumberId))
      throw new SetupError(
        'INVALID_OPTIONS',
        `phoneNumberId must be a Graph id (digits), not ${JSON.stringify(phoneNumberId)}.`,
      );
    const label = `${method} /${phoneNumberId}/whatsapp_business_encryption`;
    if (token === undefined || token === '') {
      throw new SetupError(
        'MISSING_TOKEN',
        `${label} needs an access token with whatsapp_business_messaging: set WHATSAPP_ACCESS_TOKEN (a system user token).`,
      );
    }
    const url = new URL(
      `${base.pathname.replace(/\/$/, '')}/${apiVersion}/${phoneNumberId}/whatsapp_business_encryption`,
      base,
    );
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    let response: Response;
    let text: string;
    try {
      response = await send(url, {
        method,
        headers,
        ...(form === undefined ? {} : { body: new URLSearchParams(form).toString() }),
        signal: AbortSignal.timeout(timeout),
      });
      text = await response.text();
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new SetupError(
        'GRAPH_UNREACHABLE',
        `Could not reach the Graph API at ${url.origin} for ${label} (${cause}). Check the network, or --graph-url.`,
        { cause: error },
      );
    }
    return readAnswer(label, response.status, response.ok, text, schema, redact);
  };
}

/**
 * Creates the client of the WhatsApp Business Encryption endpoint, with the options of
 * `createGraphClient` (`accessToken` is the one used).
 *
 * @example
 * ```ts
 * const encryption = createEncryptionClient({ accessToken: process.env.WHATSAPP_ACCESS_TOKEN });
 * await encryption.setBusinessPublicKey(phoneNumberId, await readFile('keys/public.pem', 'utf8'));
 * ```
 */
export function createEncryptionClient(options: GraphClientOptions): EncryptionClient {
  const call = createCaller(options);
  return {
    async setBusinessPublicKey(phoneNumberId, publicKeyPem) {
      await call('POST', phoneNumberId, successResponseSchema, { business_public_key: checkPublicKey(publicKeyPem) });
    },
    async getBusinessPublicKey(phoneNumberId) {
      const { data } = await call('GET', phoneNumberId, businessEncryptionResponseSchema);
      const entry = data[0];
      return { publicKey: entry?.business_public_key, signatureStatus: entry?.business_public_key_signature_status };
    },
  };
}
