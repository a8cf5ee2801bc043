/**
 * Planning: one notification → the events it holds, in order. One event per `entry[] × changes[]`,
 * and inside `messages` one per item of `messages[]`, `statuses[]` and `errors[]`. Each event is routed,
 * given its id, and checked by its schema, but only when a handler wants it: work nobody wants is
 * never parsed. Anything that does not fit becomes an `unknown` work item; planning never throws.
 */
import type { $ZodIssue } from 'zod/v4/core';
import type { UnknownReason, UnknownSource } from './events';
import { changeId, hashedId, messageId, statusId } from './event-id';
import { isMessagesValue, isNotification, isRecord } from './guards';
import { isPlainStatus, isPlainTextMessage } from './item-guards';
import { checkChange, type ValuePath } from './nested';
import type { Registry } from './registry';
import {
  ERROR_ROUTE,
  FIELD_ROUTES,
  MESSAGE_ROUTES,
  MESSAGE_SUBTYPE_ROUTES,
  OTHER_STATUS_ROUTE,
  STATUS_ROUTES,
  type Route,
} from './routes';
import { messagesValueSchema, notificationSchema, WHATSAPP_OBJECT, type MessagesValue } from './schemas/envelope';

/** Where a change sits. */
export interface ChangeContext {
  readonly field: string;
  readonly entryId: string;
  readonly entryTime: number | undefined;
  /** `['entry', e, 'changes', c, 'value']`. */
  readonly path: ValuePath;
  /** The change's value, as received. */
  readonly value: unknown;
}

/** A `messages` change, checked shallowly; its items are checked one by one. */
export interface MessagesChange extends ChangeContext {
  readonly value: MessagesValue;
}

/** A message, status or value-level error of a `messages` change, checked by its schema. */
export interface ItemWork {
  readonly kind: 'message' | 'status' | 'error';
  readonly id: string;
  readonly route: Route;
  readonly item: Record<string, unknown>;
  readonly change: MessagesChange;
}

/** A change of another field, checked by its field's schema (malformed nested items cut out). */
export interface ChangeWork {
  readonly kind: 'change';
  readonly id: string;
  readonly route: Route;
  readonly value: unknown;
  readonly raw: unknown;
  readonly change: ChangeContext;
}

/** Something signed that the schemas did not expect. */
export interface UnknownWork {
  readonly kind: 'unknown';
  readonly id: string;
  readonly name: string;
  readonly reason: UnknownReason;
  readonly raw: unknown;
  /** The change value `raw` came from (`raw` itself for a whole change; undefined for the body). */
  readonly value: unknown;
  readonly source: UnknownSource;
  readonly path: ValuePath;
  readonly issues: readonly $ZodIssue[] | undefined;
  readonly change: ChangeContext | undefined;
}

/** One planned event. */
export type Work = ItemWork | ChangeWork | UnknownWork;

/** What planning needs to know. */
export interface PlanSettings {
  readonly registry: Registry;
  /** Events stamped before this (Unix seconds) are skipped as stale; undefined keeps every event. */
  readonly staleBefore: number | undefined;
}

/** The planned events of one notification. */
export interface Plan {
  /** The events someone wants, in order. */
  readonly works: Work[];
  /** Events skipped because they are older than `maxEventAge`. */
  stale: number;
  /**
   * Events that fit no schema while nobody listens to unknown events (reported, never silent); undefined
   * when there are none.
   */
  unheard: UnknownWork[] | undefined;
}

function unknownWork(
  reason: UnknownReason,
  name: string,
  id: string,
  raw: unknown,
  where: { change: ChangeContext | undefined; value: unknown; source: UnknownSource; path: ValuePath },
  issues?: readonly $ZodIssue[],
): UnknownWork {
  return { kind: 'unknown', id, name, reason, raw, issues, ...where };
}

/** Adds an unknown work item where it is heard, or to `unheard`. */
function pushUnknown(plan: Plan, settings: PlanSettings, work: UnknownWork): void {
  if (settings.registry.wantsUnknown()) plan.works.push(work);
  else (plan.unheard ??= []).push(work);
}

function isStale(timestamp: unknown, settings: PlanSettings): boolean {
  if (settings.staleBefore === undefined) return false;
  const seconds = Number(timestamp);
  return Number.isFinite(seconds) && seconds < settings.staleBefore;
}

/** The route of a message item, or why it has none. */
function routeMessage(raw: Record<string, unknown>): { route?: Route; name: string; reason?: UnknownReason } {
  const type = raw.type;
  if (typeof type !== 'string') return { name: 'messages', reason: 'invalid_shape' };
  const route = MESSAGE_ROUTES.get(type);
  if (route !== undefined) return { route, name: route.name };
  const subtypes = MESSAGE_SUBTYPE_ROUTES.get(type);
  if (subtypes === undefined) return { name: `messages.${type}`, reason: 'unknown_type' };
  const object = raw[type];
  const subtype = isRecord(object) ? object.type : undefined;
  // A known type without its object (or without a sub-type) is a shape problem, not a new type.
  if (typeof subtype !== 'string') return { name: `messages.${type}`, reason: 'invalid_shape' };
  const subRoute = subtypes.get(subtype);
  return subRoute !== undefined
    ? { route: subRoute, name: subRoute.name }
    : { name: `messages.${type}.${subtype}`, reason: 'unknown_type' };
}

function itemId(kind: ItemWork['kind'], raw: Record<string, unknown>, change: MessagesChange): string {
  if (kind === 'error') return hashedId('e', change.value.metadata.phone_number_id, raw);
  if (kind === 'message') return typeof raw.id === 'string' ? messageId(raw.id) : hashedId('mh', raw);
  const recipient =
    raw.recipient_participant_id ??
    raw.recipient_participant_user_id ??
    raw.recipient_id ??
    raw.recipient_user_id ??
    '';
  return typeof raw.id === 'string' && typeof recipient === 'string'
    ? statusId(raw.id, typeof raw.status === 'string' ? raw.status : '', recipient)
    : hashedId('sh', raw);
}

const SOURCES = { message: 'messages', status: 'statuses', error: 'errors' } as const;

function routeOf(kind: ItemWork['kind'], raw: Record<string, unknown>): Route | UnknownWork['reason'] {
  if (kind === 'status') return STATUS_ROUTES.get(raw.status as string) ?? OTHER_STATUS_ROUTE;
  if (kind === 'error') return ERROR_ROUTE;
  // Most messages have a plain type: one lookup, no intermediate object.
  const direct = typeof raw.type === 'string' ? MESSAGE_ROUTES.get(raw.type) : undefined;
  if (direct !== undefined) return direct;
  const routed = routeMessage(raw);
  return routed.route ?? routed.reason ?? 'invalid_shape';
}

/** Whether `item` fits `route`'s schema: the hand-written fast path first, zod when it says no. */
function fits(kind: ItemWork['kind'], route: Route, item: Record<string, unknown>) {
  if (kind === 'message' ? isPlainTextMessage(item) : kind === 'status' && isPlainStatus(item)) return undefined;
  const checked = route.schema.safeParse(item);
  return checked.success ? undefined : checked.error.issues;
}

/** Where an item sits, for an unknown work item (built only then: most items never need it). */
function itemWhere(kind: ItemWork['kind'], index: number, change: MessagesChange) {
  const source = SOURCES[kind];
  return { change, value: change.value, source, path: [...change.path, source, index] };
}

/** Plans one item of `messages[]`, `statuses[]` or `errors[]`. */
function planItem(
  plan: Plan,
  settings: PlanSettings,
  kind: ItemWork['kind'],
  item: unknown,
  index: number,
  change: MessagesChange,
): void {
  const raw = isRecord(item) ? item : {};
  const route = routeOf(kind, raw);
  if (typeof route === 'string' || !isRecord(item)) {
    const id = itemId(kind, raw, change);
    const name = typeof route === 'string' ? routeMessage(raw).name : route.name;
    const reason = typeof route === 'string' ? route : 'invalid_shape';
    pushUnknown(plan, settings, unknownWork(reason, name, id, item, itemWhere(kind, index, change)));
    return;
  }
  if (!settings.registry.wants(route.chain)) return;
  if (kind !== 'error' && isStale(raw.timestamp, settings)) {
    plan.stale++;
    return;
  }
  // The id is built only for an event that will be delivered or reported.
  const id = itemId(kind, raw, change);
  const issues = fits(kind, route, raw);
  if (issues === undefined) plan.works.push({ kind, id, route, item: raw, change });
  else
    pushUnknown(
      plan,
      settings,
      unknownWork('invalid_shape', route.name, id, item, itemWhere(kind, index, change), issues),
    );
}

/** Where a problem with a whole change sits. */
function changeWhere(context: ChangeContext) {
  return { change: context, value: context.value, source: 'change' as const, path: context.path };
}

function planMessagesChange(plan: Plan, settings: PlanSettings, context: ChangeContext): void {
  const { value } = context;
  if (!isMessagesValue(value)) {
    const issues = messagesValueSchema.safeParse(value).error?.issues ?? [];
    const id = changeId('messages', context.entryId, context.entryTime, value);
    pushUnknown(plan, settings, unknownWork('invalid_shape', 'messages', id, value, changeWhere(context), issues));
    return;
  }
  // The context is the change, now that its value is checked: one object per change.
  const change = context as MessagesChange;
  const { messages, statuses, errors } = value;
  if (!messages?.length && !statuses?.length && !errors?.length) {
    const id = changeId('messages', context.entryId, context.entryTime, value);
    pushUnknown(plan, settings, unknownWork('empty_change', 'messages', id, value, changeWhere(context)));
    return;
  }
  if (messages)
    for (let index = 0; index < messages.length; index++)
      planItem(plan, settings, 'message', messages[index], index, change);
  if (statuses)
    for (let index = 0; index < statuses.length; index++)
      planItem(plan, settings, 'status', statuses[index], index, change);
  if (errors)
    for (let index = 0; index < errors.length; index++) planItem(plan, settings, 'error', errors[index], index, change);
}

/** Plans a change of a field other than `messages`: one event, plus one per nested item cut out. */
function planFieldChange(plan: Plan, settings: PlanSettings, context: ChangeContext): void {
  const { field, value } = context;
  const route = FIELD_ROUTES.get(field);
  if (route === undefined) {
    const id = changeId(field, context.entryId, context.entryTime, value);
    pushUnknown(plan, settings, unknownWork('unknown_field', field, id, value, changeWhere(context)));
    return;
  }
  if (!settings.registry.wants(route.chain)) return;
  if (isStale(context.entryTime, settings)) {
    plan.stale++;
    return;
  }
  // The id (a hash of the whole value) is built only for a change that will be delivered or reported.
  const id = changeId(field, context.entryId, context.entryTime, value);
  const checked = checkChange(route.schema, value);
  if (!checked.ok) {
    pushUnknown(
      plan,
      settings,
      unknownWork('invalid_shape', route.name, id, value, changeWhere(context), checked.issues),
    );
    return;
  }
  plan.works.push({ kind: 'change', id, route, value: checked.value, raw: value, change: context });
  for (const cut of checked.cut) {
    const path = [...context.path, ...cut.path];
    const cutId = hashedId('u', id, cut.path);
    const where = { ...changeWhere(context), source: 'item' as const, path };
    pushUnknown(plan, settings, unknownWork('invalid_item', route.name, cutId, cut.item, where, cut.issues));
  }
}

/** Plans every event of a notification, in order. */
export function plan(payload: unknown, settings: PlanSettings): Plan {
  const result: Plan = { works: [], stale: 0, unheard: undefined };
  if (!isNotification(payload)) {
    const issues = notificationSchema.safeParse(payload).error?.issues ?? [];
    pushUnknown(
      result,
      settings,
      unknownWork('invalid_envelope', 'unknown', hashedId('u', payload), payload, bodyWhere(), issues),
    );
    return result;
  }
  if (payload.object !== WHATSAPP_OBJECT) {
    const id = hashedId('u', payload);
    pushUnknown(result, settings, unknownWork('unknown_object', 'unknown', id, payload, bodyWhere()));
    return result;
  }
  // Plain loops: this runs for every POST.
  const entries = payload.entry;
  for (let entryIndex = 0; entryIndex < entries.length; entryIndex++) {
    const entry = entries[entryIndex]!;
    const entryId = String(entry.id);
    const changes = entry.changes;
    for (let changeIndex = 0; changeIndex < changes.length; changeIndex++) {
      const change = changes[changeIndex]!;
      const path = ['entry', entryIndex, 'changes', changeIndex, 'value'];
      const context: ChangeContext = { field: change.field, entryId, entryTime: entry.time, path, value: change.value };
      if (change.field === 'messages') planMessagesChange(result, settings, context);
      else planFieldChange(result, settings, context);
    }
  }
  return result;
}

/** Where a problem with the whole body sits. */
function bodyWhere() {
  return { change: undefined, value: undefined, source: 'body' as const, path: [] };
}
