/** `business_capability_update`: your messaging and phone-number limits changed (docs/PAYLOADS.md section 4). */
import { type z } from 'zod';
import { looseObject, messagingLimitSchema } from './shared';

/** `business_capability_update` change value; each limit is a number (`-1`: unlimited) or a tier name. */
export const businessCapabilityUpdateSchema = looseObject({
  /** Removed by Meta in February 2026; older notifications still carry it. */
  max_daily_conversation_per_phone: messagingLimitSchema.optional(),
  max_daily_conversations_per_business: messagingLimitSchema.optional(),
  max_phone_numbers_per_business: messagingLimitSchema.optional(),
  max_phone_numbers_per_waba: messagingLimitSchema.optional(),
});
/** `business_capability_update` change value (inferred from `businessCapabilityUpdateSchema`). */
export interface BusinessCapabilityUpdate extends z.infer<typeof businessCapabilityUpdateSchema> {}
