/**
 * Reading a signed POST body: the cheap header checks first, then a reservation from the body budget,
 * then the exact bytes, then the signature over those bytes. Shared by webhooks and the Flows endpoint,
 * so every kind of endpoint Meta calls has the same limits before authentication.
 */
import type { BodyBudget } from './budget';
import { PayloadTooLargeError, RequestError, SignatureError, isWebhookError, type WebhookError } from './errors';
import { readHeader, REPEATED_HEADER } from './headers';
import type { WebhookRequest } from './http';
import { parseSignatureHeader, SIGNATURE_HEADER, type SignatureVerifier } from './signature';

/** What `readSignedBody` checks a body against. */
export interface SignedBodyOptions {
  /** Checks the HMAC (from `createSignatureVerifier(secrets)`). */
  readonly verifier: SignatureVerifier;
  /** Largest body accepted, in bytes. */
  readonly bodyLimit: number;
  /** Where the bytes held before verification are reserved. */
  readonly budget: BodyBudget;
}

function isJsonContentType(value: string | undefined | typeof REPEATED_HEADER): boolean {
  if (value === 'application/json') return true; // what Meta sends: no parsing needed
  if (typeof value !== 'string') return false;
  const semicolon = value.indexOf(';');
  const type = (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  return type === 'application/json';
}

function describe(value: string | undefined | typeof REPEATED_HEADER): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : 'none';
}

/** The declared length, when it is 1 to 16 decimal digits (Node has already refused contradictory ones). */
function declaredLength(request: WebhookRequest): number | undefined {
  const length = readHeader(request.headers, 'content-length');
  if (typeof length !== 'string' || length.length === 0 || length.length > 16) return undefined;
  // A digit loop rather than a regular expression: this runs for every POST.
  let value = 0;
  for (let index = 0; index < length.length; index++) {
    const digit = length.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

/** Checks the headers and returns the signature's digest; throws the error to answer with. */
function checkHeaders(request: WebhookRequest, bodyLimit: number, length: number | undefined): Uint8Array {
  const contentType = readHeader(request.headers, 'content-type');
  if (!isJsonContentType(contentType)) {
    throw new RequestError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Meta sends application/json; got content-type ${describe(contentType)}.`,
    );
  }
  // The signature covers the bytes as sent. Meta sends them uncompressed; a decoded body (what a body
  // parser would verify after inflating) is not what was signed, so encodings are refused on every path.
  const encoding = readHeader(request.headers, 'content-encoding');
  if (encoding !== undefined && !(typeof encoding === 'string' && /^\s*(?:identity)?\s*$/i.test(encoding))) {
    throw new RequestError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Meta sends bodies without content-encoding; got content-encoding ${describe(encoding)}.`,
    );
  }
  if (length !== undefined && length > bodyLimit) throw new PayloadTooLargeError(bodyLimit);
  const header = readHeader(request.headers, SIGNATURE_HEADER);
  const signature = parseSignatureHeader(header === REPEATED_HEADER ? 'repeated' : header);
  if (signature.ok) return signature.digest;
  throw signature.reason === 'missing'
    ? new SignatureError(
        'SIGNATURE_MISSING',
        'The X-Hub-Signature-256 header is missing. Meta signs every request; unsigned requests are refused.',
      )
    : new SignatureError(
        'SIGNATURE_MALFORMED',
        'The X-Hub-Signature-256 header must be "sha256=" followed by 64 hexadecimal digits.',
      );
}

/** The error a failed read is answered with: the reader's own WebhookError, or BODY_READ_FAILED. */
function readError(error: unknown): WebhookError {
  if (isWebhookError(error)) return error;
  return new RequestError('BODY_READ_FAILED', 'The request body could not be read completely.', { cause: error });
}

const MISMATCH =
  'The X-Hub-Signature-256 header does not match the body. Check the app secret, and make sure nothing re-serialises the body before the handler.';

/** `body` when the signature matched; throws the mismatch otherwise. */
function matched(ok: boolean, body: Uint8Array): Uint8Array {
  if (!ok) throw new SignatureError('SIGNATURE_MISMATCH', MISMATCH);
  return body;
}

/** Checks the size and the HMAC of the bytes read; returns them, or throws the error to answer with. */
function verified(body: Uint8Array, digest: Uint8Array, options: SignedBodyOptions): Uint8Array | Promise<Uint8Array> {
  // Bytes handed over by a framework (raw-body parsers) were not counted by our readers.
  if (body.byteLength > options.bodyLimit) throw new PayloadTooLargeError(options.bodyLimit);
  const result = options.verifier(body, digest);
  if (typeof result !== 'boolean') return result.then((ok) => matched(ok, body));
  return matched(result, body);
}

/**
 * Returns the body of a signed POST once its `X-Hub-Signature-256` matches. Throws a `WebhookError`
 * otherwise: 415 (content type or encoding), 413 (too large), 401 (signature missing, malformed or
 * wrong), 503 `BODY_BUDGET_EXCEEDED` (too many bytes held before verification right now), 400 or 500
 * (the body could not be read). The reservation is released whatever happens.
 */
export function readSignedBody(request: WebhookRequest, options: SignedBodyOptions): Promise<Uint8Array> {
  return readSignedBodyThen(request, options, (body) => body);
}

/**
 * `readSignedBody`, then `next(body)` in the same promise callback, and with `fail`, every failure
 * (headers, budget, read, signature, or `next` throwing) turned into `fail(error)` in that same callback:
 * the request path of `createWebhooks` answers a POST one promise hop after its body arrived (internal).
 */
export function readSignedBodyThen<T>(
  request: WebhookRequest,
  options: SignedBodyOptions,
  next: (body: Uint8Array) => T | Promise<T>,
  fail: (error: unknown) => T = (error) => {
    throw error;
  },
): Promise<T> {
  let digest: Uint8Array;
  let release: (() => void) | undefined;
  try {
    const length = declaredLength(request);
    digest = checkHeaders(request, options.bodyLimit, length);
    // Without a Content-Length (chunked), the body may grow to the limit: reserve all of it.
    release = options.budget.tryReserve(length ?? options.bodyLimit);
    if (release === undefined) {
      throw new RequestError(
        'BODY_BUDGET_EXCEEDED',
        'Too many request bodies are being received at once; retry later.',
      );
    }
  } catch (error) {
    try {
      return Promise.resolve(fail(error));
    } catch (failure) {
      return Promise.reject(failure as Error);
    }
  }
  const done = release;
  // Promise chains rather than async functions: one request crosses here once, with no extra hops.
  let reading: Promise<Uint8Array>;
  try {
    reading = request.readBody();
  } catch (error) {
    reading = Promise.reject(error as Error);
  }
  return reading.then(
    (body) => {
      let checked: Uint8Array | Promise<Uint8Array>;
      try {
        checked = verified(body, digest, options);
      } catch (error) {
        done();
        return fail(error);
      }
      if (checked instanceof Promise)
        return checked
          .finally(done)
          .then(next)
          .catch((error: unknown) => fail(error));
      // The reservation covers the bytes read before verification; parsing and handlers run after it.
      done();
      try {
        const result = next(checked);
        return result instanceof Promise ? result.catch((error: unknown) => fail(error)) : result;
      } catch (error) {
        return fail(error);
      }
    },
    (error: unknown) => {
      done();
      return fail(readError(error));
    },
  );
}
