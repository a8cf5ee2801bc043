/**
 * The notification envelope every WhatsApp webhook POST shares (docs/PAYLOADS.md section 2):
 * `{ object, entry: [{ id, time?, changes: [{ field, value }] }] }`.
 */
import { z } from 'zod';
import { contactsSchema, idSchema, looseObject, metadataSchema, schemaOf, type Metadata } from './shared';

/** The only `object` WhatsApp sends. */
export const WHATSAPP_OBJECT = 'whatsapp_business_account';

/** One change of an entry. `value` is checked by the schema of its `field`. */
export const changeSchema = looseObject({
  field: z.string(),
  value: z.unknown(),
});
/** One change of an entry (inferred from `changeSchema`). */
export interface Change extends z.infer<typeof changeSchema> {}

/** One entry: the WhatsApp Business Account (or, for `partner_solutions`, the business portfolio). */
export const entrySchema = looseObject({
  /** WABA id (`"0"` for Dashboard test notifications). */
  id: idSchema,
  /** Unix seconds when the webhook was triggered; absent on `messages` and several other fields. */
  time: z.number().optional(),
  changes: z.array(schemaOf<Change>(changeSchema)),
});
/** One entry (inferred from `entrySchema`). */
export interface Entry extends z.infer<typeof entrySchema> {}

/** The whole notification body. `object` is checked separately, so that other objects reach `onUnknown`. */
export const notificationSchema = looseObject({
  object: z.string(),
  entry: z.array(schemaOf<Entry>(entrySchema)),
});
/** The whole notification body (inferred from `notificationSchema`). */
export interface Notification extends z.infer<typeof notificationSchema> {}

/**
 * `value` of a `messages` change, checked shallowly: the items of `messages`, `statuses` and `errors`
 * are checked one by one, only when a handler wants them, and an item that does not fit reaches
 * `onUnknown` without hiding the others.
 */
export const messagesValueSchema = looseObject({
  messaging_product: z.string().optional(),
  metadata: schemaOf<Metadata>(metadataSchema),
  contacts: contactsSchema.optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});
/** `value` of a `messages` change, checked shallowly (inferred from `messagesValueSchema`). */
export interface MessagesValue extends z.infer<typeof messagesValueSchema> {}
