import { createWebhooks } from '@wa-webhooks/core';
import {
  APP_SECRET,
  NODE_HTTP_ANSWERS,
  VERIFY_TOKEN,
  runAdapterFuzz,
  sendRaw,
  type FrameworkAnswer,
  type Violation,
  type WireOutcome,
} from '@wa-webhooks/test-kit';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { fastifyWebhooksPlugin } from '../src/index';

/** The JSON body of a response with `status`, or undefined. */
function jsonOf(outcome: WireOutcome, status: number): Record<string, unknown> | undefined {
  if (outcome.kind !== 'response' || outcome.response.status !== status) return undefined;
  try {
    return JSON.parse(outcome.response.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** A response whose body is exactly `body` (Fastify's own JSON errors). */
function fastifyJson(status: number, body: Record<string, unknown>): FrameworkAnswer['matches'] {
  return (outcome) => JSON.stringify(jsonOf(outcome, status)) === JSON.stringify(body);
}

const CLIENT_ERROR = { error: 'Bad Request', message: 'Client Error', statusCode: 400 };
const parserViolations: readonly Violation[] = [
  'method-token',
  'header-byte',
  'header-name',
  'target-byte',
  'duplicate-content-length',
  'length-and-chunked',
  'bad-chunk',
];

// Fastify installs a clientError handler (fastify.js, defaultClientErrorHandler) that answers what Node's
// parser refuses with its own JSON; requests Node itself refuses (no Host, Expect, CONNECT) are as in
// NODE_HTTP_ANSWERS; a method outside Fastify's list never reaches a route.
const FASTIFY_ANSWERS: readonly FrameworkAnswer[] = [
  ...parserViolations.map((when): FrameworkAnswer => ({
    source: 'Fastify clientErrorHandler (Node.js parser error)',
    when,
    answer: '400 {"error":"Bad Request","message":"Client Error","statusCode":400}, connection closed',
    matches: fastifyJson(400, CLIENT_ERROR),
  })),
  {
    source: 'Fastify clientErrorHandler (maxHeaderSize 16 KiB)',
    when: 'header-too-large',
    answer: '431 {"error":"Request Header Fields Too Large",…,"statusCode":431}, connection closed',
    matches: fastifyJson(431, {
      error: 'Request Header Fields Too Large',
      message: 'Exceeded maximum allowed HTTP header size',
      statusCode: 431,
    }),
  },
  ...NODE_HTTP_ANSWERS.filter((rule) => ['missing-host', 'expect-unsupported', 'connect-method'].includes(rule.when)),
  {
    source: 'Fastify router (find-my-way; a fragment in an absolute-form target)',
    when: 'absolute-target',
    answer:
      '400 {"error":"Bad Request","code":"FST_ERR_BAD_URL","message":"\'<target>\' is not a valid url component","statusCode":400}',
    matches: (outcome, request) => {
      // A HEAD answer carries no body.
      if (request.method === 'HEAD')
        return outcome.kind === 'response' && outcome.response.status === 400 && outcome.response.body.byteLength === 0;
      const body = jsonOf(outcome, 400);
      return body?.code === 'FST_ERR_BAD_URL' && body.error === 'Bad Request' && body.statusCode === 400;
    },
  },
  {
    source: 'Fastify router (method not in fastify.supportedMethods)',
    when: 'uncommon-method',
    answer: '404 {"message":"Route <METHOD>:<url> not found","error":"Not Found","statusCode":404}',
    matches: (outcome, request) => {
      const body = jsonOf(outcome, 404);
      // The message echoes the request target as sent (origin or absolute form).
      const message = String(body?.message);
      return (
        Object.keys(body ?? {}).join() === 'message,error,statusCode' &&
        body?.error === 'Not Found' &&
        body.statusCode === 404 &&
        message.startsWith(`Route ${request.method}:`) &&
        message.endsWith(' not found')
      );
    },
  },
  {
    // Fastify answered before reading the body (404 for an unknown method, FST_ERR_BAD_URL). When that
    // body is malformed, Node's parser then fails on it and Fastify's clientErrorHandler writes a second
    // answer on the same connection (it checks only socket.writable, where Node's own handler also
    // checks that no answer was sent yet), then closes the connection.
    source: 'Fastify 404 / FST_ERR_BAD_URL before the body was read, then Fastify clientErrorHandler for that body',
    when: 'bad-chunk',
    answer:
      'the 404 or 400 FST_ERR_BAD_URL above, followed on the same connection by 400 {"error":"Bad Request","message":"Client Error","statusCode":400}, connection closed',
    isFollowedByAnother: true,
    matches: (outcome, _request, trailing) =>
      (jsonOf(outcome, 404)?.statusCode === 404 || jsonOf(outcome, 400)?.code === 'FST_ERR_BAD_URL') &&
      trailing.toString('latin1').startsWith('HTTP/1.1 400 Bad Request\r\n') &&
      trailing.toString('latin1').endsWith(JSON.stringify(CLIENT_ERROR)),
  },
];

runAdapterFuzz({
  name: 'fastify 5',
  headerSemantics: 'node',
  frameworkAnswers: FASTIFY_ANSWERS,
  start: async (webhooks, timeouts) => {
    // Fastify sets server.requestTimeout from its own requestTimeout option (default 0: none); the other
    // two are node:http options passed through `http`.
    const app = Fastify(
      timeouts
        ? {
            requestTimeout: timeouts.requestTimeout,
            http: {
              headersTimeout: timeouts.headersTimeout,
              connectionsCheckingInterval: timeouts.connectionsCheckingInterval,
            },
          }
        : {},
    );
    await app.register(fastifyWebhooksPlugin, { handler: webhooks, prefix: '/webhook' });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: `${origin}/webhook`, close: () => app.close() };
  },
});

describe('fastify: timeout knobs', () => {
  it('turns off Node.js request timeout by default (requestTimeout 0, connectionTimeout 0); keepAliveTimeout is 72 s', async () => {
    const app = Fastify();
    await app.ready();
    expect([
      app.server.requestTimeout,
      app.server.timeout,
      app.server.headersTimeout,
      app.server.keepAliveTimeout,
    ]).toEqual([0, 0, 60_000, 72_000]);
    await app.close();
  });
});

describe('fastify: cases the fuzz suite found', () => {
  // Fastify refuses a QUERY without Content-Type (RFC 10008) before the handler runs; the plugin used to
  // let that error through as Fastify's own 400, where every other adapter answers core's 405.
  it('answers QUERY without Content-Type with 405 METHOD_NOT_ALLOWED, like the other adapters', async () => {
    const webhooks = createWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN });
    const app = Fastify();
    await app.register(fastifyWebhooksPlugin, { handler: webhooks, prefix: '/webhook' });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const response = await sendRaw(`${origin}/webhook`, { method: 'QUERY' });
      expect([
        response.status,
        response.headers['content-type'],
        response.headers.allow,
        JSON.parse(response.body).error.code,
      ]).toEqual([405, 'application/json; charset=utf-8', 'GET, POST', 'METHOD_NOT_ALLOWED']);
    } finally {
      await app.close();
    }
  });
});
