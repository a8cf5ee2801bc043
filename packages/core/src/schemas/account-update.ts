/**
 * `account_update`: changes to your WhatsApp Business Account (violations, restrictions, bans, partner
 * changes, pricing tiers, …). One `event`, with the object that belongs to it (docs/PAYLOADS.md section 4).
 */
import { z } from 'zod';
import { idSchema, looseObject, openEnum, timestampSchema } from './shared';

/** `account_update` change value. */
export const accountUpdateSchema = looseObject({
  event: openEnum([
    'ACCOUNT_DELETED',
    'ACCOUNT_OFFBOARDED',
    'ACCOUNT_RECONNECTED',
    'ACCOUNT_RESTRICTION',
    'ACCOUNT_VIOLATION',
    'AD_ACCOUNT_LINKED',
    'AUTH_INTL_PRICE_ELIGIBILITY_UPDATE',
    'BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE',
    'DISABLED_UPDATE',
    'MM_LITE_TERMS_SIGNED',
    'PARTNER_ADDED',
    'PARTNER_APP_INSTALLED',
    'PARTNER_APP_UNINSTALLED',
    'PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE',
    'PARTNER_REMOVED',
    'VOLUME_BASED_PRICING_TIER_UPDATE',
    // Only in the App Dashboard test sample, with `phone_number` (docs/PAYLOADS.md section 5, item 10).
    'VERIFIED_ACCOUNT',
  ]),
  /** Legacy Dashboard test (`VERIFIED_ACCOUNT`). */
  phone_number: z.string().optional(),
  /** ISO country code (`BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE`). */
  country: z.string().optional(),
  /** Who is involved (`AD_ACCOUNT_LINKED`, `MM_LITE_TERMS_SIGNED`, `PARTNER_*`). */
  waba_info: looseObject({
    waba_id: idSchema.optional(),
    owner_business_id: idSchema.optional(),
    ad_account_linked: idSchema.optional(),
    partner_app_id: idSchema.optional(),
    solution_id: idSchema.optional(),
    solution_partner_business_ids: z.array(idSchema).optional(),
  }).optional(),
  violation_info: looseObject({ violation_type: z.string().optional() }).optional(),
  auth_international_rate_eligibility: looseObject({
    start_time: timestampSchema.optional(),
    exception_countries: z
      .array(looseObject({ country_code: z.string().optional(), start_time: timestampSchema.optional() }))
      .optional(),
  }).optional(),
  ban_info: looseObject({
    waba_ban_state: openEnum(['DISABLE', 'REINSTATE', 'SCHEDULE_FOR_DISABLE']).optional(),
    /** A date in words, e.g. `April 17, 2025`. */
    waba_ban_date: z.string().optional(),
  }).optional(),
  restriction_info: z
    .array(
      looseObject({
        restriction_type: openEnum([
          'RESTRICTED_ADD_PHONE_NUMBER_ACTION',
          'RESTRICTED_BIZ_INITIATED_MESSAGING',
          'RESTRICTED_CUSTOMER_INITIATED_MESSAGING',
        ]).optional(),
        expiration: timestampSchema.optional(),
      }),
    )
    .optional(),
  partner_client_certification_info: looseObject({
    client_business_id: idSchema.optional(),
    status: openEnum(['APPROVED', 'DISCARDED', 'FAILED', 'PENDING', 'REVOKED']).optional(),
    rejection_reasons: z.array(z.string()).optional(),
  }).optional(),
  volume_tier_info: looseObject({
    tier_update_time: timestampSchema.optional(),
    pricing_category: z.string().optional(),
    /** A volume range, e.g. `25000001:50000000`. */
    tier: z.string().optional(),
    /** `YYYY-MM`. */
    effective_month: z.string().optional(),
    /** `INDIA` in the docs, `India` in other samples. */
    region: z.string().optional(),
  }).optional(),
  disconnection_info: looseObject({
    reason: openEnum(['PRIMARY_INACTIVITY']).optional(),
    initiated_by: openEnum(['SYSTEM']).optional(),
  }).optional(),
});
/** `account_update` change value (inferred from `accountUpdateSchema`). */
export interface AccountUpdate extends z.infer<typeof accountUpdateSchema> {}
