/**
 * What wa-webhooks must answer to a valid HTTP request, written from the documented table ("How
 * requests are answered" in the core README), independently of core's code: it reads the headers the
 * way the framework exposes them, checks the signature with the test-kit's own signer and decodes the
 * body itself. The fuzz suite compares every real answer with this prediction.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FuzzRequest } from './fuzz-requests';
import { hmacSha256 } from './signer';

/**
 * How the adapter hands headers to core. `node`: `IncomingMessage.headers` (a repeated Content-Type keeps
 * its first value, other repeated headers are joined with ", "). `fetch`: a Fetch `Headers` built from
 * the raw header lines (every repeated header joined with ", ").
 */
export type HeaderSemantics = 'node' | 'fetch';

/** The answer core must give. */
export interface CoreExpectation {
  readonly status: number;
  /** The error code, for every status but 200. */
  readonly code?: string;
  /** For a valid handshake: the challenge to echo. */
  readonly challenge?: string;
  /** For an accepted notification: the parsed body, to compute the handler calls it must cause. */
  readonly payload?: unknown;
  /** Whether the signature is valid for these exact bytes (only such requests may reach handlers). */
  readonly authentic: boolean;
  /** A 413 whose body the server may not read: a reset connection instead of the answer is fine. */
  readonly mayClose: boolean;
  /** HEAD: the answer has no body. */
  readonly isHead: boolean;
}

/** What the model needs to know about the server. */
export interface ModelSettings {
  readonly semantics: HeaderSemantics;
  readonly bodyLimit: number;
  readonly secrets: readonly string[];
  readonly verifyToken: string;
}

/** Node keeps only the first of these when repeated (lib/_http_incoming.js, matchKnownFields). */
const NODE_FIRST_WINS = new Set([
  'content-type',
  'content-length',
  'user-agent',
  'referer',
  'host',
  'authorization',
  'from',
  'location',
  'max-forwards',
  'retry-after',
  'etag',
  'last-modified',
  'server',
  'age',
  'expires',
  'if-modified-since',
  'if-unmodified-since',
  'proxy-authorization',
]);

/** The value core reads for `name`: `undefined` when absent. */
export function headerAsSeen(request: FuzzRequest, name: string, semantics: HeaderSemantics): string | undefined {
  // Parsers drop the whitespace around a value (RFC 9110 section 5.5).
  const values = request.headers
    .filter(([key]) => key.toLowerCase() === name)
    .map(([, value]) => value.replace(/^[\t ]+|[\t ]+$/g, ''));
  if (values.length === 0) return undefined;
  if (semantics === 'node' && NODE_FIRST_WINS.has(name)) return values[0];
  return values.join(', ');
}

function error(status: number, code: string, extra: Partial<CoreExpectation> = {}): CoreExpectation {
  return { status, code, authentic: false, mayClose: false, isHead: false, ...extra };
}

function handshake(target: string, verifyToken: string): CoreExpectation {
  const question = target.indexOf('?');
  const params = new URLSearchParams(question === -1 ? '' : target.slice(question + 1));
  const names = ['hub.mode', 'hub.verify_token', 'hub.challenge'] as const;
  if (names.some((name) => params.getAll(name).length > 1)) return error(400, 'HANDSHAKE_INVALID');
  const [mode, token, challenge] = names.map((name) => params.get(name) ?? undefined);
  if (mode === undefined || token === undefined || challenge === undefined || challenge === '')
    return error(400, 'HANDSHAKE_INVALID');
  if (mode !== 'subscribe') return error(400, 'HANDSHAKE_INVALID');
  if (!timingSafeEqual(digestOf(token), digestOf(verifyToken))) return error(403, 'VERIFY_TOKEN_MISMATCH');
  return { status: 200, challenge, authentic: false, mayClose: false, isHead: false };
}

function digestOf(text: string): Buffer {
  return hmacSha256(text, 'compare');
}

/** `sha256=` + 64 hex digits (prefix in any case) → the digest; anything else → undefined. */
function parseSignature(value: string): Buffer | undefined {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(value);
  return match ? Buffer.from(match[1]!, 'hex') : undefined;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Predicts core's answer for a request without a violation; `undefined` for a request that breaks HTTP
 * (only the framework answers those).
 */
export function predict(request: FuzzRequest, settings: ModelSettings): CoreExpectation | undefined {
  if (request.violation !== undefined) return undefined;
  const method = request.method.toUpperCase();
  if (method === 'GET') return handshake(request.target, settings.verifyToken);
  if (method !== 'POST') return error(405, 'METHOD_NOT_ALLOWED', { isHead: method === 'HEAD' });

  const contentType = headerAsSeen(request, 'content-type', settings.semantics);
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') return error(415, 'UNSUPPORTED_MEDIA_TYPE');
  // Only identity (or an empty value) keeps the signed bytes as sent.
  const encoding = headerAsSeen(request, 'content-encoding', settings.semantics)?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') return error(415, 'UNSUPPORTED_MEDIA_TYPE');
  const { body } = request;
  if (request.framing.kind === 'length' && body.byteLength > settings.bodyLimit)
    return error(413, 'PAYLOAD_TOO_LARGE', { mayClose: true });
  const signature = headerAsSeen(request, 'x-hub-signature-256', settings.semantics);
  if (signature === undefined || signature === '') return error(401, 'SIGNATURE_MISSING');
  const digest = parseSignature(signature);
  if (digest === undefined) return error(401, 'SIGNATURE_MALFORMED');
  if (body.byteLength > settings.bodyLimit) return error(413, 'PAYLOAD_TOO_LARGE', { mayClose: true });
  const authentic = settings.secrets.some((secret) => timingSafeEqual(hmacSha256(body, secret), digest));
  if (!authentic) return error(401, 'SIGNATURE_MISMATCH');
  let payload: unknown;
  try {
    // The decoder drops one leading UTF-8 byte order mark, as core's does.
    payload = JSON.parse(decoder.decode(body));
  } catch {
    return error(400, 'INVALID_JSON', { authentic: true });
  }
  return { status: 200, payload, authentic: true, mayClose: false, isHead: false };
}
