/**
 * Building blocks shared by every schema. The rules come from PAYLOADS.md section 7: objects are loose
 * (unknown keys survive), enums are open (known literals for autocomplete, any string accepted), ids and
 * timestamps accept a string or a number, and everything Meta may omit is optional. Schemas never
 * transform: a parsed item is the very object Meta sent.
 */
import { z } from 'zod';

/**
 * An open enum: any string is accepted at run time, and the type lists the known values for
 * autocompletion (`'a' | 'b' | (string & {})`). Meta adds values without notice.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(
  _known: T,
): z.ZodType<T[number] | (string & {}), string> {
  return z.string() as unknown as z.ZodType<T[number] | (string & {}), string>;
}

/** An id that Meta sends as a string in some places and as an integer in others. Never converted. */
export const idSchema = z.union([z.string(), z.number()]);

/** A Unix timestamp in seconds, as a string (messages, statuses) or an integer (entry.time, others). */
export const timestampSchema = z.union([z.string(), z.number()]);

/** `metadata` of a `messages`-like change: which of your numbers the notification is about. */
export const metadataSchema = z.looseObject({
  /** Your business phone number as displayed (digits, no `+`). */
  display_phone_number: z.string(),
  /** Id of your business phone number; route on this one. */
  phone_number_id: z.string(),
});
export type Metadata = z.infer<typeof metadataSchema>;

/** An error object as Meta sends it in `errors[]` (value level, message level, status level). */
export const errorSchema = z.looseObject({
  /** Numeric error code (a placeholder string in some group examples). */
  code: z.union([z.number(), z.string()]),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
  /** Legacy shape (`type: "unknown"` messages). */
  details: z.string().optional(),
});
export type WhatsAppError = z.infer<typeof errorSchema>;

/** The sender (or recipient) profile in `contacts[]`. Every key may be missing (PAYLOADS.md section 3.2). */
export const contactSchema = z.looseObject({
  profile: z
    .looseObject({
      /** Display name the user chose. */
      name: z.string().optional(),
      /** Username, e.g. `@pablomorales`, when the user adopted one. */
      username: z.string().optional(),
    })
    .optional(),
  /** Phone-number-based WhatsApp id; omitted when the user hides the number behind a username. */
  wa_id: z.string().optional(),
  /** Business-scoped user id (BSUID), e.g. `US.13491208655302741918`. */
  user_id: z.string().optional(),
  /** Parent BSUID, only for enrolled businesses. */
  parent_user_id: z.string().optional(),
  identity_key_hash: z.string().optional(),
});
export type Contact = z.infer<typeof contactSchema>;

/**
 * The keys that open the value of every `messages`-like field (`calls`, `history`, `smb_*`,
 * `user_preferences`, `user_id_update`, `automatic_events`, `group_*`): which of your numbers it is about.
 */
export const messagingValueShape = {
  messaging_product: z.string().optional(),
  metadata: metadataSchema,
};

/** The template a template webhook is about. `message_template_id` is an integer in most examples. */
export const templateRefShape = {
  message_template_id: idSchema,
  message_template_name: z.string(),
  message_template_language: z.string(),
};

/** Template categories; legacy pre-2023 values such as `SHIPPING_UPDATE` still reach Dashboard tests. */
export const templateCategorySchema = openEnum(['MARKETING', 'UTILITY', 'AUTHENTICATION']);
export type TemplateCategory = z.infer<typeof templateCategorySchema>;

/** Messaging-limit tiers (`TIER_1K` is the legacy name of a tier later called `TIER_2K`). */
export const messagingTierSchema = openEnum([
  'TIER_50',
  'TIER_250',
  'TIER_1K',
  'TIER_2K',
  'TIER_10K',
  'TIER_100K',
  'TIER_NOT_SET',
  'TIER_UNLIMITED',
]);
export type MessagingTier = z.infer<typeof messagingTierSchema>;

/**
 * A messaging limit: a number (`-1` for unlimited) or a tier name. PAYLOADS.md section 4
 * (`business_capability_update`: typed Integer, documented with tier names too).
 */
export const messagingLimitSchema = z.union([z.number(), messagingTierSchema]);
export type MessagingLimit = z.infer<typeof messagingLimitSchema>;
