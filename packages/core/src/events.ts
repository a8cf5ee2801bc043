/**
 * Event types. Every type here is derived from the catalogue tables and their zod schemas
 * (`z.infer`), so the run-time checks and the compile-time types cannot drift apart.
 */
import type { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';
import type { fieldSchemas, interactiveSchemas, messageTypeSchemas, systemSchemas } from './schemas/catalog';
import type { MessagesValue } from './schemas/envelope';
import type { Contact, Metadata, WhatsAppError } from './schemas/shared';
import type { Status, StatusValue } from './schemas/statuses';

/** What every event carries. */
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
  /** The whole change value (items are checked one by one, so the arrays are typed `unknown[]`). */
  readonly value: MessagesValue;
  /** Which of your numbers the notification is about. */
  readonly metadata: Metadata;
  /** Id of your business phone number the notification is about (`metadata.phone_number_id`). */
  readonly phoneNumberId: string;
}

/** An inbound message. */
export interface MessageEvent<Name extends string = string, M = unknown> extends MessagesFieldEvent<Name> {
  readonly kind: 'message';
  /** The message item exactly as Meta sent it (unknown keys included), checked by its schema. */
  readonly message: M;
  /** The same item, untyped: keys the schemas do not know yet are here. */
  readonly raw: Readonly<Record<string, unknown>>;
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
  /** The status item exactly as Meta sent it. */
  readonly status: S;
  /** The same item, untyped: keys the schemas do not know yet are here. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** The recipient's entry of `contacts[]`, when Meta sends one (since 2026, without `profile` in practice). */
  readonly contact: Contact | undefined;
  /** `timestamp` in milliseconds since the epoch. */
  readonly timestamp: number;
}

/** A value-level error of the `messages` field (`value.errors[]`). */
export interface ErrorEvent extends MessagesFieldEvent<'errors'> {
  readonly kind: 'error';
  readonly error: WhatsAppError;
  /** The same item, untyped. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A change of a field other than `messages`: one event per change. */
export interface ChangeEvent<Field extends string = string, V = unknown> extends BaseEvent<Field, Field> {
  readonly kind: 'change';
  /** The change value, checked by the field's schema (malformed nested items cut out, see `onUnknown`). */
  readonly value: V;
  /** The change value exactly as Meta sent it, untyped. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Why a notification reached `onUnknown`. */
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
  /** A `messages` change with no `messages`, `statuses` or `errors`. */
  | 'empty_change'
  /** An item nested in a change's arrays that does not fit, cut out so the rest reaches the typed handler. */
  | 'invalid_item';

/** Where the data of an unknown event sits: the whole body, a whole change, or one item of a `messages` change. */
export type UnknownSource = 'body' | 'change' | 'messages' | 'statuses' | 'errors';

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
  /** The item, change value or whole body that did not fit, exactly as Meta sent it. */
  readonly raw: unknown;
  /** The change value `raw` came from (`raw` itself when a whole change did not fit; undefined for the body). */
  readonly value: unknown;
  /** Where `raw` sits. */
  readonly source: UnknownSource;
  /** Where `raw` sits in the body, e.g. `['entry', 0, 'changes', 0, 'value', 'messages', 2]`. */
  readonly path: readonly (string | number)[];
  /** Where the schema did not fit (`invalid_shape`, `invalid_envelope`). */
  readonly issues: readonly $ZodIssue[] | undefined;
}

type MessageTypeEvents = {
  [K in keyof typeof messageTypeSchemas as `messages.${K}`]: MessageEvent<
    `messages.${K}`,
    z.infer<(typeof messageTypeSchemas)[K]>
  >;
};
type InteractiveEvents = {
  [K in keyof typeof interactiveSchemas as `messages.interactive.${K}`]: MessageEvent<
    `messages.interactive.${K}`,
    z.infer<(typeof interactiveSchemas)[K]>
  >;
};
type SystemEvents = {
  [K in keyof typeof systemSchemas as `messages.system.${K}`]: MessageEvent<
    `messages.system.${K}`,
    z.infer<(typeof systemSchemas)[K]>
  >;
};
type StatusEvents = {
  [K in StatusValue as `statuses.${K}`]: StatusEvent<`statuses.${K}`, Status & { readonly status: K }>;
};
type FieldEvents = {
  [F in keyof typeof fieldSchemas]: ChangeEvent<F, z.infer<(typeof fieldSchemas)[F]>>;
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
