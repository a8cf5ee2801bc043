/**
 * `smb_message_echoes`: messages your business sent from the WhatsApp Business app (coexistence),
 * including `revoke` and `edit` echoes (PAYLOADS.md section 4).
 */
import { z } from 'zod';
import { anyMessageSchema } from './messages';
import { contactSchema, messagingValueShape } from './shared';

/** One echoed message: any message type, addressed `to` a user. */
export const messageEchoSchema = anyMessageSchema.extend({
  to: z.string().optional(),
  to_user_id: z.string().optional(),
  to_parent_user_id: z.string().optional(),
});
export type MessageEcho = z.infer<typeof messageEchoSchema>;

/** `smb_message_echoes` change value. */
export const smbMessageEchoesSchema = z.looseObject({
  ...messagingValueShape,
  contacts: z.array(contactSchema).optional(),
  message_echoes: z.array(messageEchoSchema),
});
export type SmbMessageEchoes = z.infer<typeof smbMessageEchoesSchema>;
