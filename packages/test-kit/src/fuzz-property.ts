/**
 * The generated-requests case of the fuzz suite: batches of fast-check requests over real keep-alive
 * connections, each answer judged against the documented one (or a framework rule), the handler calls
 * compared with those of a reference instance that only sees the accepted authentic bodies.
 */
import type { WebhookError, Webhooks } from '@wa-webhooks/core';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { AdapterFuzzOptions } from './fuzz';
import type { FrameworkAnswer } from './fuzz-answers';
import {
  coreMismatch,
  describeOutcome,
  isClientError,
  leaks,
  pathOf,
  portOf,
  printRequest,
  recordingWebhooks,
  watchProcess,
} from './fuzz-judge';
import { predict, type CoreExpectation, type ModelSettings } from './fuzz-model';
import { fuzzRequestArb, signedNotification, toWire, type FuzzRequest, type SoftTag } from './fuzz-requests';
import type { RunningServer } from './http';
import { freshWamid } from './notifications';
import { WirePool, mapConcurrent, type WireOutcome } from './raw-http';
import { APP_SECRET, ROTATED_APP_SECRET, VERIFY_TOKEN } from './signer';

const BATCH = 100;
const CONCURRENCY = 12;

/** What one run holds while batches go through. */
interface Run {
  readonly options: AdapterFuzzOptions;
  readonly settings: ModelSettings;
  readonly port: number;
  readonly pool: WirePool;
  /** Handler calls of the instance behind the server, and of the reference instance. */
  readonly calls: string[];
  readonly expectedCalls: string[];
  readonly reference: Webhooks;
  readonly reported: WebhookError[];
  readonly counts: Map<string, number>;
  sent: number;
}

function count(run: Run, key: string): void {
  run.counts.set(key, (run.counts.get(key) ?? 0) + 1);
}

/** The summary key of an answer that matched what core must give. */
function coreKey(expected: CoreExpectation, outcome: WireOutcome): string {
  if (expected.status === 200)
    return expected.challenge !== undefined ? 'wa-webhooks 200 handshake' : 'wa-webhooks 200 notification';
  if (outcome.kind === 'closed')
    return `wa-webhooks ${expected.status} ${expected.code} (connection reset before the answer was read)`;
  return `wa-webhooks ${expected.status} ${expected.code}`;
}

/** Judges one answer; throws with the request printed when it is not a documented answer. */
async function judge(run: Run, request: FuzzRequest, outcome: WireOutcome, unsolicited: Buffer): Promise<void> {
  const fail = (why: string): never => {
    throw new Error(`${why}\n  request: ${printRequest(request)}`);
  };
  if (outcome.kind === 'timeout') fail('no answer within 15 s: the server hung');
  const leak = leaks(request, outcome, run.port);
  if (leak) fail(leak);
  const expected = predict(request, run.settings);
  const trailing =
    unsolicited.byteLength > 0
      ? `the server wrote bytes nobody asked for: ${JSON.stringify(unsolicited.toString('latin1').slice(0, 200))}`
      : undefined;
  const mismatch =
    expected === undefined
      ? 'only the framework answers this request'
      : (coreMismatch(request, outcome, expected) ?? trailing);
  if (mismatch === undefined) {
    count(run, coreKey(expected!, outcome));
    // receive() parses strings as JSON text: hand a string body over as its JSON text.
    const { payload } = expected!;
    if (payload !== undefined)
      await run.reference.receive(typeof payload === 'string' ? JSON.stringify(payload) : payload);
    return;
  }
  const rule = run.options.frameworkAnswers.find(
    (candidate: FrameworkAnswer) =>
      (candidate.when === request.violation || request.tags.includes(candidate.when as SoftTag)) &&
      (candidate.isFollowedByAnother === true) === unsolicited.byteLength > 0 &&
      candidate.matches(outcome, request, unsolicited),
  );
  if (rule === undefined) {
    const violation =
      expected === undefined ? ` (violation ${request.violation}; got ${describeOutcome(outcome)})` : '';
    fail(`${mismatch}${violation}${trailing && mismatch !== trailing ? `; ${trailing}` : ''}`);
  }
  count(run, `${rule!.source}: ${rule!.answer} [${rule!.when}]`);
}

/** Sends one batch, judges every answer, then checks the handler calls and what was reported out of band. */
async function checkBatch(run: Run, batch: readonly FuzzRequest[], processFailures: readonly string[]): Promise<void> {
  run.calls.length = 0;
  run.expectedCalls.length = 0;
  const results = await mapConcurrent(batch, CONCURRENCY, (request) =>
    // A request the parser refused has no method as far as the server knows, so its answer may have a
    // body; Node answers a missing Host or an unknown Expect knowing the method.
    run.pool.send(toWire(request, run.port), {
      isHead:
        request.method === 'HEAD' && [undefined, 'missing-host', 'expect-unsupported'].includes(request.violation),
    }),
  );
  run.sent += batch.length;
  for (const [index, request] of batch.entries()) {
    const { outcome, unsolicited } = results[index]!;
    await judge(run, request, outcome, unsolicited);
  }
  // Only authentic bodies reach handlers, each exactly as often as it was accepted.
  expect([...run.calls].sort(), 'handler calls (left) against those of the accepted authentic bodies (right)').toEqual(
    [...run.expectedCalls].sort(),
  );
  const serverErrors = (run.options.drainServerErrors?.() ?? []).filter((error) => !isClientError(error));
  if (serverErrors.length > 0) {
    const list = serverErrors.map((error) => `${String((Object(error) as { code?: unknown }).code)} ${String(error)}`);
    throw new Error(`the framework reported errors that are not client errors: ${list.join('; ')}`);
  }
  if (processFailures.length > 0) throw new Error(`the process reported: ${processFailures.join('; ')}`);
  if (run.reported.length > 0)
    throw new Error(`onError was told: ${run.reported.map((error) => `${error.code}: ${error.message}`).join('; ')}`);
}

/** Runs `total` generated requests in batches against `server`; throws the smallest failure found. */
async function runBatches(run: Run, server: RunningServer, total: number, seed: number): Promise<void> {
  await watchProcess(async (processFailures) => {
    const requests = fc.array(fuzzRequestArb({ path: pathOf(server), bodyLimit: run.settings.bodyLimit }), {
      minLength: BATCH,
      maxLength: BATCH,
    });
    const property = fc.asyncProperty(requests, (batch) => checkBatch(run, batch, processFailures));
    // Shrinking re-sends whole batches; stop it in time to report the smallest failure found so far.
    const details = await fc.check(property, {
      numRuns: Math.ceil(total / BATCH),
      seed,
      interruptAfterTimeLimit: 80_000,
      markInterruptAsFailure: false,
    });
    if (details.failed) {
      const error = details.errorInstance;
      throw new Error(
        `${run.options.name}: a generated request was not answered as documented (replay with FUZZ_SEED=${seed}; shrunk ${details.numShrinks} times)\n${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
}

/**
 * The generated-requests case: boots the adapter around a recording instance with a small body limit,
 * runs the batches, then checks that the server still accepts a signed notification, and prints the
 * answers it saw by kind.
 */
export async function runGeneratedRequests(
  options: AdapterFuzzOptions,
  boot: (webhooks: Webhooks) => Promise<RunningServer>,
  total: number,
  bodyLimit: number,
): Promise<void> {
  const calls: string[] = [];
  const webhooks = recordingWebhooks(calls, bodyLimit);
  const reported: WebhookError[] = [];
  webhooks.onError((error) => {
    reported.push(error);
  });
  // The same handlers on an instance that is never reached over HTTP: what each accepted body must cause.
  const expectedCalls: string[] = [];
  const server = await boot(webhooks);
  const port = portOf(server);
  const settings = {
    semantics: options.headerSemantics,
    bodyLimit,
    secrets: [APP_SECRET, ROTATED_APP_SECRET],
    verifyToken: VERIFY_TOKEN,
  };
  const run: Run = {
    options,
    settings,
    port,
    pool: new WirePool(port),
    calls,
    expectedCalls,
    reference: recordingWebhooks(expectedCalls, bodyLimit),
    reported,
    counts: new Map(),
    sent: 0,
  };
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const started = performance.now();
  await runBatches(run, server, total, seed);

  // The server is still up and still does its job.
  const wamid = freshWamid();
  const { outcome } = await run.pool.send(toWire(signedNotification(pathOf(server), 'after the storm', wamid), port));
  run.pool.close();
  expect(outcome.kind === 'response' ? [outcome.response.status, outcome.response.body.toString()] : outcome).toEqual([
    200,
    '',
  ]);
  expect(calls).toContain(`any message messages.text m:${wamid}`);

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [...run.counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `    ${String(n).padStart(6)}  ${key}`);
  process.stdout.write(
    `[fuzz] ${options.name}: ${run.sent} generated requests in ${seconds} s (seed ${seed})\n${lines.join('\n')}\n`,
  );
  expect(run.sent).toBeGreaterThanOrEqual(total);
}
