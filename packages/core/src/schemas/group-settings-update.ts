/** `group_settings_update`: a group's picture, subject or description was changed (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { groupItemShape, groupsValue } from './groups';
import { errorsSchema, looseObject, openEnum, schemaOf } from './shared';

const outcome = { update_successful: z.boolean().optional(), errors: errorsSchema.optional() };

/** One item of `groups[]` of a `group_settings_update`. */
export const groupSettingsEventSchema = looseObject({
  ...groupItemShape,
  type: openEnum(['group_settings_update']),
  profile_picture: looseObject({
    mime_type: z.string().optional(),
    sha256: z.string().optional(),
    ...outcome,
  }).optional(),
  group_subject: looseObject({ text: z.string().optional(), ...outcome }).optional(),
  group_description: looseObject({ text: z.string().optional(), ...outcome }).optional(),
});
/** One item of `groups[]` of a `group_settings_update` (inferred from `groupSettingsEventSchema`). */
export interface GroupSettingsEvent extends z.infer<typeof groupSettingsEventSchema> {}

/** `group_settings_update` change value. */
export const groupSettingsUpdateSchema = groupsValue(schemaOf<GroupSettingsEvent>(groupSettingsEventSchema));
/** `group_settings_update` change value (inferred from `groupSettingsUpdateSchema`). */
export interface GroupSettingsUpdate extends z.infer<typeof groupSettingsUpdateSchema> {}
