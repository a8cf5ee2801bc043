/**
 * The Graph stand-in's `/{phone-number-id}/whatsapp_business_encryption` edge, after Meta's Cloud API
 * reference "WhatsApp Business Encryption": POST (form-encoded `business_public_key`, a PEM public key)
 * answers `{"success": true}`; GET answers `{"data":[{"business_public_key",
 * "business_public_key_signature_status":"VALID"}]}`. Both need a system user or user token with
 * `whatsapp_business_messaging`. Meta's answer for a key it cannot read is not documented; the stand-in
 * answers the generic invalid-parameter error (code 100).
 */
import { createPublicKey } from 'node:crypto';
import type { StandInToken } from './graph-stand-in';

/** How the stand-in builds Meta's error answers (its `GraphFailure` class). */
type FailureClass = new (status: number, code: number, message: string, type?: string, subcode?: number) => Error;

/** Who called, as the stand-in authenticated it. */
type Caller =
  { readonly kind: 'app'; readonly appId: string } | { readonly kind: 'user'; readonly token: StandInToken };

/** What the edge needs from the stand-in. */
export interface EncryptionEdgeContext {
  /** Phone number id → WABA id. */
  readonly phoneWaba: ReadonlyMap<string, string>;
  readonly Failure: FailureClass;
  /** The "object does not exist" error of the stand-in. */
  readonly noObject: (id: string, method: string) => Error;
  /** The "parameter is required" error of the stand-in. */
  readonly missing: (name: string) => Error;
}

/** The edge: its handler and the keys it holds (phone number id → PEM). */
export interface EncryptionEdge {
  readonly keys: Map<string, string>;
  handle(method: string, phoneId: string, caller: Caller, params: Record<string, unknown>): unknown;
}

/** Creates the edge over the stand-in's state. */
export function createEncryptionEdge(context: EncryptionEdgeContext): EncryptionEdge {
  const keys = new Map<string, string>();
  const { Failure } = context;
  return {
    keys,
    handle(method, phoneId, caller, params) {
      if (!context.phoneWaba.has(phoneId)) throw context.noObject(phoneId, method);
      if (caller.kind !== 'user' || !caller.token.scopes.includes('whatsapp_business_messaging')) {
        throw new Failure(403, 200, '(#200) Permissions error');
      }
      if (method === 'GET') {
        const key = keys.get(phoneId);
        return {
          data: key === undefined ? [] : [{ business_public_key: key, business_public_key_signature_status: 'VALID' }],
        };
      }
      if (method !== 'POST') throw context.noObject(phoneId, method);
      const pem = params.business_public_key;
      if (typeof pem !== 'string' || pem === '') throw context.missing('business_public_key');
      try {
        if (pem.includes('PRIVATE KEY') || createPublicKey(pem).asymmetricKeyType !== 'rsa')
          throw new TypeError('not an RSA public key');
      } catch {
        throw new Failure(400, 100, '(#100) Invalid parameter: business_public_key is not a valid RSA public key');
      }
      keys.set(phoneId, pem);
      return { success: true };
    },
  };
}
