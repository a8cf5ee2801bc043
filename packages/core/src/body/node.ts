/**
 * `@wa-webhooks/core/node`: reading a Node.js `IncomingMessage` body as exact bytes, counting against a
 * limit, and failing fast when another middleware has already consumed the stream.
 *
 * @module
 */
import { PayloadTooLargeError, RawBodyUnavailableError, RequestError } from '../errors';
import { concatChunks, resolveLimit, type ReadBodyOptions } from './limit';

/** The parts of `http.IncomingMessage` the reader uses (structural, so Connect and tests need no cast). */
export interface NodeRequestLike {
  readonly readableEnded?: boolean;
  readonly complete?: boolean;
  readonly readable?: boolean;
  readonly destroyed?: boolean;
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  pause?(): unknown;
  resume?(): unknown;
}

/** Options of `readNodeBody`. */
export interface ReadNodeBodyOptions extends ReadBodyOptions {
  /** Extra sentence for the `RAW_BODY_UNAVAILABLE` message, naming the fix for the caller's framework. */
  readonly consumedHint?: string;
}

const DEFAULT_HINT =
  'Mount the webhook route before any body parser, or give the adapter the raw bytes that parser kept.';

/**
 * Reads a Node.js request stream to the end and returns its exact bytes. Chunked bodies without
 * Content-Length are fine: bytes are counted as they arrive and reading stops past `limit`
 * (`PayloadTooLargeError`). A stream that has already ended rejects at once with `RawBodyUnavailableError`
 * instead of waiting for an `end` that will never come.
 */
export function readNodeBody(req: NodeRequestLike, options: ReadNodeBodyOptions = {}): Promise<Uint8Array> {
  const limit = resolveLimit(options.limit);
  if (req.readableEnded === true || req.destroyed === true || (req.complete === true && req.readable === false)) {
    return Promise.reject(
      new RawBodyUnavailableError(
        `The request body was already read by another middleware, so its exact bytes are gone. ${options.consumedHint ?? DEFAULT_HINT}`,
      ),
    );
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const cleanup = (): void => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      req.removeListener('close', onClose);
    };
    const onData = (chunk: Uint8Array | string): void => {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      total += bytes.byteLength;
      if (total > limit) {
        cleanup();
        // Stop buffering; the response carries `connection: close`, so the rest is not read.
        req.pause?.();
        reject(new PayloadTooLargeError(limit));
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(concatChunks(chunks, total));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(
        new RequestError(
          'BODY_READ_FAILED',
          'The request body could not be read completely (the client aborted or the stream failed).',
          { cause: error },
        ),
      );
    };
    const onClose = (): void => {
      cleanup();
      reject(new RequestError('BODY_READ_FAILED', 'The connection closed before the request body was complete.'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

export { DEFAULT_BODY_LIMIT, type ReadBodyOptions } from './limit';
