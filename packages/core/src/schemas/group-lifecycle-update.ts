/** `group_lifecycle_update`: a group was created (or creation failed) or deleted (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { groupItemShape, groupsValue } from './groups';
import { looseObject, openEnum, schemaOf } from './shared';

/** One item of `groups[]` of a `group_lifecycle_update`. */
export const groupLifecycleEventSchema = looseObject({
  ...groupItemShape,
  type: openEnum(['group_create', 'group_delete']),
  subject: z.string().optional(),
  description: z.string().optional(),
  invite_link: z.string().optional(),
  join_approval_mode: openEnum(['auto_approve', 'approval_required']).optional(),
});
/** One item of `groups[]` of a `group_lifecycle_update` (inferred from `groupLifecycleEventSchema`). */
export interface GroupLifecycleEvent extends z.infer<typeof groupLifecycleEventSchema> {}

/** `group_lifecycle_update` change value. */
export const groupLifecycleUpdateSchema = groupsValue(schemaOf<GroupLifecycleEvent>(groupLifecycleEventSchema));
/** `group_lifecycle_update` change value (inferred from `groupLifecycleUpdateSchema`). */
export interface GroupLifecycleUpdate extends z.infer<typeof groupLifecycleUpdateSchema> {}
