/**
 * Delivery statuses of your outbound messages: the items of `value.statuses[]` of the `messages` field
 * (PAYLOADS.md section 3.5).
 */
import { z } from 'zod';
import { errorSchema, openEnum, timestampSchema } from './shared';

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
export const pricingSchema = z.looseObject({
  /** Deprecated by Meta; still sent. */
  billable: z.boolean().optional(),
  /** `CBP` before 2025-07-01, `PMP` (per-message pricing) since. */
  pricing_model: openEnum(['CBP', 'PMP']).optional(),
  type: openEnum(['regular', 'free_customer_service', 'free_entry_point']).optional(),
  category: pricingCategory.optional(),
});
export type Pricing = z.infer<typeof pricingSchema>;

/** `conversation` of a status; omitted from Graph API v24.0 except for free entry points. */
export const conversationSchema = z.looseObject({
  id: z.string().optional(),
  expiration_timestamp: timestampSchema.optional(),
  origin: z.looseObject({ type: pricingCategory.optional() }).optional(),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** Status values Meta documents; others (`deleted`, future ones) are accepted too. */
export const STATUS_VALUES = ['sent', 'delivered', 'read', 'failed', 'played'] as const;

/** One delivery status. */
export const statusSchema = z.looseObject({
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
  /** Name of `recipient_parent_user_id` before 2026-05-05 (PAYLOADS.md section 5, item 2). */
  parent_recipient_user_id: z.string().optional(),
  /** `group` for group messages; then `recipient_participant_*` names the participant. */
  recipient_type: openEnum(['individual', 'group']).optional(),
  recipient_participant_id: z.string().optional(),
  recipient_participant_user_id: z.string().optional(),
  recipient_participant_parent_user_id: z.string().optional(),
  recipient_identity_key_hash: z.string().optional(),
  /** What you passed as `biz_opaque_callback_data` when sending. */
  biz_opaque_callback_data: z.string().optional(),
  conversation: conversationSchema.optional(),
  pricing: pricingSchema.optional(),
  /** Why a `failed` message failed. */
  errors: z.array(errorSchema).optional(),
});
export type Status = z.infer<typeof statusSchema>;
export type StatusValue = (typeof STATUS_VALUES)[number];
