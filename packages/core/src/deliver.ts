/**
 * Calling handlers: for one event, the handlers of its name, then of its parents, then `onAny` (for an
 * unknown event: `onUnknown`, then `onAny`), each after the previous one settled. It stays synchronous
 * (no promise, no microtask) for as long as handlers return plain values, which is most of a batch's
 * cost otherwise; after a handler's promise it goes on once that promise settled. Failures are
 * collected, never thrown.
 */
import type { KnownWebhookEvent, UnknownEvent } from './events';
import type { Handler, Registry } from './registry';

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

/** Runs `handlers` from `from` on, collecting failures in `errors`. */
function invoke(
  handlers: readonly Handler[] | undefined,
  event: unknown,
  errors: unknown[],
  from = 0,
): Promise<void> | undefined {
  if (handlers === undefined) return undefined;
  for (let index = from; index < handlers.length; index++) {
    let result: unknown;
    try {
      result = handlers[index]!(event as never);
    } catch (error) {
      errors.push(error);
      continue;
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        () => invoke(handlers, event, errors, index + 1),
        (error: unknown) => {
          errors.push(error);
          return invoke(handlers, event, errors, index + 1);
        },
      );
    }
  }
  return undefined;
}

const NO_CHAIN: readonly string[] = [];

/**
 * Runs every handler for one event, list by list from list `from` on. Returns undefined when all were
 * synchronous, a promise otherwise; handler failures end up in `errors`.
 */
export function deliver(
  event: KnownWebhookEvent | UnknownEvent,
  chain: readonly string[] | undefined,
  registry: Registry,
  errors: unknown[],
  from = 0,
): Promise<void> | undefined {
  const unknown = event.kind === 'unknown';
  const names = chain ?? NO_CHAIN;
  const lists = unknown ? 2 : names.length + 1;
  for (let index = from; index < lists; index++) {
    const handlers = unknown
      ? index === 0
        ? registry.unknown
        : registry.any
      : index < names.length
        ? registry.named.get(names[index]!)
        : registry.any;
    const pending = invoke(handlers, event, errors);
    if (pending !== undefined) return pending.then(() => deliver(event, chain, registry, errors, index + 1));
  }
  return undefined;
}
