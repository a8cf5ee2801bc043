/** `user_id_update`: a user's business-scoped user id (BSUID) changed (PAYLOADS.md section 4; BSUID page). */
import { z } from 'zod';
import { contactSchema, messagingValueShape, timestampSchema } from './shared';

const change = z.looseObject({ previous: z.string(), current: z.string() });

/** One item of `user_id_update[]`. */
export const userIdChangeSchema = z.looseObject({
  wa_id: z.string().optional(),
  detail: z.string().optional(),
  user_id: change,
  /** Only when parent BSUIDs are enabled. */
  parent_user_id: change.optional(),
  timestamp: timestampSchema,
});
export type UserIdChange = z.infer<typeof userIdChangeSchema>;

/** `user_id_update` change value. */
export const userIdUpdateSchema = z.looseObject({
  ...messagingValueShape,
  contacts: z.array(contactSchema).optional(),
  user_id_update: z.array(userIdChangeSchema),
});
export type UserIdUpdate = z.infer<typeof userIdUpdateSchema>;
