/**
 * Every route an event can take: its name, the names whose handlers run (specific first), and the
 * schema its item is checked with. Built once from the catalogue tables; `on()` accepts exactly these
 * names.
 */
import type { WebhookEventName } from './events';
import { FIELD_ROUTES, MESSAGE_ROUTES, MESSAGE_SUBTYPE_ROUTES, type Route } from './schemas/catalog';
import { statusSchema, STATUS_VALUES } from './schemas/statuses';
import { errorSchema } from './schemas/shared';

export type { Route };
export { FIELD_ROUTES, MESSAGE_ROUTES, MESSAGE_SUBTYPE_ROUTES };

/** Routes of the statuses Meta documents, by `status`. */
export const STATUS_ROUTES: ReadonlyMap<string, Route> = new Map(
  STATUS_VALUES.map((status) => [
    status,
    { name: `statuses.${status}`, chain: [`statuses.${status}`, 'statuses'], schema: statusSchema },
  ]),
);

/** Statuses Meta adds later arrive under the parent name. */
export const OTHER_STATUS_ROUTE: Route = { name: 'statuses', chain: ['statuses'], schema: statusSchema };

/** Value-level errors of the `messages` field. */
export const ERROR_ROUTE: Route = { name: 'errors', chain: ['errors'], schema: errorSchema };

/** Every name `on()` accepts at run time. */
export const KNOWN_EVENT_NAMES: ReadonlySet<string> = new Set([
  'messages',
  ...[...MESSAGE_ROUTES.values()].map((route) => route.name),
  ...[...MESSAGE_SUBTYPE_ROUTES.entries()].flatMap(([type, routes]) => [
    `messages.${type}`,
    ...[...routes.values()].map((route) => route.name),
  ]),
  'statuses',
  ...[...STATUS_ROUTES.values()].map((route) => route.name),
  'errors',
  ...FIELD_ROUTES.keys(),
]);

/** Every event name `on()` accepts, in catalogue order (parents before their children). */
export const EVENT_NAMES = [...KNOWN_EVENT_NAMES] as readonly WebhookEventName[];

/** The Meta field an event name belongs to (`statuses.*` and `errors` are items of `messages`). */
export function fieldOf(name: string): string {
  if (name === 'statuses' || name.startsWith('statuses.') || name === 'errors') return 'messages';
  const dot = name.indexOf('.');
  return dot === -1 ? name : name.slice(0, dot);
}
