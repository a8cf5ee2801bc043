/**
 * HTTP/1.1 over a bare `net` socket, for requests that `fetch` and `node:http`'s client refuse to send:
 * invalid method tokens, control bytes or latin1 in headers, a missing Host, Content-Length together with
 * Transfer-Encoding, bodies that stop half-way. Requests go out byte for byte as given; responses are
 * parsed just enough to know where each one ends (Content-Length, chunked, or close), so connections
 * can be kept alive and reused.
 */
import { connect, type Socket } from 'node:net';

/** One HTTP response as it came off the wire. */
export interface WireResponse {
  /** Status code of the final (non-1xx) response. */
  readonly status: number;
  /** Header names in lower case; repeated headers keep every value. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** The body bytes (de-chunked). */
  readonly body: Buffer;
  /** Interim 1xx statuses received before the final response (e.g. 100 for `Expect: 100-continue`). */
  readonly interim: readonly number[];
}

/** What became of one request on a connection. */
export type WireOutcome =
  | { readonly kind: 'response'; readonly response: WireResponse; readonly closedAfter: boolean }
  | { readonly kind: 'closed'; readonly error?: string }
  | { readonly kind: 'timeout' };

/** Serialises a request head: request line, headers (values may hold any byte), blank line. */
export function requestHead(
  method: string,
  target: string,
  headers: ReadonlyArray<readonly [string, string | Uint8Array]>,
): Buffer {
  const parts: Buffer[] = [Buffer.from(`${method} ${target} HTTP/1.1\r\n`, 'latin1')];
  for (const [name, value] of headers) {
    parts.push(
      Buffer.from(`${name}: `, 'latin1'),
      typeof value === 'string' ? Buffer.from(value, 'latin1') : Buffer.from(value),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

/** Encodes `body` as chunked transfer coding, split into pieces of the given sizes (the rest in one). */
export function chunked(body: Uint8Array, sizes: readonly number[] = []): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (const size of [...sizes, body.byteLength]) {
    if (offset >= body.byteLength) break;
    const piece = body.subarray(offset, Math.min(body.byteLength, offset + Math.max(1, size)));
    parts.push(Buffer.from(`${piece.byteLength.toString(16)}\r\n`), Buffer.from(piece), Buffer.from('\r\n'));
    offset += piece.byteLength;
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

const CRLF2 = Buffer.from('\r\n\r\n');

interface Pending {
  readonly isHead: boolean;
  readonly resolve: (outcome: WireOutcome) => void;
  readonly timer: NodeJS.Timeout;
  readonly interim: number[];
}

/**
 * One keep-alive client connection. `exchange` sends a request and resolves with the response, or with
 * `closed` when the server closed the connection without answering, or `timeout`. One request at a time.
 */
export class WireConnection {
  private readonly socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Pending | undefined;
  private ready: Promise<void>;
  private isClosed = false;
  private closeError: string | undefined;
  /** Bytes the server sent when no request was waiting (a protocol desync); empty when all is well. */
  readonly unsolicited: Buffer[] = [];

  constructor(port: number, host = '127.0.0.1') {
    this.socket = connect({ port, host, noDelay: true });
    this.ready = new Promise((resolve) => this.socket.once('connect', () => resolve()));
    this.socket.on('data', (data: Buffer) => this.onData(data));
    this.socket.on('error', (error: NodeJS.ErrnoException) => {
      this.closeError ??= error.code ?? error.message;
    });
    this.socket.on('close', () => this.onClose());
  }

  /** Whether the server (or an error) closed this connection. */
  get closed(): boolean {
    return this.isClosed;
  }

  /**
   * Writes `bytes` and waits for one response. `isHead` tells the parser that the response has no body.
   * Write errors after the server answered (it may answer 413 and close before reading everything) are
   * expected and ignored.
   */
  async exchange(
    bytes: Buffer | readonly Buffer[],
    options: { isHead?: boolean; timeoutMs?: number } = {},
  ): Promise<WireOutcome> {
    if (this.pending) throw new Error('WireConnection: one request at a time.');
    await this.ready.catch(() => undefined);
    if (this.isClosed) return { kind: 'closed', ...(this.closeError ? { error: this.closeError } : {}) };
    return new Promise<WireOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.socket.destroy();
        resolve({ kind: 'timeout' });
      }, options.timeoutMs ?? 15_000);
      timer.unref();
      this.pending = { isHead: options.isHead ?? false, resolve, timer, interim: [] };
      for (const piece of Array.isArray(bytes) ? bytes : [bytes as Buffer]) this.socket.write(piece, () => undefined);
      this.parse();
    });
  }

  /** Writes raw bytes without waiting for anything (slow-client tests). */
  write(bytes: Buffer | string): Promise<void> {
    return this.ready.then(
      () =>
        new Promise<void>((resolve) => {
          if (this.isClosed) return resolve();
          this.socket.write(bytes, () => resolve());
        }),
    );
  }

  /** Resolves when the server closes the connection, with whatever it sent that no request waited for. */
  whenClosed(): Promise<Buffer> {
    if (this.isClosed) return Promise.resolve(Buffer.concat([...this.unsolicited, this.buffer]));
    return new Promise((resolve) =>
      this.socket.once('close', () => resolve(Buffer.concat([...this.unsolicited, this.buffer]))),
    );
  }

  /** Closes the connection from the client side. */
  destroy(): void {
    this.socket.destroy();
  }

  private onData(data: Buffer): void {
    this.buffer = this.buffer.byteLength === 0 ? data : Buffer.concat([this.buffer, data]);
    if (this.pending) this.parse();
    else if (this.buffer.byteLength > 0) {
      this.unsolicited.push(this.buffer);
      this.buffer = Buffer.alloc(0);
    }
  }

  private onClose(): void {
    this.isClosed = true;
    const pending = this.pending;
    if (!pending) return;
    // A response delimited by the end of the connection (no Content-Length, not chunked).
    const framed = this.parse(true);
    if (framed) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve({ kind: 'closed', ...(this.closeError ? { error: this.closeError } : {}) });
  }

  /** Tries to take one complete response off the buffer; returns whether it resolved the pending request. */
  private parse(atClose = false): boolean {
    const pending = this.pending;
    if (!pending) return false;
    for (;;) {
      const end = this.buffer.indexOf(CRLF2);
      if (end === -1) return false;
      const lines = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? NaN);
      if (!Number.isInteger(status)) {
        // Not HTTP: hand everything back as a closed exchange.
        this.finish(pending, {
          kind: 'closed',
          error: `unparseable response: ${JSON.stringify(lines[0]?.slice(0, 80))}`,
        });
        this.socket.destroy();
        return true;
      }
      const headers: Record<string, string[]> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        (headers[name] ??= []).push(line.slice(colon + 1).trim());
      }
      const bodyStart = end + 4;
      if (status >= 100 && status < 200) {
        pending.interim.push(status);
        this.buffer = this.buffer.subarray(bodyStart);
        continue;
      }
      const noBody = pending.isHead || status === 204 || status === 304;
      const isChunked = /\bchunked\b/i.test((headers['transfer-encoding'] ?? []).join(','));
      const length = headers['content-length']?.[0];
      let body: Buffer;
      let consumed: number;
      if (noBody) {
        body = Buffer.alloc(0);
        consumed = bodyStart;
      } else if (isChunked) {
        const decoded = decodeChunked(this.buffer, bodyStart);
        if (!decoded) return false;
        body = decoded.body;
        consumed = decoded.end;
      } else if (length !== undefined) {
        const size = Number(length);
        if (this.buffer.byteLength < bodyStart + size) return false;
        body = this.buffer.subarray(bodyStart, bodyStart + size);
        consumed = bodyStart + size;
      } else {
        if (!atClose) return false;
        body = this.buffer.subarray(bodyStart);
        consumed = this.buffer.byteLength;
      }
      this.buffer = this.buffer.subarray(consumed);
      const closeRequested = (headers.connection ?? []).some((value) => /\bclose\b/i.test(value));
      if (closeRequested) this.socket.destroy();
      this.finish(pending, {
        kind: 'response',
        response: { status, headers, body: Buffer.from(body), interim: pending.interim },
        closedAfter: closeRequested || this.isClosed,
      });
      if (this.buffer.byteLength > 0) {
        this.unsolicited.push(this.buffer);
        this.buffer = Buffer.alloc(0);
      }
      return true;
    }
  }

  private finish(pending: Pending, outcome: WireOutcome): void {
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(outcome);
  }
}

function decodeChunked(buffer: Buffer, start: number): { body: Buffer; end: number } | undefined {
  const pieces: Buffer[] = [];
  let offset = start;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', offset);
    if (lineEnd === -1) return undefined;
    const size = Number.parseInt(buffer.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isInteger(size)) return undefined;
    offset = lineEnd + 2;
    if (size === 0) {
      // Trailers (none expected) end with an empty line.
      const trailerEnd = buffer.indexOf('\r\n', offset);
      if (trailerEnd === -1) return undefined;
      return { body: Buffer.concat(pieces), end: trailerEnd + 2 };
    }
    if (buffer.byteLength < offset + size + 2) return undefined;
    pieces.push(buffer.subarray(offset, offset + size));
    offset += size + 2;
  }
}

/**
 * Keep-alive connections shared by concurrent senders. A connection is reused after a complete answer
 * the server did not ask to close; a request that meets a connection the server closed while it was
 * idle is sent once more on a fresh one (as HTTP clients do for stale keep-alive connections).
 */
export class WirePool {
  private readonly idle: WireConnection[] = [];

  constructor(private readonly port: number) {}

  /** Sends one request and returns its outcome, plus any bytes the server sent unasked afterwards. */
  async send(
    bytes: Buffer,
    options: { isHead?: boolean; timeoutMs?: number } = {},
  ): Promise<{ outcome: WireOutcome; unsolicited: Buffer }> {
    let connection = this.idle.pop();
    const reused = connection !== undefined && !connection.closed;
    if (connection === undefined || connection.closed) connection = new WireConnection(this.port);
    let outcome = await connection.exchange(bytes, options);
    if (outcome.kind === 'closed' && reused && connection.unsolicited.length === 0) {
      connection.destroy();
      connection = new WireConnection(this.port);
      outcome = await connection.exchange(bytes, options);
    }
    const unsolicited = Buffer.concat(connection.unsolicited);
    if (outcome.kind === 'response' && !outcome.closedAfter && !connection.closed && unsolicited.byteLength === 0)
      this.idle.push(connection);
    else connection.destroy();
    return { outcome, unsolicited };
  }

  /** Closes every idle connection. */
  close(): void {
    for (const connection of this.idle.splice(0)) connection.destroy();
  }
}

/** Runs `task` over `items` with at most `limit` at a time; results keep the order of `items`. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
