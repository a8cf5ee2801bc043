/**
 * A sender modelled on Meta's webhook delivery, for fault-injection tests: batches of events, signed,
 * POSTed to one of several instances (a load balancer), resent on any non-200 or timeout with
 * backoff (bounded), plus deliberate duplicate deliveries and concurrent resends. Seeded, so that a
 * failing run can be replayed. Shared by the fault-injection tests of every store and queue
 * (`@wa-webhooks/test-kit/meta-simulator`); it imports nothing but the test kit's independent signer
 * (`node:crypto`), so server and worker processes spawned by those tests load it too.
 */
import { signBody } from './signer';

export interface SimulationOptions {
  /** Webhook URLs of the instances; each POST attempt picks one at random. */
  readonly targets: readonly string[];
  readonly secret: string;
  /** Number of events (text messages with unique wamids). */
  readonly events: number;
  readonly batchSize: number;
  /** Notifications in flight at once. */
  readonly concurrency: number;
  /** Probability that a delivered notification is delivered again later (a duplicate). */
  readonly duplicateRate: number;
  /** Probability that a notification is sent twice at the same moment. */
  readonly concurrentResendRate: number;
  /** Per-attempt timeout; a timeout counts as a failure and is retried. */
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly seed: number;
  /** Prefix of the wamids, so that runs sharing a store do not collide. */
  readonly idPrefix: string;
  /** Called after every POST attempt with the running count (e.g. to inject an outage mid-run). */
  readonly onAttempt?: (attempts: number) => void;
}

export interface SimulationStats {
  events: number;
  notifications: number;
  attempts: number;
  retries: number;
  timeouts: number;
  statuses: Record<string, number>;
  duplicatesSent: number;
  concurrentResends: number;
  /** Notifications that never got a 200 within maxAttempts (must be 0). */
  undelivered: number;
  /** Event deliveries inside POSTs that were answered 200. */
  acknowledgedDeliveries: number;
  ids: string[];
}

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function notification(ids: readonly string[]): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001111', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name: 'Fault Injector' }, wa_id: '15551234567' }],
              messages: ids.map((id) => ({
                from: '15551234567',
                id,
                timestamp: '1749416383',
                type: 'text',
                text: { body: id },
              })),
            },
          },
        ],
      },
    ],
  });
}

/** Runs the simulation to the end and returns what happened. */
export async function simulateMeta(options: SimulationOptions): Promise<SimulationStats> {
  const random = prng(options.seed);
  const stats: SimulationStats = {
    events: options.events,
    notifications: 0,
    attempts: 0,
    retries: 0,
    timeouts: 0,
    statuses: {},
    duplicatesSent: 0,
    concurrentResends: 0,
    undelivered: 0,
    acknowledgedDeliveries: 0,
    ids: [],
  };
  const batches: string[][] = [];
  for (let index = 0; index < options.events; index++) {
    const id = `wamid.${options.idPrefix}-${index}`;
    stats.ids.push(id);
    if (index % options.batchSize === 0) batches.push([]);
    batches.at(-1)!.push(id);
  }

  const attempt = async (body: string, size: number): Promise<boolean> => {
    stats.attempts++;
    options.onAttempt?.(stats.attempts);
    const target = options.targets[Math.floor(random() * options.targets.length)]!;
    try {
      const response = await fetch(target, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signBody(body, options.secret),
        },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.arrayBuffer();
      stats.statuses[response.status] = (stats.statuses[response.status] ?? 0) + 1;
      if (response.status === 200) stats.acknowledgedDeliveries += size;
      return response.status === 200;
    } catch {
      stats.timeouts++;
      return false;
    }
  };

  /** Delivers until a 200, with exponential backoff (Meta retries "with decreasing frequency"). */
  const deliver = async (body: string, size: number): Promise<boolean> => {
    for (let round = 0; round < options.maxAttempts; round++) {
      if (round > 0) {
        stats.retries++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(400, 10 * 2 ** round) * (0.5 + random())));
      }
      if (await attempt(body, size)) return true;
    }
    return false;
  };

  const sendOne = async (ids: string[]): Promise<void> => {
    stats.notifications++;
    const body = notification(ids);
    const copies = [deliver(body, ids.length)];
    if (random() < options.concurrentResendRate) {
      stats.concurrentResends++;
      copies.push(deliver(body, ids.length));
    }
    const delivered = await Promise.all(copies);
    if (!delivered.some(Boolean)) stats.undelivered++;
    if (random() < options.duplicateRate) {
      stats.duplicatesSent++;
      await deliver(body, ids.length);
    }
  };

  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < batches.length) await sendOne(batches[next++]!);
    }),
  );
  return stats;
}

/** Whether the handler should fail the first attempt of this event (30 % of events, deterministic). */
export function failsFirstAttempt(id: string, rate = 0.3): boolean {
  let hash = 2166136261;
  for (let index = 0; index < id.length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 16777619);
  return ((hash >>> 0) % 1000) / 1000 < rate;
}

/** Prints the figures of a run as one table row block (not through console, which tests guard). */
export function report(
  title: string,
  stats: SimulationStats,
  effects: { lost: number; double: number; handlerCalls: number; injectedFailures: number },
): void {
  const suppressed = stats.acknowledgedDeliveries - (effects.handlerCalls - effects.injectedFailures);
  process.stdout.write(
    `\n[fault-injection] ${title}\n` +
      `  events ${stats.events} · notifications ${stats.notifications} · POST attempts ${stats.attempts} · retries ${stats.retries} · timeouts ${stats.timeouts}\n` +
      `  statuses ${JSON.stringify(stats.statuses)} · duplicate deliveries sent ${stats.duplicatesSent} · concurrent resends ${stats.concurrentResends}\n` +
      `  handler calls ${effects.handlerCalls} · injected failures ${effects.injectedFailures} · duplicates suppressed ${suppressed}\n` +
      `  lost ${effects.lost} · double ${effects.double} · undelivered notifications ${stats.undelivered}\n`,
  );
}
