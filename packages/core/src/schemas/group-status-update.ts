/** `group_status_update`: a group was suspended or its suspension cleared (PAYLOADS.md section 4). */
import { z } from 'zod';
import { groupItemShape, groupsValue } from './groups';
import { openEnum } from './shared';

/** One item of `groups[]` of a `group_status_update`. */
export const groupStatusEventSchema = z.looseObject({
  ...groupItemShape,
  type: openEnum(['group_suspend', 'group_suspend_cleared']),
});
export type GroupStatusEvent = z.infer<typeof groupStatusEventSchema>;

/** `group_status_update` change value. */
export const groupStatusUpdateSchema = groupsValue(groupStatusEventSchema);
export type GroupStatusUpdate = z.infer<typeof groupStatusUpdateSchema>;
