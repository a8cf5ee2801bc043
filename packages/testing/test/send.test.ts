import { afterEach, describe, expect, it } from 'vitest';
import { buildBatch, buildFixture, buildTextMessage, sendNotification, SendError, TestingError } from '../src/index';
import { startSelfSignedServer, startServer, startWebhookServer, type TestServer } from './helpers';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function webhookServer(secret = 'send-secret') {
  const server = await startWebhookServer(secret, 'send-token');
  servers.push(server);
  return server;
}

describe('sendNotification', () => {
  it('signs and POSTs; the server verifies, answers 200 and runs the handler', async () => {
    const server = await webhookServer();
    const payload = buildTextMessage({ body: 'café / crème' });
    const result = await sendNotification(server.url, payload, { secret: 'send-secret', metaEscaping: true });
    expect(result).toMatchObject({ status: 200, ok: true, body: '', url: server.url });
    expect(result.errorCode).toBeUndefined();
    expect(result.durationMs).toBeGreaterThan(0);
    expect(result.bytes).toBeGreaterThan(300);
    const wamid = (payload.entry[0]!.changes[0]!.value.messages as { id: string }[])[0]!.id;
    expect(server.log).toEqual([`messages.text m:${wamid}`]);
  });

  it('sends a batch as one POST with every event', async () => {
    const server = await webhookServer();
    const result = await sendNotification(
      server.url,
      buildBatch([buildFixture('text'), buildFixture('delivered'), buildFixture('flows')]),
      { secret: 'send-secret' },
    );
    expect(result.status).toBe(200);
    expect(server.log.map((line) => line.split(' ')[0])).toEqual(['messages.text', 'statuses.delivered', 'flows']);
  });

  it('resolves with the status and the JSON error code of a non-200 answer', async () => {
    const server = await webhookServer();
    const result = await sendNotification(server.url, buildTextMessage(), { secret: 'not-the-secret' });
    expect(result).toMatchObject({ status: 401, ok: false, errorCode: 'SIGNATURE_MISMATCH' });
    expect(result.errorMessage).toEqual(expect.any(String));
    expect(server.log).toEqual([]);
  });

  it('does not follow redirects (Meta does not either)', async () => {
    let hits = 0;
    const server = await startServer((req, res) => {
      hits += 1;
      res.writeHead(308, { location: '/elsewhere' }).end();
    });
    servers.push(server);
    const result = await sendNotification(`${server.origin}/webhook`, buildTextMessage(), { secret: 's' });
    expect(result.status).toBe(308);
    expect(result.headers.get('location')).toBe('/elsewhere');
    expect(hits).toBe(1);
  });

  it('works with a fetch-like function instead of the network', async () => {
    const seen: string[] = [];
    const result = await sendNotification('http://app.test/webhook', buildTextMessage(), {
      secret: 's',
      fetch: (request) => {
        seen.push(`${request.method} ${request.url} ${request.headers.get('x-hub-signature-256')?.slice(0, 7) ?? ''}`);
        return new Response('{"error":{"code":"NOPE","message":"no"}}', { status: 500 });
      },
    });
    expect(seen).toEqual(['POST http://app.test/webhook sha256=']);
    expect(result).toMatchObject({ status: 500, errorCode: 'NOPE', errorMessage: 'no' });
  });

  it('throws SendError UNREACHABLE when nothing listens', async () => {
    const server = await startServer(() => undefined);
    await server.close();
    const error = await sendNotification(`${server.origin}/webhook`, buildTextMessage(), { secret: 's' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SendError);
    expect(error).toBeInstanceOf(TestingError);
    expect(error).toMatchObject({ code: 'UNREACHABLE', url: `${server.origin}/webhook` });
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('throws SendError TIMEOUT when the server does not answer in time', async () => {
    const server = await startServer(() => undefined); // never answers
    servers.push(server);
    const error = await sendNotification(`${server.origin}/webhook`, buildTextMessage(), {
      secret: 's',
      timeout: 100,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'SendError', code: 'TIMEOUT' });
  });

  it('throws SendError TLS for a self-signed certificate, which Meta refuses too', async () => {
    const server = await startSelfSignedServer((_req, res) => res.end());
    servers.push(server);
    const error = await sendNotification(`${server.origin}/webhook`, buildTextMessage(), { secret: 's' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'SendError', code: 'TLS' });
    expect((error as Error).message).toMatch(/self-signed/);
  });

  it('throws SendError INVALID_URL for something that is not an http(s) URL', async () => {
    await expect(sendNotification('ftp://example.com/x', buildTextMessage(), { secret: 's' })).rejects.toMatchObject({
      code: 'INVALID_URL',
    });
    await expect(sendNotification('not a url', buildTextMessage(), { secret: 's' })).rejects.toMatchObject({
      code: 'INVALID_URL',
    });
  });
});
