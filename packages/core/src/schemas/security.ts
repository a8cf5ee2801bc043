/** `security`: a phone number's two-step verification PIN changed or a reset was requested (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { looseObject, openEnum } from './shared';

/** `security` change value. */
export const securitySchema = looseObject({
  display_phone_number: z.string(),
  event: openEnum(['PIN_CHANGED', 'PIN_RESET_REQUEST', 'PIN_REQUEST_SUCCESS']),
  /** Id of the user who made the request. */
  requester: z.string().optional(),
});
/** `security` change value (inferred from `securitySchema`). */
export interface Security extends z.infer<typeof securitySchema> {}
