/**
 * The decrypted request, per "Implementing Endpoints for Flows"
 * (https://developers.facebook.com/docs/whatsapp/flows/guides/implementingyourflowendpoint):
 *
 * - health check: `{ version, action: "ping" }`, answered `{ data: { status: "active" } }`;
 * - error notification: `{ version, flow_token, action, data: { error, error_message } }`, answered
 *   `{ data: { acknowledged: true } }`;
 * - data exchange: `{ version, action: "INIT" | "BACK" | "data_exchange", screen, data, flow_token }`
 *   (`screen` and `data` may be absent for `INIT` and `BACK`); from data API version 4.0 also
 *   `flow_token_signature`.
 *
 * Read leniently: unknown fields are ignored, `version` may arrive as a number (WhatsApp's web preview
 * sends one), `screen` may be an empty string.
 */
import { FlowEndpointError } from './errors';

/** A decrypted request, classified. */
export type DecryptedRequest =
  | { readonly kind: 'ping'; readonly version: string }
  | {
      readonly kind: 'error-notification';
      readonly action: string;
      readonly version: string;
      readonly screen: string | undefined;
      readonly flowToken: string | undefined;
      readonly error: string;
      readonly errorMessage: string | undefined;
    }
  | {
      readonly kind: 'action';
      readonly action: string;
      readonly version: string;
      readonly screen: string | undefined;
      readonly data: unknown;
      readonly flowToken: string | undefined;
      readonly flowTokenSignature: string | undefined;
    };

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Parses and classifies the decrypted JSON; throws 400 `INVALID_FLOW_REQUEST` when it is not a request. */
export function parseDecryptedRequest(plaintext: string): DecryptedRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext);
  } catch (error) {
    throw new FlowEndpointError('INVALID_FLOW_REQUEST', 'The decrypted request is not JSON.', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FlowEndpointError('INVALID_FLOW_REQUEST', 'The decrypted request is not a JSON object.');
  }
  const record = parsed as Record<string, unknown>;
  const action = record.action;
  if (typeof action !== 'string' || action === '') {
    throw new FlowEndpointError('INVALID_FLOW_REQUEST', 'The decrypted request has no action.');
  }
  const version =
    typeof record.version === 'string'
      ? record.version
      : typeof record.version === 'number'
        ? String(record.version)
        : '';
  if (action === 'ping') return { kind: 'ping', version };
  const data = record.data;
  const flowToken = optionalString(record.flow_token);
  const screen = optionalString(record.screen);
  // Meta's own example endpoint recognises error notifications by `data.error` alone; a screen field
  // named `error` would be taken for one, so Flow JSON should not name a submitted field `error`.
  const error = (data as { error?: unknown } | null | undefined)?.error;
  if (typeof data === 'object' && data !== null && typeof error === 'string') {
    const errorMessage = optionalString((data as { error_message?: unknown }).error_message);
    return { kind: 'error-notification', action, version, screen, flowToken, error, errorMessage };
  }
  const flowTokenSignature = optionalString(record.flow_token_signature);
  return { kind: 'action', action, version, screen, data, flowToken, flowTokenSignature };
}
