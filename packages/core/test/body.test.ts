import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readNodeBody } from '../src/body/node';
import { readWebBody } from '../src/index';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Boots a real server whose handler reports what `read(req)` produced. */
async function serve(read: (req: IncomingMessage) => Promise<Uint8Array>): Promise<string> {
  server = createServer((req, res) => {
    read(req).then(
      (bytes) => res.end(`ok ${bytes.byteLength} ${Buffer.from(bytes).toString('latin1').slice(0, 20)}`),
      (error: { code?: string; message: string }) => {
        res.setHeader('connection', 'close');
        res.end(`error ${error.code ?? 'none'} ${error.message}`);
      },
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** Sends `chunks` with chunked transfer encoding (no Content-Length). */
function sendChunked(url: string, chunks: Array<string | Buffer>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('readNodeBody on a real server', () => {
  it('reads a chunked body without Content-Length, byte for byte', async () => {
    const url = await serve((req) => readNodeBody(req));
    const text = await sendChunked(url, ['{"a":', Buffer.from([0x22, 0xc3, 0xa9, 0x22]), '}']);
    expect(text).toBe(`ok 10 {"a":"${Buffer.from([0xc3, 0xa9]).toString('latin1')}"}`);
  });

  it('accepts exactly the limit and rejects limit + 1 with PAYLOAD_TOO_LARGE', async () => {
    const url = await serve((req) => readNodeBody(req, { limit: 10 }));
    expect(await sendChunked(url, ['12345', '67890'])).toBe('ok 10 1234567890');
    expect(await sendChunked(url, ['12345', '67890', '1'])).toMatch(/^error PAYLOAD_TOO_LARGE /);
  });

  it('fails fast with RAW_BODY_UNAVAILABLE (and the hint) when the stream was already consumed', async () => {
    const url = await serve(async (req) => {
      for await (const _chunk of req) {
        // a body parser ran first
      }
      return readNodeBody(req, { consumedHint: 'Use keepRawBody.' });
    });
    const text = await sendChunked(url, ['{"x":1}']);
    expect(text).toMatch(/^error RAW_BODY_UNAVAILABLE .*already read.*Use keepRawBody\.$/);
  });

  it('rejects with BODY_READ_FAILED when the client goes away mid-body', async () => {
    let settled!: (value: string) => void;
    const outcome = new Promise<string>((resolve) => (settled = resolve));
    server = createServer((req) => {
      readNodeBody(req).then(
        () => settled('resolved'),
        (error: { code: string }) => settled(error.code),
      );
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', headers: { 'content-length': '100' } });
    req.on('error', () => undefined);
    req.write('{"partial":');
    await new Promise((resolve) => setTimeout(resolve, 20));
    req.destroy();
    expect(await outcome).toBe('BODY_READ_FAILED');
  });
});

describe('readWebBody', () => {
  const streamOf = (...chunks: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });

  it('joins streamed chunks', async () => {
    const bytes = await readWebBody({ body: streamOf('ab', 'cd', 'é'), bodyUsed: false });
    expect(new TextDecoder().decode(bytes)).toBe('abcdé');
  });

  it('returns no bytes for a request without a body', async () => {
    expect((await readWebBody(new Request('http://x/'))).byteLength).toBe(0);
  });

  it('stops at the limit with PAYLOAD_TOO_LARGE', async () => {
    await expect(
      readWebBody({ body: streamOf('12345', '67890'), bodyUsed: false }, { limit: 10 }),
    ).resolves.toHaveLength(10);
    await expect(
      readWebBody({ body: streamOf('12345', '678901'), bodyUsed: false }, { limit: 10 }),
    ).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
    });
  });

  it('fails fast with RAW_BODY_UNAVAILABLE when the body was used', async () => {
    const request = new Request('http://x/', { method: 'POST', body: '{}' });
    await request.json();
    await expect(readWebBody(request)).rejects.toMatchObject({ code: 'RAW_BODY_UNAVAILABLE', status: 500 });
  });

  it('reports a broken stream as BODY_READ_FAILED', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('reset'));
      },
    });
    await expect(readWebBody({ body, bodyUsed: false })).rejects.toMatchObject({ code: 'BODY_READ_FAILED' });
  });

  it('rejects a nonsense limit', async () => {
    await expect(readWebBody(new Request('http://x/'), { limit: -1 })).rejects.toThrow(TypeError);
  });
});
