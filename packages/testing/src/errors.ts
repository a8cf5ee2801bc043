/**
 * The errors the testing kit throws. Each has a `code`, so tests and the CLI can tell them apart
 * without parsing messages.
 */

/** Every code a `TestingError` can carry. */
export type TestingErrorCode =
  'UNKNOWN_KIND' | 'INVALID_OPTION' | 'INVALID_PAYLOAD' | 'INVALID_URL' | 'UNREACHABLE' | 'TIMEOUT' | 'TLS';

/** Base class of the errors thrown by `@wa-webhooks/testing`. */
export class TestingError extends Error {
  /** What went wrong, as a stable string. */
  readonly code: TestingErrorCode;

  constructor(code: TestingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TestingError';
    this.code = code;
  }
}

/** Thrown by `buildFixture()` for a kind name that is not in `FIXTURE_KINDS`. */
export class UnknownKindError extends TestingError {
  /** The name that was asked for. */
  readonly kind: string;
  /** The closest known kind names, best first (may be empty). */
  readonly suggestions: readonly string[];

  constructor(kind: string, suggestions: readonly string[]) {
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((name) => `"${name}"`).join(' or ')}?` : '';
    super('UNKNOWN_KIND', `Unknown notification kind "${kind}".${hint} Run "wa-webhooks kinds" for the list.`);
    this.name = 'UnknownKindError';
    this.kind = kind;
    this.suggestions = suggestions;
  }
}

/**
 * Thrown by `sendNotification()` and `checkHandshake()` when no HTTP answer arrived: the URL is invalid,
 * nothing listens there, the request timed out, or the TLS handshake failed. A server that answers with
 * any status (even 500) is not an error: the result carries the status.
 */
export class SendError extends TestingError {
  /** The URL that was called. */
  readonly url: string;
  /** The system error code behind it, when there is one: `ECONNREFUSED`, `ENOTFOUND`, `DEPTH_ZERO_SELF_SIGNED_CERT`, … */
  readonly systemCode: string | undefined;

  constructor(
    code: 'INVALID_URL' | 'UNREACHABLE' | 'TIMEOUT' | 'TLS',
    url: string,
    message: string,
    options?: { cause?: unknown; systemCode?: string },
  ) {
    super(code, message, options);
    this.name = 'SendError';
    this.url = url;
    this.systemCode = options?.systemCode;
  }
}
