/** `phone_number_quality_update`: a phone number's messaging limit or quality changed (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { looseObject, messagingLimitSchema, messagingTierSchema, openEnum } from './shared';

/** `phone_number_quality_update` change value. */
export const phoneNumberQualityUpdateSchema = looseObject({
  display_phone_number: z.string(),
  // Current values are ONBOARDING and THROUGHPUT_UPGRADE; FLAGGED/UNFLAGGED are legacy and still sent by
  // the older Dashboard test, UPGRADE/DOWNGRADE come from third parties (docs/PAYLOADS.md section 5, item 9).
  event: openEnum(['ONBOARDING', 'THROUGHPUT_UPGRADE', 'FLAGGED', 'UNFLAGGED', 'UPGRADE', 'DOWNGRADE']),
  /** Documented as removed in February 2026, yet present in the 2026 Dashboard test. */
  current_limit: messagingTierSchema.optional(),
  old_limit: messagingTierSchema.optional(),
  max_daily_conversations_per_business: messagingLimitSchema.optional(),
});
/** `phone_number_quality_update` change value (inferred from `phoneNumberQualityUpdateSchema`). */
export interface PhoneNumberQualityUpdate extends z.infer<typeof phoneNumberQualityUpdateSchema> {}
