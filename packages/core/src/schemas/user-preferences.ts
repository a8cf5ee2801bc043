/** `user_preferences`: a user stopped or resumed marketing messages (PAYLOADS.md section 4). */
import { z } from 'zod';
import { contactSchema, messagingValueShape, openEnum, timestampSchema } from './shared';

/** One item of `user_preferences[]`. */
export const userPreferenceSchema = z.looseObject({
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
export type UserPreference = z.infer<typeof userPreferenceSchema>;

/** `user_preferences` change value. */
export const userPreferencesSchema = z.looseObject({
  ...messagingValueShape,
  contacts: z.array(contactSchema).optional(),
  user_preferences: z.array(userPreferenceSchema),
});
export type UserPreferences = z.infer<typeof userPreferencesSchema>;
