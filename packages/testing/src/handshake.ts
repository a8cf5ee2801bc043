/**
 * `checkHandshake()`: the GET verification request Meta sends when you save the callback URL, and a
 * diagnosis of the answer (docs/PAYLOADS.md section 1.1: `hub.mode=subscribe`, `hub.challenge`,
 * `hub.verify_token`; the endpoint must answer 200 with the challenge as the body).
 */
import { parseErrorBody, parseUrl, toSendError, type FetchLike } from './send';

/** Why a handshake would not verify. */
export type HandshakeFailureCode =
  | 'WRONG_TOKEN'
  | 'CHALLENGE_NOT_ECHOED'
  | 'WRONG_CONTENT_TYPE'
  | 'REDIRECT'
  | 'NOT_FOUND'
  | 'SIGNATURE_REQUIRED'
  | 'BAD_STATUS';

/** Options of `checkHandshake`. */
export interface HandshakeOptions {
  /** The verify token, as typed in the App Dashboard and configured on the server. */
  readonly token: string;
  /** The `hub.challenge` to send. Default: a random 10-digit number, as Meta sends. */
  readonly challenge?: string;
  /** Also send a wrong token and check that it is refused (default `true`). */
  readonly probeWrongToken?: boolean;
  /** Give up after this many milliseconds. Default 10 000. */
  readonly timeout?: number;
  /** Sends the request. Default `globalThis.fetch`. */
  readonly fetch?: FetchLike;
}

/** The outcome of `checkHandshake`. */
export interface HandshakeReport {
  /** Whether Meta would accept this answer. */
  readonly verified: boolean;
  /** The URL that was called, with its `hub.*` parameters, the verify token shown as `***`. */
  readonly url: string;
  /** The challenge that was sent. */
  readonly challenge: string;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The answer's `content-type`, or `''`. */
  readonly contentType: string;
  /** The answer's body. */
  readonly body: string;
  /** Why it would not verify, with what to change. Absent when `verified`. */
  readonly failure?: { readonly code: HandshakeFailureCode; readonly message: string };
  /** Remarks that do not stop verification (e.g. a wrong token was accepted too, or the URL is not https). */
  readonly notes: readonly string[];
}

function randomChallenge(): string {
  const digits = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(digits, (byte, index) => String(index === 0 ? 1 + (byte % 9) : byte % 10)).join('');
}

/** Whether `hostname` is loopback or a private network address, which Meta cannot reach anyway. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host === '::1' ||
    host === '0.0.0.0'
  )
    return true;
  const octets = host.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet))) return false;
  const [a, b] = octets as [number, number, number, number];
  return (
    a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31) || (a === 169 && b === 254)
  );
}

/** The hint for a URL Meta could not register as it is, or `undefined`. */
export function tlsHint(url: URL): string | undefined {
  if (url.protocol === 'https:' || isLocalHost(url.hostname)) return undefined;
  return `Meta only calls https:// callback URLs with a valid certificate (self-signed ones are refused). Serve ${url.host} over HTTPS, or put an HTTPS tunnel (cloudflared, ngrok) in front of it and register that URL.`;
}

/** `url` with the value of `hub.verify_token` replaced by `***`: what may be printed or logged. */
export function maskVerifyToken(url: URL): string {
  if (!url.searchParams.has('hub.verify_token')) return url.href;
  const masked = new URL(url);
  masked.searchParams.set('hub.verify_token', '***');
  return masked.href;
}

function handshakeUrl(base: URL, token: string, challenge: string): URL {
  const url = new URL(base);
  // Meta's order: mode, challenge, verify_token.
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', token);
  return url;
}

async function get(url: URL, options: HandshakeOptions): Promise<{ status: number; headers: Headers; body: string }> {
  const timeout = options.timeout ?? 10_000;
  const request = new Request(url, {
    method: 'GET',
    headers: { accept: '*/*', 'user-agent': 'facebookplatform/1.0 (+http://developers.facebook.com)' },
    redirect: 'manual',
    signal: AbortSignal.timeout(timeout),
  });
  try {
    const response = await (options.fetch ?? ((input: Request) => fetch(input)))(request);
    return { status: response.status, headers: response.headers, body: await response.text() };
  } catch (error) {
    // The error names the URL: never with the verify token in it.
    throw toSendError(error, maskVerifyToken(url), timeout);
  }
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

function diagnose(
  answer: { status: number; headers: Headers; body: string },
  challenge: string,
): { code: HandshakeFailureCode; message: string } | undefined {
  const { status, headers, body } = answer;
  const contentType = headers.get('content-type') ?? '';
  const error = parseErrorBody(body);
  const served = error.code === undefined ? `${status}` : `${status} ${error.code}`;
  if (status >= 300 && status < 400) {
    const location = headers.get('location');
    return {
      code: 'REDIRECT',
      message: `The server redirected (${status}${location === null ? '' : ` to ${location}`}). Meta does not follow redirects: register the final URL${location === null ? '' : ` (${location})`} as the callback URL.`,
    };
  }
  if (error.code === 'VERIFY_TOKEN_MISMATCH' || status === 403) {
    return {
      code: 'WRONG_TOKEN',
      message: `The server refused the verify token (${served}). The token must be exactly the one the server was started with (WHATSAPP_VERIFY_TOKEN) and the one typed in the App Dashboard; pass it with --token.`,
    };
  }
  if (error.code?.startsWith('SIGNATURE_') === true || status === 401) {
    return {
      code: 'SIGNATURE_REQUIRED',
      message: `The server asked for a signature on the GET (${served}). Meta's verification request carries no X-Hub-Signature-256: let GET requests reach the handshake before any signature check.`,
    };
  }
  if (status === 404 || status === 405) {
    return {
      code: 'NOT_FOUND',
      message: `Nothing answers GET at this URL (${served}). Check the path (the examples use /webhook) and that the route accepts GET as well as POST.`,
    };
  }
  if (status !== 200) {
    const detail = error.message === undefined ? '' : `: ${error.message}`;
    return {
      code: 'BAD_STATUS',
      message: `Meta needs 200 with the challenge as the body; the server answered ${served}${detail}.`,
    };
  }
  if (body === challenge) return undefined;
  if (/json/i.test(contentType) || body.trim().startsWith('{') || body.trim() === JSON.stringify(challenge)) {
    return {
      code: 'WRONG_CONTENT_TYPE',
      message: `The server answered JSON (${contentType || 'no content-type'}: ${quote(body)}). Meta compares the body with hub.challenge byte for byte: answer the bare challenge as text/plain (Express: res.type('text/plain').send(challenge)).`,
    };
  }
  return {
    code: 'CHALLENGE_NOT_ECHOED',
    message: `The body must be the hub.challenge exactly: expected ${quote(challenge)}, got ${body === '' ? 'an empty body' : quote(body)}. Read hub.challenge from the query string and send it back unchanged.`,
  };
}

/**
 * Sends the verification GET Meta sends when you save a callback URL
 * (`?hub.mode=subscribe&hub.challenge=<random>&hub.verify_token=<token>`, redirects not followed) and
 * says whether Meta would accept the answer, and if not, why and what to change. Then it sends a wrong
 * token, to check that the server refuses it. The token never appears in the report or in an error
 * (`hub.verify_token=***`).
 *
 * @example
 * ```ts
 * const report = await checkHandshake('http://127.0.0.1:3000/webhook', { token: 'dev-verify-token' });
 * expect(report.verified).toBe(true);
 * ```
 * @throws SendError when no answer arrived (`INVALID_URL`, `UNREACHABLE`, `TIMEOUT`, `TLS`).
 */
export async function checkHandshake(url: string | URL, options: HandshakeOptions): Promise<HandshakeReport> {
  const base = parseUrl(url);
  const challenge = options.challenge ?? randomChallenge();
  const target = handshakeUrl(base, options.token, challenge);
  const answer = await get(target, options);
  const failure = diagnose(answer, challenge);
  const contentType = answer.headers.get('content-type') ?? '';
  const notes: string[] = [];
  if (failure === undefined && !/^text\/plain\b/i.test(contentType)) {
    notes.push(
      `The challenge came back as ${contentType || 'no content-type'}; Meta only compares the body, but text/plain is the usual answer.`,
    );
  }
  if (failure === undefined && options.probeWrongToken !== false) {
    const wrong = await get(handshakeUrl(base, `${options.token}-wrong-${randomChallenge()}`, challenge), options);
    if (wrong.status === 200) {
      notes.push(
        'The server also answered 200 to a wrong verify token: it does not check hub.verify_token, so anyone could verify a callback URL against it.',
      );
    }
  }
  const hint = tlsHint(base);
  if (hint !== undefined) notes.push(hint);
  return {
    verified: failure === undefined,
    url: maskVerifyToken(target),
    challenge,
    status: answer.status,
    contentType,
    body: answer.body,
    ...(failure === undefined ? {} : { failure }),
    notes,
  };
}
