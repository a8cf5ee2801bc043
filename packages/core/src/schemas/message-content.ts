/**
 * The content objects of inbound messages (`text`, `image`, …, docs/PAYLOADS.md section 3.4) and their reply
 * context, shared by the per-type message schemas of `messages.ts` and by `messageContentSchema`, the
 * content of a message of any type that Meta nests or echoes (`edit.message`, `smb_message_echoes`,
 * `history`).
 */
import { z } from 'zod';
import { looseObject, openEnum, schemaOf } from './shared';

/** Reply / forward / product-inquiry context of a message. */
export const messageContextSchema = looseObject({
  /** Sender of the message replied to (your business number for replies to your messages). */
  from: z.string().optional(),
  /** Id of the message replied to. */
  id: z.string().optional(),
  /** Forwarded up to 5 times. */
  forwarded: z.boolean().optional(),
  /** Forwarded more than 5 times. */
  frequently_forwarded: z.boolean().optional(),
  /** The product the user asked about (message business button). */
  referred_product: looseObject({
    catalog_id: z.string().optional(),
    product_retailer_id: z.string().optional(),
  }).optional(),
});
/** Reply / forward / product-inquiry context of a message (inferred from `messageContextSchema`). */
export interface MessageContext extends z.infer<typeof messageContextSchema> {}

const mediaFields = {
  /** Media id; download it with the Graph API. */
  id: z.string(),
  mime_type: z.string().optional(),
  /** SHA-256 of the file (base64 in current docs, hex in older ones). */
  sha256: z.string().optional(),
  /** Direct download URL (needs your access token), rolled out from 2025-11-12. */
  url: z.string().optional(),
};

/** `text` of a text message. */
export const textContentSchema = looseObject({ body: z.string() });
/** What `textContentSchema` accepts (its inferred type). */
export interface TextContent extends z.infer<typeof textContentSchema> {}
/** `image` of an image message. */
export const imageContentSchema = looseObject({ ...mediaFields, caption: z.string().optional() });
/** What `imageContentSchema` accepts (its inferred type). */
export interface ImageContent extends z.infer<typeof imageContentSchema> {}
/** `video` of a video message. */
export const videoContentSchema = looseObject({ ...mediaFields, caption: z.string().optional() });
/** What `videoContentSchema` accepts (its inferred type). */
export interface VideoContent extends z.infer<typeof videoContentSchema> {}
/** `audio` of an audio message; `voice: true` for a recorded voice note. */
export const audioContentSchema = looseObject({ ...mediaFields, voice: z.boolean().optional() });
/** What `audioContentSchema` accepts (its inferred type). */
export interface AudioContent extends z.infer<typeof audioContentSchema> {}
/** `document` of a document message. */
export const documentContentSchema = looseObject({
  ...mediaFields,
  caption: z.string().optional(),
  filename: z.string().optional(),
});
/** What `documentContentSchema` accepts (its inferred type). */
export interface DocumentContent extends z.infer<typeof documentContentSchema> {}
/** `sticker` of a sticker message (`image/webp`). */
export const stickerContentSchema = looseObject({ ...mediaFields, animated: z.boolean().optional() });
/** What `stickerContentSchema` accepts (its inferred type). */
export interface StickerContent extends z.infer<typeof stickerContentSchema> {}
/** `location` of a location message; a shared current location has only latitude and longitude. */
export const locationContentSchema = looseObject({
  latitude: z.number(),
  longitude: z.number(),
  name: z.string().optional(),
  address: z.string().optional(),
  url: z.string().optional(),
});
/** What `locationContentSchema` accepts (its inferred type). */
export interface LocationContent extends z.infer<typeof locationContentSchema> {}

/** One contact card of a `contacts` message. */
export const sharedContactSchema = looseObject({
  name: looseObject({
    formatted_name: z.string().optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    middle_name: z.string().optional(),
    suffix: z.string().optional(),
    prefix: z.string().optional(),
  }),
  addresses: z
    .array(
      looseObject({
        city: z.string().optional(),
        country: z.string().optional(),
        country_code: z.string().optional(),
        state: z.string().optional(),
        street: z.string().optional(),
        type: z.string().optional(),
        zip: z.string().optional(),
      }),
    )
    .optional(),
  birthday: z.string().optional(),
  emails: z.array(looseObject({ email: z.string().optional(), type: z.string().optional() })).optional(),
  org: looseObject({
    company: z.string().optional(),
    department: z.string().optional(),
    title: z.string().optional(),
  }).optional(),
  phones: z
    .array(looseObject({ phone: z.string().optional(), wa_id: z.string().optional(), type: z.string().optional() }))
    .optional(),
  urls: z.array(looseObject({ url: z.string().optional(), type: z.string().optional() })).optional(),
  /** Only when `origin` is `other` (2026). */
  vcard: z.string().optional(),
  origin: openEnum(['contact_request', 'other']).optional(),
});
/** One contact card of a `contacts` message (inferred from `sharedContactSchema`). */
export interface SharedContact extends z.infer<typeof sharedContactSchema> {}

/** `button` of a quick-reply button tap on a template. */
export const buttonContentSchema = looseObject({ payload: z.string().optional(), text: z.string() });
/** What `buttonContentSchema` accepts (its inferred type). */
export interface ButtonContent extends z.infer<typeof buttonContentSchema> {}
/** `reaction`: `emoji` is omitted (or `""` in older payloads) when the user removed the reaction. */
export const reactionContentSchema = looseObject({ message_id: z.string(), emoji: z.string().optional() });
/** What `reactionContentSchema` accepts (its inferred type). */
export interface ReactionContent extends z.infer<typeof reactionContentSchema> {}
/** `order` of an order message. */
export const orderContentSchema = looseObject({
  catalog_id: z.string(),
  text: z.string().optional(),
  product_items: z.array(
    looseObject({
      product_retailer_id: z.string(),
      // Typed "Integer" in the docs, with 7.99 in their example; strings seen in older samples.
      quantity: z.union([z.number(), z.string()]),
      item_price: z.union([z.number(), z.string()]),
      currency: z.string(),
    }),
  ),
});
/** What `orderContentSchema` accepts (its inferred type). */
export interface OrderContent extends z.infer<typeof orderContentSchema> {}
/** `revoke`: the user deleted one of their messages. */
export const revokeContentSchema = looseObject({ original_message_id: z.string() });
/** What `revokeContentSchema` accepts (its inferred type). */
export interface RevokeContent extends z.infer<typeof revokeContentSchema> {}

/**
 * The content of a message of any type: `type` plus the typed object of every type that has no
 * sub-type, each optional. Used where Meta nests or echoes whole messages (`edit.message`,
 * `smb_message_echoes`, `history`). Types with a sub-type (`interactive`, `system`) and new types keep
 * their object untyped, and no `type` is rejected.
 */
export const messageContentSchema = looseObject({
  /** The type of the content; an open set (`media_placeholder` in history). */
  type: z.string(),
  context: schemaOf<MessageContext>(messageContextSchema).optional(),
  text: schemaOf<TextContent>(textContentSchema).optional(),
  image: schemaOf<ImageContent>(imageContentSchema).optional(),
  video: schemaOf<VideoContent>(videoContentSchema).optional(),
  audio: schemaOf<AudioContent>(audioContentSchema).optional(),
  document: schemaOf<DocumentContent>(documentContentSchema).optional(),
  sticker: schemaOf<StickerContent>(stickerContentSchema).optional(),
  location: schemaOf<LocationContent>(locationContentSchema).optional(),
  contacts: z.array(schemaOf<SharedContact>(sharedContactSchema)).optional(),
  button: schemaOf<ButtonContent>(buttonContentSchema).optional(),
  reaction: schemaOf<ReactionContent>(reactionContentSchema).optional(),
  order: schemaOf<OrderContent>(orderContentSchema).optional(),
  revoke: schemaOf<RevokeContent>(revokeContentSchema).optional(),
});
/** The content of a message of any type (inferred from `messageContentSchema`). */
export interface MessageContent extends z.infer<typeof messageContentSchema> {}

/** `edit`: the user edited one of their messages; `message` is the new content. */
export const editContentSchema = looseObject({
  original_message_id: z.string(),
  message: schemaOf<MessageContent>(messageContentSchema),
});
/** What `editContentSchema` accepts (its inferred type). */
export interface EditContent extends z.infer<typeof editContentSchema> {}
