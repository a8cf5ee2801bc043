/**
 * `account_settings_update`: a phone number's settings (Calling) changed. Known only from a library
 * fixture modelled on Meta's call-settings page (docs/PAYLOADS.md section 4: UNVERIFIED), so everything but
 * `type` is optional.
 */
import { z } from 'zod';
import { looseObject, openEnum, schemaOf, timestampSchema } from './shared';

/** `ENABLED` in the only sample. */
const status = z.string();

/** `phone_number_settings` of an `account_settings_update`. */
export const phoneNumberSettingsSchema = looseObject({
  phone_number_id: z.string().optional(),
  calling: looseObject({
    status: status.optional(),
    /** `DEFAULT` in the only sample. */
    call_icon_visibility: z.string().optional(),
    callback_permission_status: status.optional(),
    call_hours: looseObject({
      status: status.optional(),
      timezone_id: z.string().optional(),
      weekly_operating_hours: z
        .array(
          looseObject({
            day_of_week: z.string().optional(),
            /** `HHMM`. */
            open_time: z.string().optional(),
            close_time: z.string().optional(),
          }),
        )
        .optional(),
      holiday_schedule: z
        .array(
          looseObject({
            date: z.string().optional(),
            start_time: z.string().optional(),
            end_time: z.string().optional(),
          }),
        )
        .optional(),
    }).optional(),
    sip: looseObject({
      status: status.optional(),
      servers: z.array(looseObject({ hostname: z.string().optional(), port: z.number().optional() })).optional(),
    }).optional(),
  }).optional(),
});
/** `phone_number_settings` of an `account_settings_update` (inferred from `phoneNumberSettingsSchema`). */
export interface PhoneNumberSettings extends z.infer<typeof phoneNumberSettingsSchema> {}

/** `account_settings_update` change value. */
export const accountSettingsUpdateSchema = looseObject({
  messaging_product: z.string().optional(),
  timestamp: timestampSchema.optional(),
  /** What changed; the only sample literally says `[phone_number_settings]` (a docs placeholder). */
  type: openEnum(['phone_number_settings']),
  phone_number_settings: schemaOf<PhoneNumberSettings>(phoneNumberSettingsSchema).optional(),
});
/** `account_settings_update` change value (inferred from `accountSettingsUpdateSchema`). */
export interface AccountSettingsUpdate extends z.infer<typeof accountSettingsUpdateSchema> {}
