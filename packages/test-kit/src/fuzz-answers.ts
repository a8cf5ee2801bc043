/**
 * Answers that come from Node.js or the framework rather than from wa-webhooks (requests that break
 * HTTP itself), as the fuzz suite accepts them: each adapter's test file lists the rules of its
 * framework, `NODE_HTTP_ANSWERS` holds those of a plain `node:http` server.
 */
import type { FuzzRequest, SoftTag, Violation } from './fuzz-requests';
import type { WireOutcome } from './raw-http';

/** An answer that comes from the framework or from Node, not from wa-webhooks. */
export interface FrameworkAnswer {
  /** Who answers, e.g. `Node.js HTTP parser`. */
  readonly source: string;
  /** The request feature it answers. */
  readonly when: Violation | SoftTag;
  /** The answer in words, for the report and SECURITY.md, e.g. `400, empty body, connection closed`. */
  readonly answer: string;
  /**
   * Whether `outcome` is that answer. `trailing` holds what the server wrote after it on the same
   * connection; it must be empty unless the rule says `isFollowedByAnother`.
   */
  readonly matches: (outcome: WireOutcome, request: FuzzRequest, trailing: Buffer) => boolean;
  /** The framework writes a second answer after this one (see the Fastify rules). */
  readonly isFollowedByAnother?: boolean;
}

/** `status` with an empty body, as Node's HTTP server writes it for requests it refuses. */
export function emptyAnswer(status: number): (outcome: WireOutcome) => boolean {
  return (outcome) =>
    outcome.kind === 'response' && outcome.response.status === status && outcome.response.body.byteLength === 0;
}

/** The connection was closed without an answer. */
export const closedWithoutAnswer = (outcome: WireOutcome): boolean => outcome.kind === 'closed';

/**
 * What a plain `node:http` server answers before the application runs (Express, Koa, and Hono on
 * `@hono/node-server` use it unchanged; see lib/_http_server.js: socketOnError, parserOnIncoming).
 */
export const NODE_HTTP_ANSWERS: readonly FrameworkAnswer[] = [
  ...(
    [
      'method-token',
      'header-byte',
      'header-name',
      'target-byte',
      'duplicate-content-length',
      'length-and-chunked',
      'bad-chunk',
    ] as const
  ).map((when): FrameworkAnswer => ({
    source: 'Node.js HTTP parser (llhttp)',
    when,
    answer: '400, empty body, connection closed',
    matches: emptyAnswer(400),
  })),
  {
    source: 'Node.js HTTP server',
    when: 'missing-host',
    answer: '400, empty body, connection closed',
    matches: emptyAnswer(400),
  },
  {
    source: 'Node.js HTTP parser (maxHeaderSize 16 KiB)',
    when: 'header-too-large',
    answer: '431, empty body, connection closed',
    matches: emptyAnswer(431),
  },
  {
    source: 'Node.js HTTP server (no checkExpectation listener)',
    when: 'expect-unsupported',
    answer: '417, empty body',
    matches: emptyAnswer(417),
  },
  {
    source: 'Node.js HTTP server (no connect listener)',
    when: 'connect-method',
    answer: 'connection closed, no answer',
    matches: closedWithoutAnswer,
  },
];
