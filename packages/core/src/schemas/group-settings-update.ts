/** `group_settings_update`: a group's picture, subject or description was changed (PAYLOADS.md section 4). */
import { z } from 'zod';
import { groupItemShape, groupsValue } from './groups';
import { errorSchema, openEnum } from './shared';

const outcome = { update_successful: z.boolean().optional(), errors: z.array(errorSchema).optional() };

/** One item of `groups[]` of a `group_settings_update`. */
export const groupSettingsEventSchema = z.looseObject({
  ...groupItemShape,
  type: openEnum(['group_settings_update']),
  profile_picture: z
    .looseObject({ mime_type: z.string().optional(), sha256: z.string().optional(), ...outcome })
    .optional(),
  group_subject: z.looseObject({ text: z.string().optional(), ...outcome }).optional(),
  group_description: z.looseObject({ text: z.string().optional(), ...outcome }).optional(),
});
export type GroupSettingsEvent = z.infer<typeof groupSettingsEventSchema>;

/** `group_settings_update` change value. */
export const groupSettingsUpdateSchema = groupsValue(groupSettingsEventSchema);
export type GroupSettingsUpdate = z.infer<typeof groupSettingsUpdateSchema>;
