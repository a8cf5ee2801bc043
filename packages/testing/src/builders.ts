/**
 * Builders for realistic notifications: the envelope Meta posts (`object`, `entry[]`, `changes[]`), with
 * the values Meta fills in and fresh ids, so that a receiver with deduplication handles every build.
 * Shapes follow Meta's reference and the payload corpus of `@wa-webhooks/core` (docs/PAYLOADS.md sections
 * 2 and 3); every builder's output is tested against core's schemas.
 */
import type { StatusValue } from '@wa-webhooks/core';
import { WHATSAPP_OBJECT } from '@wa-webhooks/core/schemas';
import { freshWamid, nextEntryTime, unixTimestamp } from './ids';

/** A whole notification, as Meta posts it. Mutable on purpose: tests may adjust what they need. */
export interface WebhookPayload {
  /** Always `whatsapp_business_account` (core's `WHATSAPP_OBJECT`) for WhatsApp. */
  object: typeof WHATSAPP_OBJECT;
  /** One entry per WhatsApp Business Account (or per time), each with its changes. */
  entry: PayloadEntry[];
}

/** One `entry[]` item. */
export interface PayloadEntry {
  /** The WhatsApp Business Account id (`"0"` in the App Dashboard's Test samples). */
  id: string;
  /** Unix seconds; Meta sends it on most fields other than `messages`. */
  time?: number;
  /** The changes of this entry. */
  changes: PayloadChange[];
}

/** One `changes[]` item: the webhook field and its value. */
export interface PayloadChange {
  /** The webhook field, e.g. `messages` or `message_template_status_update`. */
  field: string;
  /** The field's value, exactly as it goes on the wire. */
  value: Record<string, unknown>;
}

/** Which business a notification belongs to. Every builder accepts these. */
export interface BusinessOptions {
  /** `entry[].id`: the WhatsApp Business Account id. Default `102290129340398`. */
  readonly wabaId?: string;
  /** `metadata.phone_number_id` of your business number. Default `106540352242922`. */
  readonly phoneNumberId?: string;
  /** `metadata.display_phone_number` of your business number (no `+`). Default `15550783881`. */
  readonly displayPhoneNumber?: string;
}

/** Options shared by the inbound-message builders. */
export interface MessageOptions extends BusinessOptions {
  /** The user's phone number (`from`, `contacts[].wa_id`), without `+`. Default `16505551234`. */
  readonly from?: string;
  /** The user's profile name (`contacts[].profile.name`). Default `Sheena Nelson`. */
  readonly name?: string;
  /** The user's business-scoped user id (BSUID), sent as `from_user_id` and `contacts[].user_id` when given. */
  readonly userId?: string;
  /** The message id. Default: a fresh wamid, so deduplication never skips it. */
  readonly id?: string;
  /** When the user sent it: a `Date`, or Unix seconds as a string. Default now. */
  readonly timestamp?: Date | string;
  /** `context`: the message this one replies to (`{ from, id }`), or `{ forwarded: true }`. */
  readonly context?: Readonly<Record<string, unknown>>;
}

/** `entry[].id` of every builder unless given. */
export const DEFAULT_WABA_ID = '102290129340398';
const DEFAULT_PHONE_NUMBER_ID = '106540352242922';
const DEFAULT_DISPLAY_PHONE_NUMBER = '15550783881';
const DEFAULT_USER_PHONE = '16505551234';
const DEFAULT_USER_NAME = 'Sheena Nelson';

/**
 * Wraps one change into a notification. Fields other than `messages` get a fresh `entry.time` (the
 * change's id is derived from it), unless `time` is given.
 *
 * @example
 * ```ts
 * buildNotification('user_preferences', { messaging_product: 'whatsapp', metadata, contacts, user_preferences: [...] });
 * ```
 */
export function buildNotification(
  field: string,
  value: Record<string, unknown>,
  options: { readonly wabaId?: string; readonly time?: number | null } = {},
): WebhookPayload {
  const time =
    options.time === undefined ? (field === 'messages' ? undefined : nextEntryTime()) : (options.time ?? undefined);
  const entry: PayloadEntry = {
    id: options.wabaId ?? DEFAULT_WABA_ID,
    ...(time === undefined ? {} : { time }),
    changes: [{ field, value }],
  };
  return { object: WHATSAPP_OBJECT, entry: [entry] };
}

function messagesValue(options: BusinessOptions, items: Record<string, unknown>): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    metadata: {
      display_phone_number: options.displayPhoneNumber ?? DEFAULT_DISPLAY_PHONE_NUMBER,
      phone_number_id: options.phoneNumberId ?? DEFAULT_PHONE_NUMBER_ID,
    },
    ...items,
  };
}

/** A message as the user sent it: `type` plus the object of that type, e.g. `{ type: 'image', image: { … } }`. */
export type MessageContentInput = { readonly type: string } & Readonly<Record<string, unknown>>;

/**
 * Builds an inbound message notification of any type: `content` holds `type` and that type's object
 * (and anything else the item should carry, e.g. `errors`). `from`, `id` (fresh) and `timestamp` are
 * filled in, and the sender's `contacts[]` entry is added.
 *
 * @example
 * ```ts
 * buildMessage({ type: 'location', location: { latitude: 52.52, longitude: 13.405 } }, { from: '4915112345678' });
 * ```
 */
export function buildMessage(content: MessageContentInput, options: MessageOptions = {}): WebhookPayload {
  const from = options.from ?? DEFAULT_USER_PHONE;
  const userId = options.userId;
  const contact = {
    profile: { name: options.name ?? DEFAULT_USER_NAME },
    wa_id: from,
    ...(userId === undefined ? {} : { user_id: userId }),
  };
  const message = {
    ...(options.context === undefined ? {} : { context: { ...options.context } }),
    from,
    ...(userId === undefined ? {} : { from_user_id: userId }),
    id: options.id ?? freshWamid(from),
    timestamp: unixTimestamp(options.timestamp),
    ...content,
  };
  return buildNotification('messages', messagesValue(options, { contacts: [contact], messages: [message] }), {
    wabaId: options.wabaId ?? DEFAULT_WABA_ID,
  });
}

/** Options of `buildUnknownMessage`. */
export interface UnknownMessageOptions extends MessageOptions {
  /** The message type, one that no schema knows. Default `future_type`. */
  readonly type?: string;
}

/**
 * Builds a message of a type Meta has not documented yet (default `future_type`), as Meta would send a
 * new type: `@wa-webhooks/core` answers it 200 and hands it to `onUnknown` (reason `unknown_type`), so
 * that you can see what your app does with the surprises Meta ships.
 *
 * @example
 * ```ts
 * await webhooks.receive(buildUnknownMessage()); // onUnknown: messages.future_type, unknown_type
 * ```
 */
export function buildUnknownMessage(options: UnknownMessageOptions = {}): WebhookPayload {
  const type = options.type ?? 'future_type';
  return buildMessage({ type, [type]: { id: 'future-1', note: 'A type no schema knows yet.' } }, options);
}

/** Options of `buildTextMessage`. */
export interface TextMessageOptions extends MessageOptions {
  /** The text. Default `Hello`. */
  readonly body?: string;
}

/**
 * Builds a notification holding one inbound text message (`messages.text`).
 *
 * @example
 * ```ts
 * const payload = buildTextMessage({ from: '4915112345678', body: 'Is my order on its way?' });
 * ```
 */
export function buildTextMessage(options: TextMessageOptions = {}): WebhookPayload {
  return buildMessage({ type: 'text', text: { body: options.body ?? 'Hello' } }, options);
}

/** Context for a reply to a message the business sent: from the business number, to a fresh wamid. */
function replyContext(options: MessageOptions): Readonly<Record<string, unknown>> {
  return (
    options.context ?? {
      from: options.displayPhoneNumber ?? DEFAULT_DISPLAY_PHONE_NUMBER,
      id: freshWamid(options.from ?? DEFAULT_USER_PHONE),
    }
  );
}

/** Options of `buildButtonReply`. */
export interface ButtonReplyOptions extends MessageOptions {
  /** The id of the reply button you sent. Default `yes`. */
  readonly buttonId?: string;
  /** The button's title. Default `Yes`. */
  readonly title?: string;
}

/** Builds a notification of a tap on a reply button of your interactive message (`messages.interactive.button_reply`). */
export function buildButtonReply(options: ButtonReplyOptions = {}): WebhookPayload {
  const reply = { id: options.buttonId ?? 'yes', title: options.title ?? 'Yes' };
  return buildMessage(
    { type: 'interactive', interactive: { type: 'button_reply', button_reply: reply } },
    { ...options, context: replyContext(options) },
  );
}

/** Options of `buildListReply`. */
export interface ListReplyOptions extends MessageOptions {
  /** The id of the chosen row. Default `priority_express`. */
  readonly rowId?: string;
  /** The row's title. Default `Priority Mail Express`. */
  readonly title?: string;
  /** The row's description, if it had one. */
  readonly description?: string;
}

/** Builds a notification of a row chosen in your list message (`messages.interactive.list_reply`). */
export function buildListReply(options: ListReplyOptions = {}): WebhookPayload {
  const reply = {
    id: options.rowId ?? 'priority_express',
    title: options.title ?? 'Priority Mail Express',
    ...(options.description === undefined ? {} : { description: options.description }),
  };
  return buildMessage(
    { type: 'interactive', interactive: { type: 'list_reply', list_reply: reply } },
    { ...options, context: replyContext(options) },
  );
}

/** Options of `buildStatus`. */
export interface StatusOptions extends BusinessOptions {
  /** The status. */
  readonly status: StatusValue;
  /** The wamid of the message you sent. Default: a fresh one. */
  readonly id?: string;
  /** The recipient's phone number. Default `16505551234`. */
  readonly recipientId?: string;
  /** When it happened: a `Date`, or Unix seconds as a string. Default now. */
  readonly timestamp?: Date | string;
  /**
   * `pricing`. Default: a billable `PMP` / `utility` / `regular` price on `sent` and `delivered`, none on
   * other statuses (Meta's current shape, without the `conversation` object removed in v24.0). `null`
   * leaves it out.
   */
  readonly pricing?: Readonly<Record<string, unknown>> | null;
  /** `errors[]` of a `failed` status. Default: error 131049 (not delivered to keep the ecosystem healthy). */
  readonly errors?: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** Anything else the status item should carry (e.g. `biz_opaque_callback_data`, `conversation`). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

const DEFAULT_FAILED_ERRORS = [
  {
    code: 131049,
    title: 'This message was not delivered to maintain healthy ecosystem engagement.',
    message: 'This message was not delivered to maintain healthy ecosystem engagement.',
    error_data: { details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.' },
    href: '/documentation/business-messaging/whatsapp/support/error-codes',
  },
];

/**
 * Builds a status notification for a message you sent (`statuses.sent`, `statuses.delivered`,
 * `statuses.read`, `statuses.failed`, `statuses.played`).
 *
 * @example
 * ```ts
 * const payload = buildStatus({ status: 'delivered', id: sentWamid, recipientId: '4915112345678' });
 * ```
 */
export function buildStatus(options: StatusOptions): WebhookPayload {
  const recipient = options.recipientId ?? DEFAULT_USER_PHONE;
  const hasDefaultPricing = options.status === 'sent' || options.status === 'delivered';
  const pricing =
    options.pricing === undefined
      ? hasDefaultPricing
        ? { billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' }
        : undefined
      : (options.pricing ?? undefined);
  const errors = options.errors ?? (options.status === 'failed' ? DEFAULT_FAILED_ERRORS : undefined);
  const status = {
    id: options.id ?? freshWamid(recipient),
    status: options.status,
    timestamp: unixTimestamp(options.timestamp),
    recipient_id: recipient,
    ...(pricing === undefined ? {} : { pricing: { ...pricing } }),
    ...(errors === undefined ? {} : { errors: errors.map((error) => ({ ...error })) }),
    ...options.extra,
  };
  return buildNotification('messages', messagesValue(options, { statuses: [status] }), {
    wabaId: options.wabaId ?? DEFAULT_WABA_ID,
  });
}

/**
 * Combines notifications into one POST, as Meta batches them (up to 1000 updates per POST): their
 * entries in order, where consecutive entries of the same account (same `id` and `time`) become one
 * entry with all their changes.
 *
 * @example
 * ```ts
 * const batch = buildBatch([buildTextMessage({ body: 'one' }), buildTextMessage({ body: 'two' }), buildStatus({ status: 'read' })]);
 * ```
 */
export function buildBatch(payloads: readonly WebhookPayload[]): WebhookPayload {
  const entries: PayloadEntry[] = [];
  for (const payload of payloads) {
    for (const entry of payload.entry) {
      const last = entries.at(-1);
      if (last !== undefined && last.id === entry.id && last.time === entry.time) {
        last.changes.push(...entry.changes);
      } else {
        entries.push({ ...entry, changes: [...entry.changes] });
      }
    }
  }
  return { object: WHATSAPP_OBJECT, entry: entries };
}
