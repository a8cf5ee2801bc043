/**
 * wa-webhooks on plain node:http: the core's neutral handler plus its Node body reader, no framework,
 * and Prometheus metrics on /metrics.
 */
import type { Server } from 'node:http';
import { createWebhooks, type Webhooks } from '@wa-webhooks/core';
import { readNodeBody } from '@wa-webhooks/core/node';
import { registerWebhookMetrics } from '@wa-webhooks/prometheus';
import { Registry } from 'prom-client';
import { SERVER_TIMEOUTS, type ServerTimeouts } from './config';
import { createHttpServer } from './http-server';
import { printable, token } from './printable';

/** The secrets the webhooks instance needs (`readConfig()` in `config.ts` reads them). */
export interface AppConfig {
  readonly appSecret: string;
  readonly verifyToken: string;
}

/** Builds the webhooks instance with the handlers this example shows. `log` receives one line per event. */
export function createExampleWebhooks(config: AppConfig, log: (line: string) => void): Webhooks {
  const webhooks = createWebhooks({ appSecret: config.appSecret, verifyToken: config.verifyToken });
  // Nothing from the payload is printed raw: the user's text could forge log lines (see printable.ts).
  webhooks.on('messages.text', (event) =>
    log(
      `${event.name} ${token(event.id)} from ${token(event.sender ?? 'unknown')}: ${printable(event.message.text.body)}`,
    ),
  );
  webhooks.on('statuses', (event) => log(`${event.name} ${token(event.id)}`));
  webhooks.onUnknown((event) => log(`unknown ${token(event.reason)} ${token(event.name)} ${token(event.id)}`));
  webhooks.onError((error) => log(`error ${error.code}: ${printable(error.message)}`));
  return webhooks;
}

/**
 * A server that answers the webhook on `path`, Prometheus metrics on `/metrics`, and 404 elsewhere, with
 * the timeouts of `SERVER_TIMEOUTS`.
 */
export function createExampleServer(
  webhooks: Webhooks,
  path = '/webhook',
  timeouts: ServerTimeouts = SERVER_TIMEOUTS,
): Server {
  const registry = new Registry();
  registerWebhookMetrics(webhooks, { registry });
  return createHttpServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/metrics') {
      void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text));
      return;
    }
    if (url.split('?')[0] !== path) {
      res.statusCode = 404;
      res.end('Not found');
      return;
    }
    void webhooks
      .handle({ method: req.method ?? 'GET', url, headers: req.headers, readBody: () => readNodeBody(req) })
      .then((response) => {
        res.statusCode = response.status;
        for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
        res.end(response.body);
      });
  }, timeouts);
}
