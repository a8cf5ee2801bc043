import type { RequestListener } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { checkHandshake, SendError } from '../src/index';
import { isLocalHost, tlsHint } from '../src/handshake';
import { startServer, startWebhookServer, type TestServer } from './helpers';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(listener: RequestListener): Promise<string> {
  const server = await startServer(listener);
  servers.push(server);
  return `${server.origin}/webhook`;
}

function query(url: string | undefined): URLSearchParams {
  return new URL(url ?? '/', 'http://x').searchParams;
}

describe('checkHandshake', () => {
  it("verifies core's handshake the way Meta sends it, and checks that a wrong token is refused", async () => {
    const server = await startWebhookServer('s', 'the-token');
    servers.push(server);
    const report = await checkHandshake(server.url, { token: 'the-token' });
    expect(report).toMatchObject({ verified: true, status: 200, contentType: 'text/plain; charset=utf-8', notes: [] });
    expect(report.challenge).toMatch(/^[1-9]\d{9}$/);
    expect(report.body).toBe(report.challenge);
    expect([...new URL(report.url).searchParams.keys()]).toEqual(['hub.mode', 'hub.challenge', 'hub.verify_token']);
  });

  it('sends the challenge it is given', async () => {
    const server = await startWebhookServer('s', 't');
    servers.push(server);
    expect((await checkHandshake(server.url, { token: 't', challenge: 'abc 123/ü' })).body).toBe('abc 123/ü');
  });

  it('explains a wrong token', async () => {
    const server = await startWebhookServer('s', 'server-token');
    servers.push(server);
    const report = await checkHandshake(server.url, { token: 'other-token' });
    expect(report.verified).toBe(false);
    expect(report.failure?.code).toBe('WRONG_TOKEN');
    expect(report.failure?.message).toContain('403 VERIFY_TOKEN_MISMATCH');
  });

  it('explains a challenge that is not echoed', async () => {
    const url = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('EVENT_RECEIVED'));
    const report = await checkHandshake(url, { token: 't', challenge: '1158201444' });
    expect(report.failure).toEqual({
      code: 'CHALLENGE_NOT_ECHOED',
      message: expect.stringContaining('expected "1158201444", got "EVENT_RECEIVED"'),
    });
  });

  it('explains an empty body', async () => {
    const url = await serve((_req, res) => res.end());
    expect((await checkHandshake(url, { token: 't' })).failure?.message).toContain('an empty body');
  });

  it('explains a JSON answer as the wrong content type', async () => {
    const url = await serve((req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(query(req.url).get('hub.challenge')));
    });
    const report = await checkHandshake(url, { token: 't' });
    expect(report.failure?.code).toBe('WRONG_CONTENT_TYPE');
    expect(report.failure?.message).toContain('text/plain');
  });

  it('explains a redirect', async () => {
    const url = await serve((_req, res) => res.writeHead(301, { location: 'https://example.com/webhook' }).end());
    const report = await checkHandshake(url, { token: 't' });
    expect(report.failure?.code).toBe('REDIRECT');
    expect(report.failure?.message).toContain('https://example.com/webhook');
  });

  it('explains a 404 and a signature check in front of GET', async () => {
    const notFound = await serve((_req, res) => res.writeHead(404).end());
    expect((await checkHandshake(notFound, { token: 't' })).failure?.code).toBe('NOT_FOUND');
    const signed = await serve((_req, res) => {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"error":{"code":"SIGNATURE_MISSING","message":"no signature"}}');
    });
    expect((await checkHandshake(signed, { token: 't' })).failure).toEqual({
      code: 'SIGNATURE_REQUIRED',
      message: expect.stringContaining('401 SIGNATURE_MISSING'),
    });
  });

  it('explains any other status', async () => {
    const url = await serve((_req, res) =>
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"BOOM","message":"it broke"}}'),
    );
    expect((await checkHandshake(url, { token: 't' })).failure).toEqual({
      code: 'BAD_STATUS',
      message: expect.stringContaining('500 BOOM: it broke'),
    });
  });

  it('verifies but notes a server that accepts any token, and a non-text/plain answer', async () => {
    const url = await serve((req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(query(req.url).get('hub.challenge')),
    );
    const report = await checkHandshake(url, { token: 't' });
    expect(report.verified).toBe(true);
    expect(report.notes).toEqual([expect.stringContaining('text/html'), expect.stringContaining('wrong verify token')]);
  });

  it('throws SendError when nothing answers', async () => {
    const server = await startServer(() => undefined);
    await server.close();
    await expect(checkHandshake(`${server.origin}/webhook`, { token: 't' })).rejects.toBeInstanceOf(SendError);
  });
});

describe('tlsHint', () => {
  it('is given for public http:// URLs only', () => {
    expect(tlsHint(new URL('http://example.com/webhook'))).toContain('https://');
    expect(tlsHint(new URL('http://203.0.113.7:8080/webhook'))).toContain('203.0.113.7:8080');
    expect(tlsHint(new URL('https://example.com/webhook'))).toBeUndefined();
    for (const host of [
      '127.0.0.1',
      'localhost',
      '[::1]',
      '10.1.2.3',
      '192.168.0.5',
      '172.20.0.1',
      'app.localhost',
      'box.local',
    ]) {
      expect(tlsHint(new URL(`http://${host}/webhook`)), host).toBeUndefined();
    }
  });

  it('knows private ranges', () => {
    expect(isLocalHost('172.15.0.1')).toBe(false);
    expect(isLocalHost('172.31.255.1')).toBe(true);
    expect(isLocalHost('8.8.8.8')).toBe(false);
  });
});
