/** Reading a Fetch `Request` body as exact bytes, counting against a limit. */
import { PayloadTooLargeError, RawBodyUnavailableError, RequestError } from '../errors';
import { concatChunks, resolveLimit, type ReadBodyOptions } from './limit';

/**
 * Reads the body of a Fetch `Request` (or `Response`) as the exact bytes received. Rejects with
 * `PayloadTooLargeError` as soon as more than `limit` bytes arrive (the rest is not read), and with
 * `RawBodyUnavailableError` at once if something already read the body.
 */
export async function readWebBody(
  request: Pick<Request, 'body' | 'bodyUsed'>,
  options: ReadBodyOptions = {},
): Promise<Uint8Array> {
  const limit = resolveLimit(options.limit);
  if (request.bodyUsed) {
    throw new RawBodyUnavailableError(
      'The request body was already read before the webhook handler ran, so its exact bytes are gone. ' +
        'Do not call request.json()/text() (or a validator that does) before the webhook handler.',
    );
  }
  const stream = request.body;
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        throw new PayloadTooLargeError(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw error;
    throw new RequestError(
      'BODY_READ_FAILED',
      'The request body could not be read completely (the client aborted or the stream failed).',
      { cause: error },
    );
  } finally {
    reader.releaseLock();
  }
  return concatChunks(chunks, total);
}
