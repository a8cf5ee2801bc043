/** `phone_number_name_update`: Meta decided on a display-name request (PAYLOADS.md section 4). */
import { z } from 'zod';
import { openEnum } from './shared';

/** `phone_number_name_update` change value. */
export const phoneNumberNameUpdateSchema = z.looseObject({
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
export type PhoneNumberNameUpdate = z.infer<typeof phoneNumberNameUpdateSchema>;
