/**
 * The notification envelope every WhatsApp webhook POST shares (PAYLOADS.md section 2):
 * `{ object, entry: [{ id, time?, changes: [{ field, value }] }] }`.
 */
import { z } from 'zod';
import { contactSchema, idSchema, metadataSchema } from './shared';

/** The only `object` WhatsApp sends. */
export const WHATSAPP_OBJECT = 'whatsapp_business_account';

/** One change of an entry. `value` is checked by the schema of its `field`. */
export const changeSchema = z.looseObject({
  field: z.string(),
  value: z.unknown(),
});
export type Change = z.infer<typeof changeSchema>;

/** One entry: the WhatsApp Business Account (or, for `partner_solutions`, the business portfolio). */
export const entrySchema = z.looseObject({
  /** WABA id (`"0"` for Dashboard test notifications). */
  id: idSchema,
  /** Unix seconds when the webhook was triggered; absent on `messages` and several other fields. */
  time: z.number().optional(),
  changes: z.array(changeSchema),
});
export type Entry = z.infer<typeof entrySchema>;

/** The whole notification body. `object` is checked separately, so that other objects reach `onUnknown`. */
export const notificationSchema = z.looseObject({
  object: z.string(),
  entry: z.array(entrySchema),
});
export type Notification = z.infer<typeof notificationSchema>;

/**
 * `value` of a `messages` change, checked shallowly: the items of `messages`, `statuses` and `errors`
 * are checked one by one, only when a handler wants them, and an item that does not fit reaches
 * `onUnknown` without hiding the others.
 */
export const messagesValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: metadataSchema,
  contacts: z.array(contactSchema).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});
export type MessagesValue = z.infer<typeof messagesValueSchema>;
