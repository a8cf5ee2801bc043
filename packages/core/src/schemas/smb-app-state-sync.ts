/** `smb_app_state_sync`: contacts added to or removed from the WhatsApp Business app, in coexistence (PAYLOADS.md section 4). */
import { z } from 'zod';
import { messagingValueShape, openEnum, timestampSchema } from './shared';

/** One item of `state_sync[]`. */
export const stateSyncItemSchema = z.looseObject({
  type: openEnum(['contact']),
  contact: z
    .looseObject({
      full_name: z.string().optional(),
      first_name: z.string().optional(),
      phone_number: z.string().optional(),
      user_id: z.string().optional(),
      parent_user_id: z.string().optional(),
      username: z.string().optional(),
    })
    .optional(),
  action: openEnum(['add', 'remove']),
  metadata: z.looseObject({ timestamp: timestampSchema.optional() }).optional(),
});
export type StateSyncItem = z.infer<typeof stateSyncItemSchema>;

/** `smb_app_state_sync` change value. */
export const smbAppStateSyncSchema = z.looseObject({
  ...messagingValueShape,
  state_sync: z.array(stateSyncItemSchema),
});
export type SmbAppStateSync = z.infer<typeof smbAppStateSyncSchema>;
