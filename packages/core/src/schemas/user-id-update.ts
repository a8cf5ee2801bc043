/** `user_id_update`: a user's business-scoped user id (BSUID) changed (docs/PAYLOADS.md section 4; BSUID page). */
import { z } from 'zod';
import { contactsSchema, looseObject, messagingValueShape, schemaOf, timestampSchema } from './shared';

const change = looseObject({ previous: z.string(), current: z.string() });

/** One item of `user_id_update[]`. */
export const userIdChangeSchema = looseObject({
  wa_id: z.string().optional(),
  detail: z.string().optional(),
  user_id: change,
  /** Only when parent BSUIDs are enabled. */
  parent_user_id: change.optional(),
  timestamp: timestampSchema,
});
/** One item of `user_id_update[]` (inferred from `userIdChangeSchema`). */
export interface UserIdChange extends z.infer<typeof userIdChangeSchema> {}

/** `user_id_update` change value. */
export const userIdUpdateSchema = looseObject({
  ...messagingValueShape,
  contacts: contactsSchema.optional(),
  user_id_update: z.array(schemaOf<UserIdChange>(userIdChangeSchema)),
});
/** `user_id_update` change value (inferred from `userIdUpdateSchema`). */
export interface UserIdUpdate extends z.infer<typeof userIdUpdateSchema> {}
