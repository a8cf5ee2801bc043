/** `security`: a phone number's two-step verification PIN changed or a reset was requested (PAYLOADS.md section 4). */
import { z } from 'zod';
import { openEnum } from './shared';

/** `security` change value. */
export const securitySchema = z.looseObject({
  display_phone_number: z.string(),
  event: openEnum(['PIN_CHANGED', 'PIN_RESET_REQUEST', 'PIN_REQUEST_SUCCESS']),
  /** Id of the user who made the request. */
  requester: z.string().optional(),
});
export type Security = z.infer<typeof securitySchema>;
