/** `group_participants_update`: participants joined, left or asked to join a group (PAYLOADS.md section 4). */
import { z } from 'zod';
import { groupItemShape, groupParticipantSchema, groupsValue } from './groups';
import { openEnum } from './shared';

/** One item of `groups[]` of a `group_participants_update`. */
export const groupParticipantsEventSchema = z.looseObject({
  ...groupItemShape,
  type: openEnum([
    'group_participants_add',
    'group_participants_remove',
    'group_join_request_created',
    'group_join_request_revoked',
  ]),
  /** How participants joined, e.g. `invite_link`. */
  reason: openEnum(['invite_link']).optional(),
  added_participants: z.array(groupParticipantSchema).optional(),
  removed_participants: z.array(groupParticipantSchema).optional(),
  failed_participants: z.array(groupParticipantSchema).optional(),
  /** Join requests: the request and who asked. */
  join_request_id: z.string().optional(),
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
});
export type GroupParticipantsEvent = z.infer<typeof groupParticipantsEventSchema>;

/** `group_participants_update` change value. */
export const groupParticipantsUpdateSchema = groupsValue(groupParticipantsEventSchema);
export type GroupParticipantsUpdate = z.infer<typeof groupParticipantsUpdateSchema>;
