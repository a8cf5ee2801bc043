/** `smb_app_state_sync`: contacts added to or removed from the WhatsApp Business app, in coexistence (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { looseObject, messagingValueShape, openEnum, schemaOf, timestampSchema } from './shared';

/** One item of `state_sync[]`. */
export const stateSyncItemSchema = looseObject({
  type: openEnum(['contact']),
  contact: looseObject({
    full_name: z.string().optional(),
    first_name: z.string().optional(),
    phone_number: z.string().optional(),
    user_id: z.string().optional(),
    parent_user_id: z.string().optional(),
    username: z.string().optional(),
  }).optional(),
  action: openEnum(['add', 'remove']),
  metadata: looseObject({ timestamp: timestampSchema.optional() }).optional(),
});
/** One item of `state_sync[]` (inferred from `stateSyncItemSchema`). */
export interface StateSyncItem extends z.infer<typeof stateSyncItemSchema> {}

/** `smb_app_state_sync` change value. */
export const smbAppStateSyncSchema = looseObject({
  ...messagingValueShape,
  state_sync: z.array(schemaOf<StateSyncItem>(stateSyncItemSchema)),
});
/** `smb_app_state_sync` change value (inferred from `smbAppStateSyncSchema`). */
export interface SmbAppStateSync extends z.infer<typeof smbAppStateSyncSchema> {}
