/**
 * The conformance suite: one table of HTTP cases that every adapter must answer identically, on a real
 * server on 127.0.0.1 and real HTTP (docs/STYLE.md, "Tests"). Every case checks the status, the content
 * type and the body. The cases are rows (`conformance-cases.ts`: handshake, notifications, signature;
 * `conformance-limits.ts`: content type and method, body size, raw body); this file registers them. An
 * adapter's test file calls `runAdapterConformance` once per supported framework major, then adds its
 * framework-specific cases.
 */
import { createWebhooks, type WebhookError, type WebhookEvent, type WebhooksOptions } from '@wa-webhooks/core';
import { afterEach, describe, it } from 'vitest';
import { RECEIVE_SECTIONS } from './conformance-cases';
import { limitSections } from './conformance-limits';
import type { AdapterConformanceOptions, Booted, ConformanceContext, StartServer } from './conformance-types';
import type { RunningServer } from './http';
import { APP_SECRET, VERIFY_TOKEN } from './signer';

export type {
  AdapterConformanceOptions,
  ConformanceCase,
  ConformanceContext,
  ConformanceSection,
  ConsumedBodyVariant,
  SiblingRouteServer,
  StartServer,
} from './conformance-types';

/** Creates the conformance webhooks instance, records what its handlers see, and boots `start` around it. */
async function bootServer(
  start: StartServer,
  settings: Partial<WebhooksOptions>,
  track: (server: RunningServer) => void,
): Promise<Booted> {
  const webhooks = createWebhooks({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, ...settings });
  const errors: WebhookError[] = [];
  const texts: Array<WebhookEvent<'messages.text'>> = [];
  webhooks.onError((error) => {
    errors.push(error);
  });
  webhooks.on('messages.text', (event) => {
    texts.push(event);
  });
  const server = await start(webhooks);
  track(server);
  return { webhooks, url: server.url, errors, texts };
}

/**
 * Registers the conformance cases (vitest `describe`/`it`) for one adapter setup. Call it once per
 * supported framework major from the adapter's test file.
 *
 * @example
 * ```ts
 * runAdapterConformance({
 *   name: 'express 5',
 *   start: async (webhooks) => { ... return { url, close } },
 *   consumedBody: [{ name: 'express.json() first', start, expect: 'raw-body-unavailable' }],
 *   siblingRoute: async (webhooks) => ({ url, siblingUrl, close }),
 * });
 * ```
 */
export function runAdapterConformance(options: AdapterConformanceOptions): void {
  describe(`${options.name}: adapter conformance`, () => {
    const running: RunningServer[] = [];
    afterEach(async () => {
      await Promise.all(running.splice(0).map((server) => server.close()));
    });
    const track = (server: RunningServer): void => void running.push(server);
    const context: ConformanceContext = {
      options,
      track,
      boot: (settings = {}, start = options.start) => bootServer(start, settings, track),
    };
    for (const section of [...RECEIVE_SECTIONS, ...limitSections(options)]) {
      describe(section.name, () => {
        for (const testCase of section.cases) it(testCase.name, () => testCase.run(context));
      });
    }
  });
}
