/**
 * The handlers of one webhooks instance: by event name, plus the catch-alls. Lists are replaced, never
 * mutated, so a dispatch that already read a list is not disturbed by a handler added or removed
 * meanwhile. Every registration returns the function that removes it.
 */
import { ConfigurationError } from './errors';
import { fieldOf, KNOWN_EVENT_NAMES } from './routes';

/** A registered function (any event type; the public signatures are typed in `webhooks.ts`). */
export type Handler = (event: never) => unknown;

/** Handlers by event name, and the catch-alls. */
export interface Registry {
  readonly named: ReadonlyMap<string, readonly Handler[]>;
  readonly any: readonly Handler[];
  readonly unknown: readonly Handler[];
  /** Adds `handler` under each name; returns its remover. */
  add(names: readonly string[], handler: Handler): () => void;
  /** Adds an `onAny` handler; returns its remover. */
  addAny(handler: Handler): () => void;
  /** Adds an `onUnknown` handler; returns its remover. */
  addUnknown(handler: Handler): () => void;
  /** Whether anybody receives an event of this route (its chain, or `onAny`). */
  wants(chain: readonly string[]): boolean;
  /** Whether anybody receives unknown events. */
  wantsUnknown(): boolean;
  /** The Meta fields the named handlers receive, sorted; `'*'` with an `onAny` handler. */
  listenedFields(): readonly string[] | '*';
}

/** Checks that `handler` is a function, naming the method in the error. */
export function requireFunction(handler: unknown, method: string): asserts handler is Handler {
  if (typeof handler !== 'function') throw new ConfigurationError(`${method}(): the handler must be a function.`);
}

/** `list` without one registration of `handler` (the same function may be registered twice). */
function withoutOne(list: readonly Handler[], handler: Handler): readonly Handler[] {
  const index = list.indexOf(handler);
  return index === -1 ? list : [...list.slice(0, index), ...list.slice(index + 1)];
}

/** A remover that acts once, however often it is called. */
function once(remove: () => void): () => void {
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    remove();
  };
}

/** Creates an empty registry. */
export function createRegistry(): Registry {
  const named = new Map<string, readonly Handler[]>();
  let any: readonly Handler[] = [];
  let unknown: readonly Handler[] = [];

  const removeNamed = (names: readonly string[], handler: Handler): void => {
    for (const name of names) {
      const list = withoutOne(named.get(name) ?? [], handler);
      if (list.length === 0) named.delete(name);
      else named.set(name, list);
    }
  };

  return {
    named,
    get any() {
      return any;
    },
    get unknown() {
      return unknown;
    },
    add(names, handler) {
      for (const name of names) {
        if (!KNOWN_EVENT_NAMES.has(name)) {
          throw new ConfigurationError(
            `on(): unknown event name ${JSON.stringify(name)}. Use onUnknown() for notifications the schemas do not know.`,
          );
        }
      }
      for (const name of names) named.set(name, [...(named.get(name) ?? []), handler]);
      return once(() => removeNamed(names, handler));
    },
    addAny(handler) {
      any = [...any, handler];
      return once(() => {
        any = withoutOne(any, handler);
      });
    },
    addUnknown(handler) {
      unknown = [...unknown, handler];
      return once(() => {
        unknown = withoutOne(unknown, handler);
      });
    },
    wants(chain) {
      if (any.length > 0) return true;
      for (const name of chain) if (named.has(name)) return true;
      return false;
    },
    wantsUnknown() {
      return unknown.length > 0 || any.length > 0;
    },
    listenedFields() {
      if (any.length > 0) return '*';
      return [...new Set([...named.keys()].map(fieldOf))].sort();
    },
  };
}
