/**
 * `wa-webhooks send`: sign and POST a built-in kind (fresh ids every time), a message of an unknown type,
 * or a JSON file (byte for byte), `repeat` times with up to `concurrency` requests in flight, each
 * carrying `batch` events, and with `duplicate` each one twice, byte for byte.
 */
import { buildBatch, buildUnknownMessage, type WebhookPayload } from '../builders';
import { SendError } from '../errors';
import { buildFixture, type FixtureKind } from '../kinds';
import { sendNotification, type SendResult } from '../send';
import { serializePayload } from '../wire';
import { EXIT, isServerDown, SERVER_DOWN_HINT, type CliIo, type ExitCode } from './io';

/** What `send` posts: a built-in kind, a message of a type no schema knows, or the exact bytes of a JSON file. */
export type SendTarget =
  | { readonly type: 'kind'; readonly kind: FixtureKind }
  | { readonly type: 'unknown' }
  | { readonly type: 'file'; readonly path: string; readonly bytes: Uint8Array };

/** The settings of one `send` run. */
export interface SendRunOptions {
  readonly target: SendTarget;
  readonly url: string;
  readonly secret: string;
  readonly batch: number;
  readonly repeat: number;
  readonly concurrency: number;
  readonly timeout: number;
  readonly metaEscaping: boolean;
  /** Send every request a second time, byte for byte (Meta delivers some notifications twice). */
  readonly duplicate?: boolean;
  readonly quiet: boolean;
  /** Milliseconds between progress lines, the first one after this long (default 1000). */
  readonly progressEvery?: number;
}

/** Hints for the answers people get most, keyed by the JSON error code or the status. */
const HINTS: Readonly<Record<string, string>> = {
  SIGNATURE_MISMATCH:
    'The server verifies with another app secret: pass the one it uses with --secret-file (or WHATSAPP_APP_SECRET).',
  SIGNATURE_MISSING: 'The X-Hub-Signature-256 header did not reach the webhook: a proxy in between may strip it.',
  SIGNATURE_MALFORMED: 'The X-Hub-Signature-256 header arrived altered: a proxy in between may rewrite it.',
  RAW_BODY_UNAVAILABLE:
    'A body parser read the request before the webhook: mount the webhook route before express.json() / bodyParser() (see the adapter README).',
  HANDLER_FAILED: "A handler threw: the server's log says which one. Meta would retry this notification.",
  HANDLER_TIMEOUT: 'The handlers took longer than handlerTimeout. Meta would retry this notification.',
  INVALID_JSON: 'The server could not parse the body as JSON: check the file.',
  PAYLOAD_TOO_LARGE: 'The body is larger than the server accepts (Meta sends up to 3 MB): raise bodyLimit.',
  UNSUPPORTED_MEDIA_TYPE: 'The server did not accept application/json on this route.',
  '404': 'Nothing answers POST at this URL: check --url (the wa-webhooks examples use /webhook).',
  '405': 'This route does not accept POST: check --url.',
  '3xx': 'The server redirected: Meta does not follow redirects, so register the final URL.',
};

function hintFor(result: SendResult): string | undefined {
  if (result.errorCode !== undefined && HINTS[result.errorCode] !== undefined) return HINTS[result.errorCode];
  if (result.status >= 300 && result.status < 400) return HINTS['3xx'];
  return HINTS[String(result.status)];
}

function outcome(result: SendResult): string {
  if (result.ok) return '200 OK';
  return `${result.status} ${result.errorCode ?? (result.status >= 300 && result.status < 400 ? 'REDIRECT' : 'ERROR')}`;
}

/** The ids a reader can look for in the server's log: wamids of messages and statuses. */
function firstItemId(payload: WebhookPayload): string | undefined {
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      for (const key of ['messages', 'statuses'] as const) {
        const items = change.value[key];
        if (Array.isArray(items)) {
          const id = (items[0] as { id?: unknown } | undefined)?.id;
          if (typeof id === 'string') return id;
        }
      }
    }
  }
  return undefined;
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** One notification to send: its exact bytes, and what the output line names it by. */
interface Prepared {
  readonly bytes: Uint8Array;
  readonly what: string;
}

/** Builds request `index`'s body once, so that a duplicate is the same bytes. */
function prepare(options: SendRunOptions, label: string): Prepared {
  const { target, batch } = options;
  if (target.type === 'file') return { bytes: target.bytes, what: label };
  const one = (): WebhookPayload => (target.type === 'kind' ? buildFixture(target.kind.name) : buildUnknownMessage());
  const payload = batch === 1 ? one() : buildBatch(Array.from({ length: batch }, one));
  const bytes = new TextEncoder().encode(serializePayload(payload, { metaEscaping: options.metaEscaping }));
  const id = firstItemId(payload);
  return { bytes, what: `${label}${batch > 1 ? ` ×${batch}` : ''}${id === undefined ? '' : ` ${id}`}` };
}

/** What a run collects while it sends. */
class SendRun {
  readonly results: SendResult[] = [];
  readonly counts = new Map<string, number>();
  readonly hints = new Set<string>();
  networkError: SendError | undefined;
  next = 0;
  progressShown = false;
  readonly started = performance.now();

  constructor(
    readonly options: SendRunOptions,
    readonly io: CliIo,
    readonly label: string,
  ) {}

  /** The number of requests, duplicates included. */
  get total(): number {
    return this.options.repeat * (this.options.duplicate === true ? 2 : 1);
  }

  print(line: string): void {
    this.io.stdout(this.io.isTTY && this.progressShown ? `\r\x1b[K${line}\n` : `${line}\n`);
  }

  progressLine(): string {
    const seconds = (performance.now() - this.started) / 1000;
    const done = this.results.length;
    const failed = done - (this.counts.get('200 OK') ?? 0);
    return `progress: ${done}/${this.total} answered, ${failed} failed, ${(done / seconds).toFixed(1)} req/s`;
  }

  /** Sends one body and prints its line; a network failure stops the run. */
  async send(prepared: Prepared, position: string, copy: string): Promise<void> {
    try {
      const result = await sendNotification(this.options.url, prepared.bytes, {
        secret: this.options.secret,
        timeout: this.options.timeout,
      });
      this.results.push(result);
      const key = outcome(result);
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      const hint = result.ok ? undefined : hintFor(result);
      if (hint !== undefined) this.hints.add(hint);
      if (this.options.quiet && result.ok) return;
      const what = `${prepared.what}${copy}`;
      const detail = result.ok
        ? what
        : `${what}: ${result.errorMessage ?? (result.body.slice(0, 200) || '(empty body)')}`;
      this.print(`${position}  ${key}  ${ms(result.durationMs)}  ${detail}`);
    } catch (error) {
      if (!(error instanceof SendError)) throw error;
      this.networkError ??= error;
      this.print(`${position}  no answer (${error.code})`);
    }
  }

  /** Takes the next request number and sends it (and its duplicate) until none is left. */
  async worker(): Promise<void> {
    const { repeat } = this.options;
    while (this.next < repeat && this.networkError === undefined) {
      const index = this.next++;
      const prepared = prepare(this.options, this.label);
      const position = `${String(index + 1).padStart(String(repeat).length)}/${repeat}`;
      await this.send(prepared, position, '');
      if (this.options.duplicate === true && this.networkError === undefined)
        await this.send(prepared, position, ' (exact duplicate)');
    }
  }
}

function describeTarget(options: SendRunOptions): string {
  const { target, batch } = options;
  const perRequest = batch > 1 ? ` × ${batch} per request` : '';
  if (target.type === 'kind') return `${target.kind.name} (${target.kind.event})${perRequest}`;
  if (target.type === 'unknown') return `unknown_type (a message type no schema knows: onUnknown)${perRequest}`;
  return `${target.path} (${target.bytes.byteLength} bytes, sent as is)`;
}

function summary(run: SendRun): string {
  const { options, results, counts } = run;
  const durations = results.map((result) => result.durationMs).sort((a, b) => a - b);
  const events = options.target.type === 'file' ? undefined : results.length * options.batch;
  const answers = [...counts.entries()].map(([key, count]) => `${count} × ${key}`).join(', ') || 'no answers';
  const latency =
    durations.length === 0
      ? ''
      : ` Latency p50 ${ms(percentile(durations, 0.5))}, p95 ${ms(percentile(durations, 0.95))}, max ${ms(durations.at(-1)!)}.`;
  const seconds = ((performance.now() - run.started) / 1000).toFixed(2);
  const what = `${results.length}/${run.total} request${run.total === 1 ? '' : 's'} answered`;
  return `Summary: ${what}${events === undefined ? '' : ` (${plural(events, 'event')})`} in ${seconds} s: ${answers}.${latency}\n`;
}

/** Runs `send` and returns its exit code. */
export async function runSend(options: SendRunOptions, io: CliIo): Promise<ExitCode> {
  const { target, repeat } = options;
  const label = target.type === 'kind' ? target.kind.name : target.type === 'unknown' ? 'unknown_type' : target.path;
  const twice = options.duplicate === true ? ', each sent twice' : '';
  const parallel = options.concurrency > 1 ? `, ${options.concurrency} at a time` : '';
  io.stderr(`POST ${options.url}: ${describeTarget(options)}, ${plural(repeat, 'request')}${twice}${parallel}\n`);
  const run = new SendRun(options, io, label);
  const timer = setInterval(() => {
    run.progressShown = true;
    io.stderr(io.isTTY ? `\r\x1b[K${run.progressLine()}` : `${run.progressLine()}\n`);
  }, options.progressEvery ?? 1000);
  timer.unref?.();
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, repeat) }, () => run.worker()));
  } finally {
    clearInterval(timer);
    if (io.isTTY && run.progressShown) io.stderr('\r\x1b[K');
  }
  io.stdout(summary(run));
  if (run.networkError !== undefined) {
    const stopped = run.results.length + 1 < run.total ? ' Stopped sending.' : '';
    io.stderr(`Error: ${run.networkError.message}${stopped}\n`);
    if (isServerDown(run.networkError)) io.stderr(SERVER_DOWN_HINT);
    return EXIT.UNREACHABLE;
  }
  for (const hint of run.hints) io.stderr(`Hint: ${hint}\n`);
  return (run.counts.get('200 OK') ?? 0) === run.results.length ? EXIT.OK : EXIT.FAILED;
}
