/**
 * The GET verification handshake (docs/PAYLOADS.md section 1.1): Meta calls
 * `?hub.mode=subscribe&hub.verify_token=<yours>&hub.challenge=<random>` and expects the challenge back.
 */
import { constantTimeEqual } from '#crypto';
import { HandshakeError } from './errors';

/** Result of a valid handshake: the challenge to echo. */
export interface HandshakeResult {
  readonly challenge: string;
}

function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) {
    throw new HandshakeError(
      'HANDSHAKE_INVALID',
      `The query parameter ${name} was given ${values.length} times; Meta sends it once.`,
    );
  }
  return values[0];
}

/**
 * Checks the handshake query of `url` (path + query, or an absolute URL). Returns the challenge exactly
 * as decoded from the query, or throws `HandshakeError`: 400 `HANDSHAKE_INVALID` for missing or repeated
 * parameters or a mode other than `subscribe`, 403 `VERIFY_TOKEN_MISMATCH` for a wrong token (compared
 * in constant time).
 */
export function verifyHandshake(url: string, verifyToken: string): HandshakeResult {
  const start = url.indexOf('?');
  const params = new URLSearchParams(start === -1 ? '' : url.slice(start + 1));
  const mode = single(params, 'hub.mode');
  const token = single(params, 'hub.verify_token');
  const challenge = single(params, 'hub.challenge');
  const missing = [
    mode === undefined ? 'hub.mode' : undefined,
    token === undefined ? 'hub.verify_token' : undefined,
    challenge === undefined || challenge === '' ? 'hub.challenge' : undefined,
  ].filter((name) => name !== undefined);
  if (missing.length > 0) {
    throw new HandshakeError(
      'HANDSHAKE_INVALID',
      `The verification request is missing ${missing.join(', ')}. Meta sends GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=… when you save the callback URL.`,
    );
  }
  if (mode !== 'subscribe') {
    throw new HandshakeError('HANDSHAKE_INVALID', 'hub.mode must be "subscribe".');
  }
  if (!constantTimeEqual(verifyToken, token!)) {
    throw new HandshakeError(
      'VERIFY_TOKEN_MISMATCH',
      'hub.verify_token does not match the verify token configured on this server. Use the same string in the App Dashboard and in createWebhooks({ verifyToken }).',
    );
  }
  return { challenge: challenge! };
}
