/**
 * `wa-webhooks send`: sign and POST a built-in kind (fresh ids every time) or a JSON file (byte for
 * byte), `repeat` times with up to `concurrency` requests in flight, each carrying `batch` events.
 */
import { buildBatch, type WebhookPayload } from '../builders';
import { SendError } from '../errors';
import { buildFixture, type FixtureKind } from '../kinds';
import { sendNotification, type SendResult } from '../send';
import { EXIT, isServerDown, SERVER_DOWN_HINT, type CliIo, type ExitCode } from './io';

/** What `send` posts: a built-in kind, or the exact bytes of a JSON file. */
export type SendTarget =
  | { readonly type: 'kind'; readonly kind: FixtureKind }
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
  readonly quiet: boolean;
  /** Milliseconds between progress lines, the first one after this long (default 1000). */
  readonly progressEvery?: number;
}

/** Hints for the answers people get most, keyed by the JSON error code or the status. */
const HINTS: Readonly<Record<string, string>> = {
  SIGNATURE_MISMATCH:
    'The server verifies with another app secret: pass the one it uses with --secret (or WHATSAPP_APP_SECRET).',
  SIGNATURE_MISSING: 'The X-Hub-Signature-256 header did not reach the webhook: a proxy in between may strip it.',
  SIGNATURE_MALFORMED: 'The X-Hub-Signature-256 header arrived altered: a proxy in between may rewrite it.',
  RAW_BODY_UNAVAILABLE:
    'A body parser read the request before the webhook: mount the webhook route before express.json() / bodyParser() (see the adapter README).',
  HANDLER_FAILED: "A handler threw: the server's log says which one. Meta would retry this notification.",
  HANDLER_TIMEOUT: 'The handlers took longer than handlerTimeout. Meta would retry this notification.',
  INVALID_JSON: 'The server could not parse the body as JSON: check the file.',
  PAYLOAD_TOO_LARGE: 'The body is larger than the server accepts (Meta sends up to 3 MB): raise bodyLimit.',
  UNSUPPORTED_MEDIA_TYPE: 'The server did not accept application/json on this route.',
  '404': 'Nothing answers POST at this URL: check --url (the examples use /webhook).',
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

/** Runs `send` and returns its exit code. */
export async function runSend(options: SendRunOptions, io: CliIo): Promise<ExitCode> {
  const { target, repeat, batch } = options;
  const label = target.type === 'kind' ? target.kind.name : target.path;
  const describe =
    target.type === 'kind'
      ? `${target.kind.name} (${target.kind.event})${batch > 1 ? ` × ${batch} per request` : ''}`
      : `${target.path} (${target.bytes.byteLength} bytes, sent as is)`;
  io.stderr(
    `POST ${options.url}: ${describe}, ${repeat} request${repeat === 1 ? '' : 's'}${options.concurrency > 1 ? `, ${options.concurrency} at a time` : ''}\n`,
  );

  const width = String(repeat).length;
  const results: SendResult[] = [];
  const counts = new Map<string, number>();
  const hints = new Set<string>();
  let networkError: SendError | undefined;
  let next = 0;
  let done = 0;
  let progressShown = false;
  const started = performance.now();

  const progressLine = (): string => {
    const seconds = (performance.now() - started) / 1000;
    const failed = done - (counts.get('200 OK') ?? 0);
    return `progress: ${done}/${repeat} answered, ${failed} failed, ${(done / seconds).toFixed(1)} req/s`;
  };
  const every = options.progressEvery ?? 1000;
  const timer = setInterval(() => {
    progressShown = true;
    io.stderr(io.isTTY ? `\r\x1b[K${progressLine()}` : `${progressLine()}\n`);
  }, every);
  timer.unref?.();

  const print = (line: string): void => {
    io.stdout(io.isTTY && progressShown ? `\r\x1b[K${line}\n` : `${line}\n`);
  };

  const worker = async (): Promise<void> => {
    while (next < repeat && networkError === undefined) {
      const index = next++;
      let payload: WebhookPayload | Uint8Array;
      if (target.type === 'kind') {
        payload =
          batch === 1
            ? buildFixture(target.kind.name)
            : buildBatch(Array.from({ length: batch }, () => buildFixture(target.kind.name)));
      } else {
        payload = target.bytes;
      }
      const position = `${String(index + 1).padStart(width)}/${repeat}`;
      try {
        const result = await sendNotification(options.url, payload, {
          secret: options.secret,
          metaEscaping: options.metaEscaping,
          timeout: options.timeout,
        });
        done += 1;
        results.push(result);
        const key = outcome(result);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (!result.ok) {
          const hint = hintFor(result);
          if (hint !== undefined) hints.add(hint);
        }
        if (!options.quiet || !result.ok) {
          const id = payload instanceof Uint8Array ? undefined : firstItemId(payload);
          const what = `${label}${batch > 1 ? ` ×${batch}` : ''}${id === undefined ? '' : ` ${id}`}`;
          const detail = result.ok
            ? what
            : `${what}: ${result.errorMessage ?? (result.body.slice(0, 200) || '(empty body)')}`;
          print(`${position}  ${key}  ${ms(result.durationMs)}  ${detail}`);
        }
      } catch (error) {
        if (!(error instanceof SendError)) throw error;
        networkError ??= error;
        print(`${position}  no answer (${error.code})`);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, repeat) }, worker));
  } finally {
    clearInterval(timer);
    if (io.isTTY && progressShown) io.stderr('\r\x1b[K');
  }

  const elapsed = performance.now() - started;
  const durations = results.map((result) => result.durationMs).sort((a, b) => a - b);
  const ok = counts.get('200 OK') ?? 0;
  const events = target.type === 'kind' ? results.length * batch : undefined;
  const answers = [...counts.entries()].map(([key, count]) => `${count} × ${key}`).join(', ') || 'no answers';
  const latency =
    durations.length === 0
      ? ''
      : ` Latency p50 ${ms(percentile(durations, 0.5))}, p95 ${ms(percentile(durations, 0.95))}, max ${ms(durations.at(-1)!)}.`;
  io.stdout(
    `Summary: ${results.length}/${repeat} request${repeat === 1 ? '' : 's'} answered${events === undefined ? '' : ` (${events} event${events === 1 ? '' : 's'})`} in ${(elapsed / 1000).toFixed(2)} s: ${answers}.${latency}\n`,
  );

  if (networkError !== undefined) {
    const stopped = results.length + 1 < repeat ? ' Stopped sending.' : '';
    io.stderr(`Error: ${networkError.message}${stopped}\n`);
    if (isServerDown(networkError)) {
      io.stderr(SERVER_DOWN_HINT);
    }
    return EXIT.UNREACHABLE;
  }
  for (const hint of hints) io.stderr(`Hint: ${hint}\n`);
  return ok === results.length ? EXIT.OK : EXIT.FAILED;
}
