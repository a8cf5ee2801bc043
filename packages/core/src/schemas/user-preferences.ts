/** `user_preferences`: a user stopped or resumed marketing messages (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { contactsSchema, looseObject, messagingValueShape, openEnum, schemaOf, timestampSchema } from './shared';

/** One item of `user_preferences[]`. */
export const userPreferenceSchema = looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
  detail: z.string().optional(),
  category: openEnum(['marketing_messages']),
  // `signup` (with `signup_id`) comes from pywa's fixtures, not from the reference page.
  value: openEnum(['stop', 'resume', 'signup']),
  signup_id: z.string().optional(),
  /** Unix seconds, an integer here. */
  timestamp: timestampSchema,
});
/** One item of `user_preferences[]` (inferred from `userPreferenceSchema`). */
export interface UserPreference extends z.infer<typeof userPreferenceSchema> {}

/** `user_preferences` change value. */
export const userPreferencesSchema = looseObject({
  ...messagingValueShape,
  contacts: contactsSchema.optional(),
  user_preferences: z.array(schemaOf<UserPreference>(userPreferenceSchema)),
});
/** `user_preferences` change value (inferred from `userPreferencesSchema`). */
export interface UserPreferences extends z.infer<typeof userPreferencesSchema> {}
