/**
 * Event types. Every item type comes from a zod schema (`z.infer`), reached through the named types of
 * the catalogue's type maps (`MessageTypes`, `FieldValues`, …), so the run-time checks and the
 * compile-time types cannot drift apart, and hovers and errors say `TextMessage`, not its expansion.
 *
 * The types are exact: a property the schema does not list is a compile error (`event.message.txet`).
 * At run time nothing is dropped: every item keeps the keys Meta sent, and `event.raw` types them as
 * `unknown` for the keys Meta adds before the schemas know them.
 */
import type { $ZodIssue } from 'zod/v4/core';
import type { FieldValues, InteractiveTypes, MessageTypes, SystemTypes } from './schemas/catalog';
import type { MessagesValue } from './schemas/envelope';
import type { Message } from './schemas/messages';
import type { Contact, Metadata, WhatsAppError } from './schemas/shared';
import type { KnownStatusValue, Status } from './schemas/statuses';

/**
 * The escape hatch to keys the schemas do not know yet: the object an event is about, exactly as Meta
 * sent it, with every value typed `unknown` (check it before use). Read `event.raw.new_key` where
 * `event.message.new_key` does not compile.
 */
export type RawObject = Readonly<Record<string, unknown>>;

/** What every known event carries. */
export interface BaseEvent<Name extends string, Field extends string> {
  /** Dotted event name, e.g. `messages.text`, `statuses.read`, `message_template_status_update`. */
  readonly name: Name;
  /** Meta's `field` of the change the event came from. */
  readonly field: Field;
  /**
   * Stable id for deduplication: equal for a true duplicate delivery, different otherwise. The message
   * wamid for messages; wamid + status + recipient (the participant in groups) for statuses; a hash of
   * field, entry id, entry time and value for other fields.
   */
  readonly id: string;
  /** `entry[].id`: the WhatsApp Business Account id (`"0"` for Dashboard tests). */
  readonly entryId: string;
  /** `entry[].time` (Unix seconds), when Meta sent it. */
  readonly entryTime: number | undefined;
}

/** Keys shared by the events of the `messages` field. */
export interface MessagesFieldEvent<Name extends string> extends BaseEvent<Name, 'messages'> {
  /**
   * The whole change value the item came from. Its `messages`, `statuses` and `errors` arrays are typed
   * `unknown[]`: each item is checked on its own and arrives as its own event.
   */
  readonly value: MessagesValue;
  /** Which of your numbers the notification is about. */
  readonly metadata: Metadata;
  /** Id of your business phone number the notification is about (`metadata.phone_number_id`). */
  readonly phoneNumberId: string;
}

/** An inbound message. */
export interface MessageEvent<Name extends string = string, M = Message> extends MessagesFieldEvent<Name> {
  readonly kind: 'message';
  /** The message item, checked by the schema of its type: only the keys the schema knows are typed. */
  readonly message: M;
  /**
   * The same message item (the very same object), typed as a record of `unknown` values: the way to keys
   * Meta added that the schema does not know yet (`event.raw.new_key`).
   */
  readonly raw: RawObject;
  /** The sender's entry of `contacts[]`, matched by `wa_id` or `user_id`; may be absent. */
  readonly contact: Contact | undefined;
  /** Who sent it: `from` (phone number) or, when Meta omits it, `from_user_id` (BSUID). */
  readonly sender: string | undefined;
  /** The sender's display name from `contacts[].profile.name`, when present. */
  readonly senderName: string | undefined;
  /** `timestamp` in milliseconds since the epoch, ready for `new Date(event.timestamp)`. */
  readonly timestamp: number;
}

/** A delivery status of one of your outbound messages. */
export interface StatusEvent<Name extends string = string, S = Status> extends MessagesFieldEvent<Name> {
  readonly kind: 'status';
  /** The status item, checked by `statusSchema`. */
  readonly status: S;
  /** The same status item, typed as a record of `unknown` values (keys the schema does not know yet). */
  readonly raw: RawObject;
  /** The recipient's entry of `contacts[]`, when Meta sends one (since 2026, without `profile` in practice). */
  readonly contact: Contact | undefined;
  /** `timestamp` in milliseconds since the epoch. */
  readonly timestamp: number;
}

/** A value-level error of the `messages` field (`value.errors[]`). */
export interface ErrorEvent extends MessagesFieldEvent<'errors'> {
  readonly kind: 'error';
  /** The error item, checked by `errorSchema`. */
  readonly error: WhatsAppError;
  /** The same error item, typed as a record of `unknown` values (keys the schema does not know yet). */
  readonly raw: RawObject;
}

/** A change of a field other than `messages`: one event per change. */
export interface ChangeEvent<Field extends string = string, V = unknown> extends BaseEvent<Field, Field> {
  readonly kind: 'change';
  /**
   * The change value, checked by the field's schema. A malformed item nested in it (one message of a
   * `history` thread, one call of `calls`, …) is left out here and reported to `onUnknown` as
   * `invalid_item`, so that one bad item does not hide the others.
   */
  readonly value: V;
  /**
   * The change value exactly as Meta sent it (bad nested items included), typed as a record of
   * `unknown` values (keys the schema does not know yet).
   */
  readonly raw: RawObject;
}

/** Why a notification (or part of one) reached `onUnknown`. */
export type UnknownReason =
  /** `object` is not `whatsapp_business_account`. */
  | 'unknown_object'
  /** The body is JSON but not a notification envelope. */
  | 'invalid_envelope'
  /** A `field` the schemas do not know yet. */
  | 'unknown_field'
  /** A message `type` (or `interactive`/`system` sub-type) the schemas do not know yet. */
  | 'unknown_type'
  /** A known kind whose shape does not fit its schema; `issues` says where. */
  | 'invalid_shape'
  /**
   * A malformed item nested in an otherwise valid change (e.g. one message of a `history` thread): it is
   * cut out of the change event's `value`, and reported here with its `path` and `issues`.
   */
  | 'invalid_item'
  /** A `messages` change with no `messages`, `statuses` or `errors`. */
  | 'empty_change';

/**
 * Where the `raw` data of an unknown event sits: the whole body, a whole change value, one item of a
 * `messages` change (`messages`, `statuses`, `errors`), or an item nested deeper in a change value (`item`,
 * see `path`).
 */
export type UnknownSource = 'body' | 'change' | 'messages' | 'statuses' | 'errors' | 'item';

/**
 * Something correctly signed that the schemas did not expect. It is answered with 200 like everything
 * else (Meta would otherwise retry it for days), and handed to `onUnknown` and `onAny` with the raw data.
 */
export interface UnknownEvent {
  readonly kind: 'unknown';
  /** The name the event would have had (`messages.poll`, `statuses`, `new_field`, …), or `unknown`. */
  readonly name: string;
  readonly reason: UnknownReason;
  /** Meta's `field`, when the notification got that far. */
  readonly field: string | undefined;
  readonly id: string;
  readonly entryId: string | undefined;
  readonly entryTime: number | undefined;
  /** The data that did not fit, exactly as Meta sent it: an item, a whole change value, or the whole body. */
  readonly raw: unknown;
  /** The change value `raw` came from (the same object as `raw` when a whole change did not fit); `undefined` at body level. */
  readonly value: unknown;
  /** What `raw` is: the body, a change value, or an item (see `UnknownSource`). */
  readonly source: UnknownSource;
  /**
   * Where `raw` sits in the body, e.g. `['entry', 0, 'changes', 1, 'value', 'messages', 3]` (empty for the
   * whole body).
   */
  readonly path: readonly (string | number)[];
  /** Where the schema did not fit (`invalid_shape`, `invalid_item`, `invalid_envelope`). */
  readonly issues: readonly $ZodIssue[] | undefined;
}

type MessageTypeEvents = {
  [K in keyof MessageTypes & string as `messages.${K}`]: MessageEvent<`messages.${K}`, MessageTypes[K]>;
};
type InteractiveEvents = {
  [K in keyof InteractiveTypes & string as `messages.interactive.${K}`]: MessageEvent<
    `messages.interactive.${K}`,
    InteractiveTypes[K]
  >;
};
type SystemEvents = {
  [K in keyof SystemTypes & string as `messages.system.${K}`]: MessageEvent<`messages.system.${K}`, SystemTypes[K]>;
};
type StatusEvents = {
  [K in KnownStatusValue as `statuses.${K}`]: StatusEvent<`statuses.${K}`, Status & { readonly status: K }>;
};
type FieldEvents = {
  [F in keyof FieldValues & string]: ChangeEvent<F, FieldValues[F]>;
};

type ValueOf<T> = T[keyof T];

/** Every event name and the event its handlers receive. Parent names receive the union of their children. */
export interface WebhookEventMap extends MessageTypeEvents, InteractiveEvents, SystemEvents, StatusEvents, FieldEvents {
  /** Every inbound message of a known type. */
  messages: ValueOf<MessageTypeEvents> | ValueOf<InteractiveEvents> | ValueOf<SystemEvents>;
  'messages.interactive': ValueOf<InteractiveEvents>;
  'messages.system': ValueOf<SystemEvents>;
  /** Every status, including values Meta adds later (those arrive with the name `statuses`). */
  statuses: ValueOf<StatusEvents> | StatusEvent<'statuses', Status>;
  /** Value-level errors of the `messages` field. */
  errors: ErrorEvent;
}

/** Every name `on()` accepts. */
export type WebhookEventName = keyof WebhookEventMap;

/** The event a handler for `Name` receives. */
export type WebhookEvent<Name extends WebhookEventName = WebhookEventName> = WebhookEventMap[Name];

/** Any known event (what `onAny` receives, besides `UnknownEvent`). */
export type KnownWebhookEvent =
  | ValueOf<MessageTypeEvents>
  | ValueOf<InteractiveEvents>
  | ValueOf<SystemEvents>
  | WebhookEventMap['statuses']
  | ErrorEvent
  | ValueOf<FieldEvents>;

/** A handler for `Name`. May be async; a rejection or throw makes the POST answer 500 so that Meta retries. */
export type WebhookHandler<Name extends WebhookEventName = WebhookEventName> = (event: WebhookEvent<Name>) => unknown;

/** A handler for every event, known or not. */
export type AnyEventHandler = (event: KnownWebhookEvent | UnknownEvent) => unknown;

/** A handler for notifications the schemas did not expect. */
export type UnknownEventHandler = (event: UnknownEvent) => unknown;
