/**
 * The hostile-input suite every adapter runs (issue 9): property-based fuzzing with fast-check over
 * real keep-alive connections (`fuzz-property.ts`), slow and abusive clients on real sockets, and a
 * memory bound for many oversized bodies at once (`fuzz-abuse.ts`). Every answer is compared with the
 * documented one (`fuzz-model.ts`), or with an answer the adapter's test file documents as coming from
 * the framework or from Node (`fuzz-answers.ts`).
 */
import type { Webhooks } from '@wa-webhooks/core';
import { afterEach, describe, it } from 'vitest';
import { ABUSE_CASES } from './fuzz-abuse';
import type { FrameworkAnswer } from './fuzz-answers';
import type { HeaderSemantics } from './fuzz-model';
import { runGeneratedRequests } from './fuzz-property';
import type { RunningServer } from './http';

export { NODE_HTTP_ANSWERS, closedWithoutAnswer, emptyAnswer } from './fuzz-answers';
export type { FrameworkAnswer } from './fuzz-answers';
export { isClientError, printRequest } from './fuzz-judge';

/** Short server timeouts for the slow-client cases; each adapter maps them onto its framework's knobs. */
export interface ServerTimeouts {
  /** Most time to receive a whole request (Node `server.requestTimeout`). */
  readonly requestTimeout: number;
  /** Most time to receive the request head (Node `server.headersTimeout`). */
  readonly headersTimeout: number;
  /** How often Node checks both (Node `connectionsCheckingInterval`, a `createServer` option). */
  readonly connectionsCheckingInterval: number;
}

/** Boots the adapter under test on 127.0.0.1:0, with the framework's default timeouts or the given ones. */
export type StartFuzzServer = (webhooks: Webhooks, timeouts?: ServerTimeouts) => Promise<RunningServer>;

/** Options of `runAdapterFuzz`. */
export interface AdapterFuzzOptions {
  /** Shown in the test names and the printed counts, e.g. `express 5`. */
  readonly name: string;
  /** Boots the usual setup (the webhook route alone), optionally with short timeouts. */
  readonly start: StartFuzzServer;
  /** How the adapter hands headers to core. */
  readonly headerSemantics: HeaderSemantics;
  /** What the framework and Node answer on their own, and when. */
  readonly frameworkAnswers: readonly FrameworkAnswer[];
  /** Generated requests per run. Default 10 000, multiplied by the `FUZZ_SCALE` environment variable (default 1). */
  readonly requests?: number;
  /** Errors the framework reported out of band during the run (Koa's `app.on('error')`), drained after each batch. */
  readonly drainServerErrors?: () => unknown[];
}

/** The webhooks' body limit during fuzzing: small, so that oversized bodies stay cheap to send. */
export const FUZZ_BODY_LIMIT = 16 * 1024;

/**
 * Registers the hostile-input cases (vitest `describe`/`it`) for one adapter setup: the generated
 * requests, then the slow and abusive clients.
 *
 * @example
 * ```ts
 * runAdapterFuzz({ name: 'express 5', start, headerSemantics: 'node', frameworkAnswers: NODE_HTTP_ANSWERS });
 * ```
 */
export function runAdapterFuzz(options: AdapterFuzzOptions): void {
  const scale = Number(process.env.FUZZ_SCALE ?? 1);
  if (!(scale > 0)) throw new Error(`FUZZ_SCALE must be a positive number, not "${String(process.env.FUZZ_SCALE)}".`);
  const total = Math.ceil((options.requests ?? 10_000) * scale);

  describe(`${options.name}: hostile input`, () => {
    const running: RunningServer[] = [];
    afterEach(async () => {
      await Promise.all(running.splice(0).map((server) => server.close()));
    });
    const boot = async (webhooks: Webhooks, timeouts?: ServerTimeouts): Promise<RunningServer> => {
      const server = await options.start(webhooks, timeouts);
      running.push(server);
      return server;
    };

    it(
      `answers ${total} generated requests as documented, never calls a handler for an unauthenticated body, and still accepts a signed notification`,
      () => runGeneratedRequests(options, boot, total, FUZZ_BODY_LIMIT),
      120_000,
    );

    describe('slow and abusive clients', () => {
      for (const abuse of ABUSE_CASES) it(abuse.name(options.name), () => abuse.run(boot, options.name), abuse.timeout);
    });
  });
}
