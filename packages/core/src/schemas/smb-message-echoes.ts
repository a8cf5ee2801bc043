/**
 * `smb_message_echoes`: messages your business sent from the WhatsApp Business app (coexistence),
 * including `revoke` and `edit` echoes (docs/PAYLOADS.md section 4).
 */
import { z } from 'zod';
import { anyMessageSchema } from './messages';
import { contactsSchema, looseObject, messagingValueShape, schemaOf } from './shared';

/** One echoed message: any message type, addressed `to` a user. */
export const messageEchoSchema = anyMessageSchema.extend({
  to: z.string().optional(),
  to_user_id: z.string().optional(),
  to_parent_user_id: z.string().optional(),
});
/** One echoed message (inferred from `messageEchoSchema`). */
export interface MessageEcho extends z.infer<typeof messageEchoSchema> {}

/** `smb_message_echoes` change value. */
export const smbMessageEchoesSchema = looseObject({
  ...messagingValueShape,
  contacts: contactsSchema.optional(),
  message_echoes: z.array(schemaOf<MessageEcho>(messageEchoSchema)),
});
/** `smb_message_echoes` change value (inferred from `smbMessageEchoesSchema`). */
export interface SmbMessageEchoes extends z.infer<typeof smbMessageEchoesSchema> {}
