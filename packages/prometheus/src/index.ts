/**
 * `@wa-webhooks/prometheus`: Prometheus metrics for a wa-webhooks instance, on prom-client.
 *
 * @module
 */
import type { Webhooks } from '@wa-webhooks/core';
import { Counter, Histogram, register as defaultRegistry, type Registry } from 'prom-client';

/** Options of `registerWebhookMetrics`. */
export interface WebhookMetricsOptions {
  /** The registry to register the metrics on. Default: prom-client's global registry. */
  readonly registry?: Registry;
  /** Prefix of every metric name. Default `wa_webhooks_`. */
  readonly prefix?: string;
  /** Buckets of the duration histograms, in seconds. Default: 1 ms to 10 s. */
  readonly buckets?: readonly number[];
}

/** The registered metrics, and a function that stops updating and unregisters them. */
export interface WebhookMetrics {
  readonly requests: Counter<'method' | 'status' | 'outcome'>;
  readonly requestDuration: Histogram<'method' | 'outcome'>;
  readonly events: Counter<'name' | 'outcome'>;
  readonly handlerDuration: Histogram<'name'>;
  readonly duplicates: Counter;
  readonly inProgress: Counter;
  /** Stops observing `webhooks` and removes the metrics from the registry. */
  remove(): void;
}

const DEFAULT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Registers wa-webhooks metrics and keeps them up to date from `webhooks.observe()`:
 *
 * | metric | type | labels |
 * |---|---|---|
 * | `wa_webhooks_requests_total` | counter | `method`, `status`, `outcome` (`ok`, `challenge` or the error code) |
 * | `wa_webhooks_request_duration_seconds` | histogram | `method`, `outcome` |
 * | `wa_webhooks_events_total` | counter | `name` (event name), `outcome` (`ok`/`failed`) |
 * | `wa_webhooks_handler_duration_seconds` | histogram | `name` |
 * | `wa_webhooks_duplicates_total` | counter | events skipped as already processed |
 * | `wa_webhooks_in_progress_total` | counter | events answered 503 because another delivery held them |
 *
 * Label values come from a closed set (methods are capped, event names are the catalogue's or an
 * unknown field's name), so cardinality stays bounded.
 *
 * @example
 * ```ts
 * import { Registry } from 'prom-client';
 * const registry = new Registry();
 * registerWebhookMetrics(webhooks, { registry });
 * app.get('/metrics', async (_req, res) => res.type(registry.contentType).send(await registry.metrics()));
 * ```
 */
export function registerWebhookMetrics(webhooks: Webhooks, options: WebhookMetricsOptions = {}): WebhookMetrics {
  const registry = options.registry ?? defaultRegistry;
  const prefix = options.prefix ?? 'wa_webhooks_';
  const buckets = [...(options.buckets ?? DEFAULT_BUCKETS)];
  const registers = [registry];

  const requests = new Counter({
    name: `${prefix}requests_total`,
    help: 'Webhook requests answered, by method, status and outcome (ok, challenge, or the error code).',
    labelNames: ['method', 'status', 'outcome'] as const,
    registers,
  });
  const requestDuration = new Histogram({
    name: `${prefix}request_duration_seconds`,
    help: 'Time from the start of handle() to the answer.',
    labelNames: ['method', 'outcome'] as const,
    buckets,
    registers,
  });
  const events = new Counter({
    name: `${prefix}events_total`,
    help: 'Events whose handlers ran, by event name and outcome (ok or failed).',
    labelNames: ['name', 'outcome'] as const,
    registers,
  });
  const handlerDuration = new Histogram({
    name: `${prefix}handler_duration_seconds`,
    help: 'Time spent in the handlers of one event.',
    labelNames: ['name'] as const,
    buckets,
    registers,
  });
  const duplicates = new Counter({
    name: `${prefix}duplicates_total`,
    help: 'Events skipped because they were already processed (deduplication hits).',
    registers,
  });
  const inProgress = new Counter({
    name: `${prefix}in_progress_total`,
    help: 'Events answered 503 because another delivery of them was being processed.',
    registers,
  });

  const stop = webhooks.observe({
    onRequest(record) {
      // Methods of hostile requests could be anything: keep the label set closed.
      const method = record.method === 'GET' || record.method === 'POST' ? record.method : 'OTHER';
      requests.inc({ method, status: String(record.status), outcome: record.outcome });
      requestDuration.observe({ method, outcome: record.outcome }, record.durationMs / 1000);
      if (record.duplicates > 0) duplicates.inc(record.duplicates);
      if (record.inProgress > 0) inProgress.inc(record.inProgress);
    },
    onEvent(record) {
      // Known names are a closed set; the name of an unknown event comes from the body (a new message
      // type, a field name of any length), so all of them share one label value.
      const name = record.kind === 'unknown' ? 'unknown' : record.name;
      events.inc({ name, outcome: record.outcome });
      handlerDuration.observe({ name }, record.durationMs / 1000);
    },
  });

  return {
    requests,
    requestDuration,
    events,
    handlerDuration,
    duplicates,
    inProgress,
    remove() {
      stop();
      for (const metric of [requests, requestDuration, events, handlerDuration, duplicates, inProgress]) {
        registry.removeSingleMetric((metric as unknown as { name: string }).name);
      }
    },
  };
}
