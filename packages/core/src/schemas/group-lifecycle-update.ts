/** `group_lifecycle_update`: a group was created (or creation failed) or deleted (PAYLOADS.md section 4). */
import { z } from 'zod';
import { groupItemShape, groupsValue } from './groups';
import { openEnum } from './shared';

/** One item of `groups[]` of a `group_lifecycle_update`. */
export const groupLifecycleEventSchema = z.looseObject({
  ...groupItemShape,
  type: openEnum(['group_create', 'group_delete']),
  subject: z.string().optional(),
  description: z.string().optional(),
  invite_link: z.string().optional(),
  join_approval_mode: openEnum(['auto_approve', 'approval_required']).optional(),
});
export type GroupLifecycleEvent = z.infer<typeof groupLifecycleEventSchema>;

/** `group_lifecycle_update` change value. */
export const groupLifecycleUpdateSchema = groupsValue(groupLifecycleEventSchema);
export type GroupLifecycleUpdate = z.infer<typeof groupLifecycleUpdateSchema>;
