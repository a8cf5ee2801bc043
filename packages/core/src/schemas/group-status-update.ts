/** `group_status_update`: a group was suspended or its suspension cleared (docs/PAYLOADS.md section 4). */
import { type z } from 'zod';
import { groupItemShape, groupsValue } from './groups';
import { looseObject, openEnum, schemaOf } from './shared';

/** One item of `groups[]` of a `group_status_update`. */
export const groupStatusEventSchema = looseObject({
  ...groupItemShape,
  type: openEnum(['group_suspend', 'group_suspend_cleared']),
});
/** One item of `groups[]` of a `group_status_update` (inferred from `groupStatusEventSchema`). */
export interface GroupStatusEvent extends z.infer<typeof groupStatusEventSchema> {}

/** `group_status_update` change value. */
export const groupStatusUpdateSchema = groupsValue(schemaOf<GroupStatusEvent>(groupStatusEventSchema));
/** `group_status_update` change value (inferred from `groupStatusUpdateSchema`). */
export interface GroupStatusUpdate extends z.infer<typeof groupStatusUpdateSchema> {}
