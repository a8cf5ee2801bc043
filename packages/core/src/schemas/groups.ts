/**
 * Building blocks of the four Groups API fields (`group_lifecycle_update`, `group_participants_update`,
 * `group_settings_update`, `group_status_update`): a `messages`-like value with `groups[]`, one item per
 * group event (docs/PAYLOADS.md section 4; Meta's "Webhooks for Groups API" page).
 */
import { z } from 'zod';
import { errorsSchema, looseObject, messagingValueShape, openEnum, type SchemaOf, timestampSchema } from './shared';

/** Keys every item of `groups[]` may carry. */
export const groupItemShape = {
  /** Unix seconds: a string in Meta's docs, an integer in a BSP's samples. */
  timestamp: timestampSchema,
  /** Absent when creating the group failed. */
  group_id: z.string().optional(),
  /** What happened; each field has its own values. */
  type: z.string(),
  /** Id of the API request this event answers. */
  request_id: z.string().optional(),
  /** Who triggered the change. */
  initiated_by: openEnum(['business', 'participant']).optional(),
  /** Why the request failed. */
  errors: errorsSchema.optional(),
};

/** A participant in a participants change. */
export const groupParticipantSchema = looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
  errors: errorsSchema.optional(),
});
/** A participant in a participants change (inferred from `groupParticipantSchema`). */
export interface GroupParticipant extends z.infer<typeof groupParticipantSchema> {}

/** The value of a group field, given the schema of its items typed by their named type (`schemaOf`). */
export const groupsValue = <T>(item: SchemaOf<T>) => looseObject({ ...messagingValueShape, groups: z.array(item) });
