/**
 * Real HTTP on loopback: starting and stopping `node:http` servers, and a `node:http` client for what
 * `fetch` cannot express (chunked uploads without Content-Length, no Content-Type, oversized bodies that
 * the server answers before reading them).
 */
import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';

/** A server the suite talks to. `url` is the webhook route (no query), e.g. `http://127.0.0.1:41234/webhook`. */
export interface RunningServer {
  /** Absolute URL of the webhook route, without a query string. */
  readonly url: string;
  /** Stops the server and closes its connections. */
  close(): Promise<void>;
}

/**
 * Starts `server` on 127.0.0.1 with a free port and returns its origin (`http://127.0.0.1:<port>`) and a
 * `close` that also ends keep-alive connections.
 */
export async function listen(server: Server): Promise<{ readonly origin: string; close(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A response read to the end. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What `sendRaw` sends. */
export interface RawRequestInit {
  readonly method?: string;
  /** Sent exactly as given: no Content-Type or Content-Length is added. */
  readonly headers?: OutgoingHttpHeaders;
  /** Body pieces, written one after the other (each awaited). Without `content-length`, Node sends them chunked. */
  readonly chunks?: ReadonlyArray<string | Uint8Array>;
}

/**
 * Sends one request with `node:http` on a fresh connection and reads the response to the end. A server
 * may answer (413) and close before the whole body was written; the write error that follows is ignored
 * once a response has arrived.
 */
export function sendRaw(url: string, init: RawRequestInit = {}): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: init.method ?? 'POST', headers: init.headers ?? {}, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        // Answered before the whole body was sent (413): stop sending instead of waiting on the socket.
        if (!req.writableFinished) req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const write = async (): Promise<void> => {
      for (const chunk of init.chunks ?? []) {
        if (answered || req.destroyed) return;
        await new Promise<void>((done) => req.write(chunk, () => done()));
      }
      if (!req.destroyed) req.end();
    };
    write().catch(reject);
  });
}

/**
 * A loopback port nothing listens on right now: for "nothing listens" tests, or for a process that
 * binds it a moment later. It is taken below Linux's ephemeral range (32768-60999), where servers on
 * port 0 and the source ports of outgoing connections come from, so no other test binds it meanwhile
 * and a connection to it cannot meet itself (a TCP self-connect to a closed ephemeral port answers
 * instead of ECONNREFUSED under load).
 */
export async function unusedLoopbackPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!bound) continue;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }
}
