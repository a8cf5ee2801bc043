/** `group_participants_update`: participants joined, left or asked to join a group (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { groupItemShape, groupParticipantSchema, groupsValue, type GroupParticipant } from './groups';
import { looseObject, openEnum, schemaOf } from './shared';

/** One item of `groups[]` of a `group_participants_update`. */
export const groupParticipantsEventSchema = looseObject({
  ...groupItemShape,
  type: openEnum([
    'group_participants_add',
    'group_participants_remove',
    'group_join_request_created',
    'group_join_request_revoked',
  ]),
  /** How participants joined, e.g. `invite_link`. */
  reason: openEnum(['invite_link']).optional(),
  added_participants: z.array(schemaOf<GroupParticipant>(groupParticipantSchema)).optional(),
  removed_participants: z.array(schemaOf<GroupParticipant>(groupParticipantSchema)).optional(),
  failed_participants: z.array(schemaOf<GroupParticipant>(groupParticipantSchema)).optional(),
  /** Join requests: the request and who asked. */
  join_request_id: z.string().optional(),
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
});
/** One item of `groups[]` of a `group_participants_update` (inferred from `groupParticipantsEventSchema`). */
export interface GroupParticipantsEvent extends z.infer<typeof groupParticipantsEventSchema> {}

/** `group_participants_update` change value. */
export const groupParticipantsUpdateSchema = groupsValue(
  schemaOf<GroupParticipantsEvent>(groupParticipantsEventSchema),
);
/** `group_participants_update` change value (inferred from `groupParticipantsUpdateSchema`). */
export interface GroupParticipantsUpdate extends z.infer<typeof groupParticipantsUpdateSchema> {}
