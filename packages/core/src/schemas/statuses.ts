/**
 * Delivery statuses of your outbound messages: the items of `value.statuses[]` of the `messages` field
 * (docs/PAYLOADS.md section 3.5).
 */
import { z } from 'zod';
import { errorsSchema, looseObject, openEnum, schemaOf, timestampSchema } from './shared';

/** Pricing and conversation categories, including group and legacy values. */
const pricingCategory = openEnum([
  'authentication',
  'authentication_international',
  'marketing',
  'marketing_lite',
  'referral_conversion',
  'service',
  'utility',
  'group_marketing',
  'group_utility',
  'group_service',
  'user_initiated',
  'business_initiated',
]);

/** `pricing` of a status: present on `sent` or `delivered` (not both). */
export const pricingSchema = looseObject({
  /** Deprecated by Meta; still sent. */
  billable: z.boolean().optional(),
  /** `CBP` before 2025-07-01, `PMP` (per-message pricing) since. */
  pricing_model: openEnum(['CBP', 'PMP']).optional(),
  type: openEnum(['regular', 'free_customer_service', 'free_entry_point']).optional(),
  category: pricingCategory.optional(),
});
/** `pricing` of a status (inferred from `pricingSchema`). */
export interface Pricing extends z.infer<typeof pricingSchema> {}

/** `conversation` of a status; omitted from Graph API v24.0 except for free entry points. */
export const conversationSchema = looseObject({
  id: z.string().optional(),
  expiration_timestamp: timestampSchema.optional(),
  origin: looseObject({ type: pricingCategory.optional() }).optional(),
});
/** `conversation` of a status (inferred from `conversationSchema`). */
export interface Conversation extends z.infer<typeof conversationSchema> {}

/** Status values Meta documents, one `statuses.<value>` event name each; others (`deleted`, future ones) are accepted too. */
export const STATUS_VALUES = ['sent', 'delivered', 'read', 'failed', 'played'] as const;

/** A status value Meta documents: an element of `STATUS_VALUES`, with an event name of its own. */
export type KnownStatusValue = (typeof STATUS_VALUES)[number];

/**
 * The `status` of a status item: a documented value or any other string (Meta adds values without notice;
 * those arrive under the event name `statuses`).
 */
export type StatusValue = KnownStatusValue | (string & {});

/** One delivery status. */
export const statusSchema = looseObject({
  /** `wamid.…` of your outbound message. */
  id: z.string(),
  status: openEnum(STATUS_VALUES),
  timestamp: timestampSchema,
  /** Recipient phone number, or the group id for group messages. Omitted for BSUID-only recipients. */
  recipient_id: z.string().optional(),
  /** Recipient's BSUID. */
  recipient_user_id: z.string().optional(),
  /** Recipient's parent BSUID (enrolled businesses only). */
  recipient_parent_user_id: z.string().optional(),
  /** Name of `recipient_parent_user_id` before 2026-05-05 (docs/PAYLOADS.md section 5, item 2). */
  parent_recipient_user_id: z.string().optional(),
  /** `group` for group messages; then `recipient_participant_*` names the participant. */
  recipient_type: openEnum(['individual', 'group']).optional(),
  recipient_participant_id: z.string().optional(),
  recipient_participant_user_id: z.string().optional(),
  recipient_participant_parent_user_id: z.string().optional(),
  recipient_identity_key_hash: z.string().optional(),
  /** What you passed as `biz_opaque_callback_data` when sending. */
  biz_opaque_callback_data: z.string().optional(),
  conversation: schemaOf<Conversation>(conversationSchema).optional(),
  pricing: schemaOf<Pricing>(pricingSchema).optional(),
  /** Why a `failed` message failed. */
  errors: errorsSchema.optional(),
});
/** One delivery status (inferred from `statusSchema`). */
export interface Status extends z.infer<typeof statusSchema> {}
