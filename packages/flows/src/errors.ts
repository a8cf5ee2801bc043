/**
 * Typed errors of the Flows endpoint: one stable `code` per failure, each with the HTTP status the
 * endpoint answers with. The statuses Meta gives a meaning to are 421, 427 and 432 ("Implementing
 * Endpoints for Flows", section "Error handling", and the "Endpoint error codes" table of the Flows
 * "Error codes" reference: https://developers.facebook.com/docs/whatsapp/flows/reference/error-codes).
 * Messages never contain a key, a passphrase, the app secret, a flow token or decrypted data.
 */

/** Every error code of the Flows endpoint, with the HTTP status it answers with. */
export const FLOW_ERROR_STATUS = {
  // Meta: "432: request signature authentication fails"; the client shows a generic error.
  SIGNATURE_MISSING: 432,
  SIGNATURE_MALFORMED: 432,
  SIGNATURE_MISMATCH: 432,
  // Meta: "421: the payload cannot be decrypted"; the client re-fetches the public key and retries once.
  KEY_DECRYPTION_FAILED: 421,
  PAYLOAD_DECRYPTION_FAILED: 421,
  // Meta: "427: the flow token is no longer valid"; the client closes the Flow and disables its button.
  FLOW_TOKEN_INVALID: 427,
  // The rest are plain HTTP: Meta defines no meaning for them, its client shows a generic error.
  METHOD_NOT_ALLOWED: 405,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  BODY_READ_FAILED: 400,
  INVALID_ENVELOPE: 400,
  INVALID_FLOW_REQUEST: 400,
  UNSUPPORTED_ACTION: 400,
  BODY_BUDGET_EXCEEDED: 503,
  RAW_BODY_UNAVAILABLE: 500,
  NO_HANDLER: 500,
  UNDECLARED_SCREEN: 500,
  INVALID_SCREEN_DATA: 500,
  INVALID_HANDLER_RESPONSE: 500,
  HANDLER_FAILED: 500,
  HANDLER_TIMEOUT: 500,
  PRIVATE_KEY_INVALID: 500,
  PASSPHRASE_MISSING: 500,
  PASSPHRASE_WRONG: 500,
  CONFIGURATION_INVALID: 500,
  INTERNAL_ERROR: 500,
} as const;

/** A stable, machine-readable error code of the Flows endpoint. */
export type FlowErrorCode = keyof typeof FLOW_ERROR_STATUS;

/** The codes thrown at start by `createFlowEndpoint()` (or by `ready()` on Web Crypto). */
export type FlowConfigurationErrorCode =
  'CONFIGURATION_INVALID' | 'PRIVATE_KEY_INVALID' | 'PASSPHRASE_MISSING' | 'PASSPHRASE_WRONG';

const BRAND = Symbol.for('wa-webhooks.flows.error');

/** Codes whose message is sent to the client (the rest get a generic message and are reported). */
const EXPOSED = new Set<FlowErrorCode>(['RAW_BODY_UNAVAILABLE', 'BODY_BUDGET_EXCEEDED']);

/** Base class of every error the Flows endpoint throws or answers with. */
export class FlowEndpointError extends Error {
  /** Stable machine-readable code, e.g. `SIGNATURE_MISMATCH`. */
  readonly code: FlowErrorCode;
  /** HTTP status the endpoint answers with for this error. */
  readonly status: number;
  /** Whether `message` may be sent to the client (true below 500 and for setup problems worth showing). */
  readonly expose: boolean;

  constructor(code: FlowErrorCode, message: string, options: { readonly cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FlowEndpointError';
    this.code = code;
    this.status = FLOW_ERROR_STATUS[code];
    this.expose = this.status < 500 || EXPOSED.has(code);
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * Throw it from a handler when the flow token is no longer valid (the order was placed, the session
 * expired): the endpoint answers 427, and WhatsApp closes the Flow and disables its button. The
 * optional `userMessage` is shown to the user (Meta's `error_msg`), so write it for them.
 *
 * @example
 * ```ts
 * flows.on('data_exchange', async (request) => {
 *   if (await orders.isPlaced(request.flowToken)) throw new InvalidFlowTokenError('This order has already been placed.');
 *   …
 * });
 * ```
 */
export class InvalidFlowTokenError extends FlowEndpointError {
  /** The text WhatsApp shows to the user, if any. */
  readonly userMessage: string | undefined;

  constructor(userMessage?: string) {
    super('FLOW_TOKEN_INVALID', userMessage ?? 'The flow token is no longer valid.');
    this.name = 'InvalidFlowTokenError';
    this.userMessage = userMessage;
  }
}

/**
 * Invalid options or an unusable private key, thrown by `createFlowEndpoint()` (on Web Crypto, a wrong
 * passphrase is only known once the key is decrypted: `ready()` rejects with it).
 */
export class FlowConfigurationError extends FlowEndpointError {
  constructor(code: FlowConfigurationErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(code, message, options);
    this.name = 'FlowConfigurationError';
  }
}

/** Details of a handler's screen data that its schema refused: where, and why (never the values). */
export interface ScreenDataIssue {
  /** Path inside `data`, e.g. `['email']`. */
  readonly path: readonly (string | number)[];
  /** The schema's message. */
  readonly message: string;
}

/** The data a screen sent does not match the schema given for it in `screens`. Status 500. */
export class InvalidScreenDataError extends FlowEndpointError {
  /** The screen whose data was refused. */
  readonly screen: string;
  /** What the schema refused. */
  readonly issues: readonly ScreenDataIssue[];

  constructor(screen: string, issues: readonly ScreenDataIssue[]) {
    const summary = issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length === 0 ? '(data)' : issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    super(
      'INVALID_SCREEN_DATA',
      `The data of screen ${JSON.stringify(screen)} does not match its schema in \`screens\` (${summary}). Make the schema and the Flow JSON agree.`,
    );
    this.name = 'InvalidScreenDataError';
    this.screen = screen;
    this.issues = issues;
  }
}

/**
 * Whether `value` is an error of the Flows endpoint, also across two copies of the library (ESM and
 * CJS, or two versions), where `instanceof` alone would say no.
 */
export function isFlowEndpointError(value: unknown): value is FlowEndpointError {
  return (
    value instanceof FlowEndpointError ||
    (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true)
  );
}
