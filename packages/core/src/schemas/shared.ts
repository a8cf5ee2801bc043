/**
 * Building blocks shared by every schema. The rules: objects are loose at run time (unknown keys survive)
 * but exact in their types (a misspelt property is a compile error), enums are open (known literals for
 * autocomplete, any string accepted), ids and timestamps accept a string or a number, and everything Meta
 * may omit is optional. Schemas never transform: routing hands handlers the very object Meta sent.
 */
import { z } from 'zod';

/**
 * The object config of every schema here, in place of zod's `$loose`: at run time unknown keys are kept
 * (the schema is a `z.looseObject`), but the inferred type lists only the known keys, without
 * `[k: string]: unknown`. The config is structurally zod's `$strip` (no extra keys in the types); this
 * name says what happens at run time. Unknown keys stay reachable through `event.raw`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- zod's own config shape (that of `$strip`)
export type KeepsUnknownKeys = { out: {}; in: {} };

/**
 * `z.looseObject` with an exact type: parsing keeps every key Meta sent (drift tolerance: nothing Meta
 * adds is dropped), while `z.infer` yields only the known keys, so `message.txet` does not compile.
 * `.extend()`, `.pick()`, `.omit()` and `.partial()` keep both behaviours (zod copies the catch-all).
 */
export function looseObject<const T extends z.core.$ZodLooseShape>(
  shape: T,
): z.ZodObject<z.util.Writeable<T>, KeepsUnknownKeys> {
  // zod types a loose object's output with an index signature; the run-time schema is the same object.
  return z.looseObject(shape) as unknown as z.ZodObject<z.util.Writeable<T>, KeepsUnknownKeys>;
}

/**
 * The schema of an open enum: its output is one of the known values `T` or any other string. A named
 * type, so that the published declarations list the values once (`OpenEnum<'a' | 'b'>`).
 */
export interface OpenEnum<T extends string> extends z.ZodType<T | (string & {}), string> {}

/**
 * An open enum: any string is accepted at run time, and the type lists the known values for
 * autocompletion (`'a' | 'b' | (string & {})`). Meta adds values without notice.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(_known: T): OpenEnum<T[number]> {
  return z.string() as unknown as OpenEnum<T[number]>;
}

/**
 * A schema whose output is the named type `T`. Schemas nested in other schemas are typed this way (see
 * `schemaOf`): the inferred types then say `MessageContext` or `WhatsAppError` where the item sits, in
 * hovers and in errors, and the published declarations do not repeat each nested structure.
 */
export interface SchemaOf<T> extends z.ZodType<T> {}

/**
 * Types `schema` by its named output type, for nesting it in another schema:
 * `context: schemaOf<MessageContext>(messageContextSchema).optional()`. The compiler checks that the
 * schema outputs `T`; at run time this is the schema itself.
 */
export function schemaOf<T>(schema: Outputs<T>): SchemaOf<T> {
  return schema as SchemaOf<T>;
}

// What `schemaOf` and `schemaTable` check: only the output type. Comparing two zod schema types member by
// member instead (`z.ZodType<T>`) costs the compiler several times more (measured on this package:
// about 2.5 times the types and instantiations to check the sources).
type Outputs<T> = { readonly _zod: { readonly output: T } };

/**
 * A table of schemas typed by a map of named item types: one schema per key of `Types`. The catalogue
 * tables are typed this way so that the published declarations name the types (`TextMessage`) instead
 * of repeating each schema's structure.
 */
export type SchemaTable<Types> = { readonly [K in keyof Types]: SchemaOf<Types[K]> };

/**
 * Builds a `SchemaTable`: the compiler checks that the rows are exactly the keys of `Types` (none
 * missing, none extra) and that each schema outputs its named type.
 */
export function schemaTable<Types>(rows: { readonly [K in keyof Types]: Outputs<Types[K]> }): SchemaTable<Types> {
  return rows as SchemaTable<Types>;
}

/** An id that Meta sends as a string in some places and as an integer in others. Never converted. */
export const idSchema = z.union([z.string(), z.number()]);

/** A Unix timestamp in seconds, as a string (messages, statuses) or an integer (entry.time, others). */
export const timestampSchema = z.union([z.string(), z.number()]);

/** `metadata` of a `messages`-like change: which of your numbers the notification is about. */
export const metadataSchema = looseObject({
  /** Your business phone number as displayed (digits, no `+`). */
  display_phone_number: z.string(),
  /** Id of your business phone number; route on this one. */
  phone_number_id: z.string(),
});
/** `metadata` of a `messages`-like change (inferred from `metadataSchema`). */
export interface Metadata extends z.infer<typeof metadataSchema> {}

/** An error object as Meta sends it in `errors[]` (value level, message level, status level). */
export const errorSchema = looseObject({
  /** Numeric error code (a placeholder string in some group examples). */
  code: z.union([z.number(), z.string()]),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: looseObject({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
  /** Legacy shape (`type: "unknown"` messages). */
  details: z.string().optional(),
});
/** An error object as Meta sends it in `errors[]` (value level, message level, status level) (inferred from `errorSchema`). */
export interface WhatsAppError extends z.infer<typeof errorSchema> {}

/** An `errors[]` array (message, status, call, group, history levels), its items typed `WhatsAppError`. */
export const errorsSchema = z.array(schemaOf<WhatsAppError>(errorSchema));

/** The sender (or recipient) profile in `contacts[]`. Every key may be missing (docs/PAYLOADS.md section 3.2). */
export const contactSchema = looseObject({
  profile: looseObject({
    /** Display name the user chose. */
    name: z.string().optional(),
    /** Username, e.g. `@pablomorales`, when the user adopted one. */
    username: z.string().optional(),
  }).optional(),
  /** Phone-number-based WhatsApp id; omitted when the user hides the number behind a username. */
  wa_id: z.string().optional(),
  /** Business-scoped user id (BSUID), e.g. `US.13491208655302741918`. */
  user_id: z.string().optional(),
  /** Parent BSUID, only for enrolled businesses. */
  parent_user_id: z.string().optional(),
  identity_key_hash: z.string().optional(),
});
/** The sender (or recipient) profile in `contacts[]` (inferred from `contactSchema`). */
export interface Contact extends z.infer<typeof contactSchema> {}

/** A `contacts[]` array of a `messages`-like value, its items typed `Contact`. */
export const contactsSchema = z.array(schemaOf<Contact>(contactSchema));

/**
 * The keys that open the value of every `messages`-like field (`calls`, `history`, `smb_*`,
 * `user_preferences`, `user_id_update`, `automatic_events`, `group_*`): which of your numbers it is about.
 */
export const messagingValueShape = {
  messaging_product: z.string().optional(),
  metadata: schemaOf<Metadata>(metadataSchema),
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
 * A messaging limit: a number (`-1` for unlimited) or a tier name. docs/PAYLOADS.md section 4
 * (`business_capability_update`: typed Integer, documented with tier names too).
 */
export const messagingLimitSchema = z.union([z.number(), messagingTierSchema]);
export type MessagingLimit = z.infer<typeof messagingLimitSchema>;
