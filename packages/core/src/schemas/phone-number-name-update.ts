/** `phone_number_name_update`: Meta decided on a display-name request (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { looseObject, openEnum } from './shared';

/** `phone_number_name_update` change value. */
export const phoneNumberNameUpdateSchema = looseObject({
  display_phone_number: z.string(),
  decision: openEnum(['APPROVED', 'DEFERRED', 'PENDING', 'REJECTED']),
  requested_verified_name: z.string().optional(),
  /** `null` unless rejected. */
  rejection_reason: openEnum([
    'NAME_EMPLOYEE_ISSUE',
    'NAME_ENDCLIENT_NOTRELATED',
    'NAME_FORMAT_UNACCEPTABLE',
    'NAME_INDIVIDUAL_ISSUE',
    'NAME_NOT_CONSISTENT',
    'UNKNOWN',
  ])
    .nullable()
    .optional(),
});
/** `phone_number_name_update` change value (inferred from `phoneNumberNameUpdateSchema`). */
export interface PhoneNumberNameUpdate extends z.infer<typeof phoneNumberNameUpdateSchema> {}
