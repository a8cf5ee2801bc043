/**
 * Inbound messages: the items of `value.messages[]` of the `messages` field, one schema per `type`
 * (PAYLOADS.md section 3.3 and 3.4), and sub-type schemas where Meta has one (`interactive.type`,
 * `system.type`).
 */
import { z } from 'zod';
import { errorSchema, openEnum, timestampSchema } from './shared';

/** Reply / forward / product-inquiry context of a message. */
export const messageContextSchema = z.looseObject({
  /** Sender of the message replied to (your business number for replies to your messages). */
  from: z.string().optional(),
  /** Id of the message replied to. */
  id: z.string().optional(),
  /** Forwarded up to 5 times. */
  forwarded: z.boolean().optional(),
  /** Forwarded more than 5 times. */
  frequently_forwarded: z.boolean().optional(),
  /** The product the user asked about (message business button). */
  referred_product: z
    .looseObject({ catalog_id: z.string().optional(), product_retailer_id: z.string().optional() })
    .optional(),
});
export type MessageContext = z.infer<typeof messageContextSchema>;

/** Click-to-WhatsApp ad referral. */
export const referralSchema = z.looseObject({
  source_url: z.string().optional(),
  source_id: z.string().optional(),
  source_type: openEnum(['ad', 'post']).optional(),
  body: z.string().optional(),
  headline: z.string().optional(),
  media_type: openEnum(['image', 'video']).optional(),
  image_url: z.string().optional(),
  video_url: z.string().optional(),
  thumbnail_url: z.string().optional(),
  ctwa_clid: z.string().optional(),
  welcome_message: z.looseObject({ text: z.string().optional() }).optional(),
});
export type Referral = z.infer<typeof referralSchema>;

/** Keys every inbound message may carry, whatever its type. */
export const baseMessageSchema = z.looseObject({
  /** `wamid.…` id of the message; the deduplication key. */
  id: z.string(),
  /** Sender's phone number (digits, no `+`). Omitted when the user hides it behind a username (BSUID). */
  from: z.string().optional(),
  /** Sender's business-scoped user id (BSUID). */
  from_user_id: z.string().optional(),
  /** Sender's parent BSUID (enrolled businesses only). */
  from_parent_user_id: z.string().optional(),
  /** Group the message was sent in. */
  group_id: z.string().optional(),
  /** Unix seconds, as a string (an integer in some older samples). */
  timestamp: timestampSchema,
  /** Message type; an open set. */
  type: z.string(),
  context: messageContextSchema.optional(),
  referral: referralSchema.optional(),
  /** Present on `unsupported` (and legacy `unknown`) messages. */
  errors: z.array(errorSchema).optional(),
  /** Legacy identity-change information. */
  identity: z
    .looseObject({
      acknowledged: z.boolean().optional(),
      created_timestamp: timestampSchema.optional(),
      hash: z.string().optional(),
    })
    .optional(),
});

const mediaFields = {
  /** Media id; download it with the Graph API. */
  id: z.string(),
  mime_type: z.string().optional(),
  /** SHA-256 of the file (base64 in current docs, hex in older ones). */
  sha256: z.string().optional(),
  /** Direct download URL (needs your access token), rolled out from 2025-11-12. */
  url: z.string().optional(),
};

// The content object of each type, shared by the per-type schemas below and by `messageContentSchema`
// (the new content inside `edit`, `smb_message_echoes`, `history`). PAYLOADS.md section 3.4.

/** `text` of a text message. */
export const textContentSchema = z.looseObject({ body: z.string() });
/** `image` of an image message. */
export const imageContentSchema = z.looseObject({ ...mediaFields, caption: z.string().optional() });
/** `video` of a video message. */
export const videoContentSchema = z.looseObject({ ...mediaFields, caption: z.string().optional() });
/** `audio` of an audio message; `voice: true` for a recorded voice note. */
export const audioContentSchema = z.looseObject({ ...mediaFields, voice: z.boolean().optional() });
/** `document` of a document message. */
export const documentContentSchema = z.looseObject({
  ...mediaFields,
  caption: z.string().optional(),
  filename: z.string().optional(),
});
/** `sticker` of a sticker message (`image/webp`). */
export const stickerContentSchema = z.looseObject({ ...mediaFields, animated: z.boolean().optional() });
/** `location` of a location message; a shared current location has only latitude and longitude. */
export const locationContentSchema = z.looseObject({
  latitude: z.number(),
  longitude: z.number(),
  name: z.string().optional(),
  address: z.string().optional(),
  url: z.string().optional(),
});

/** One contact card of a `contacts` message. */
export const sharedContactSchema = z.looseObject({
  name: z.looseObject({
    formatted_name: z.string().optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    middle_name: z.string().optional(),
    suffix: z.string().optional(),
    prefix: z.string().optional(),
  }),
  addresses: z
    .array(
      z.looseObject({
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
  emails: z.array(z.looseObject({ email: z.string().optional(), type: z.string().optional() })).optional(),
  org: z
    .looseObject({ company: z.string().optional(), department: z.string().optional(), title: z.string().optional() })
    .optional(),
  phones: z
    .array(z.looseObject({ phone: z.string().optional(), wa_id: z.string().optional(), type: z.string().optional() }))
    .optional(),
  urls: z.array(z.looseObject({ url: z.string().optional(), type: z.string().optional() })).optional(),
  /** Only when `origin` is `other` (2026). */
  vcard: z.string().optional(),
  origin: openEnum(['contact_request', 'other']).optional(),
});
export type SharedContact = z.infer<typeof sharedContactSchema>;

/** `button` of a quick-reply button tap on a template. */
export const buttonContentSchema = z.looseObject({ payload: z.string().optional(), text: z.string() });
/** `reaction`: `emoji` is omitted (or `""` in older payloads) when the user removed the reaction. */
export const reactionContentSchema = z.looseObject({ message_id: z.string(), emoji: z.string().optional() });
/** `order` of an order message. */
export const orderContentSchema = z.looseObject({
  catalog_id: z.string(),
  text: z.string().optional(),
  product_items: z.array(
    z.looseObject({
      product_retailer_id: z.string(),
      // Typed "Integer" in the docs, with 7.99 in their example; strings seen in older samples.
      quantity: z.union([z.number(), z.string()]),
      item_price: z.union([z.number(), z.string()]),
      currency: z.string(),
    }),
  ),
});
/** `revoke`: the user deleted one of their messages. */
export const revokeContentSchema = z.looseObject({ original_message_id: z.string() });

/**
 * The content of a message of any type: `type` plus the typed object of every type that has no
 * sub-type, each optional. Used where Meta nests or echoes whole messages (`edit.message`,
 * `smb_message_echoes`, `history`). Types with a sub-type (`interactive`, `system`) and new types keep
 * their object untyped, and no `type` is rejected.
 */
export const messageContentSchema = z.looseObject({
  /** The type of the content; an open set (`media_placeholder` in history). */
  type: z.string(),
  context: messageContextSchema.optional(),
  text: textContentSchema.optional(),
  image: imageContentSchema.optional(),
  video: videoContentSchema.optional(),
  audio: audioContentSchema.optional(),
  document: documentContentSchema.optional(),
  sticker: stickerContentSchema.optional(),
  location: locationContentSchema.optional(),
  contacts: z.array(sharedContactSchema).optional(),
  button: buttonContentSchema.optional(),
  reaction: reactionContentSchema.optional(),
  order: orderContentSchema.optional(),
  revoke: revokeContentSchema.optional(),
});
export type MessageContent = z.infer<typeof messageContentSchema>;

/** `edit`: the user edited one of their messages; `message` is the new content. */
export const editContentSchema = z.looseObject({
  original_message_id: z.string(),
  message: messageContentSchema,
});

/**
 * A whole message of any type (common keys + `messageContentSchema`), as echoed or synced by the
 * WhatsApp Business app: the items of `smb_message_echoes` and `history`.
 */
export const anyMessageSchema = baseMessageSchema.extend({
  ...messageContentSchema.shape,
  edit: editContentSchema.optional(),
});
export type AnyMessage = z.infer<typeof anyMessageSchema>;

/** A text message. */
export const textMessageSchema = baseMessageSchema.extend({
  type: z.literal('text'),
  text: textContentSchema,
});
/** An image. */
export const imageMessageSchema = baseMessageSchema.extend({
  type: z.literal('image'),
  image: imageContentSchema,
});
/** A video. */
export const videoMessageSchema = baseMessageSchema.extend({
  type: z.literal('video'),
  video: videoContentSchema,
});
/** An audio file or voice note. */
export const audioMessageSchema = baseMessageSchema.extend({
  type: z.literal('audio'),
  audio: audioContentSchema,
});
/** A document. */
export const documentMessageSchema = baseMessageSchema.extend({
  type: z.literal('document'),
  document: documentContentSchema,
});
/** A sticker. */
export const stickerMessageSchema = baseMessageSchema.extend({
  type: z.literal('sticker'),
  sticker: stickerContentSchema,
});
/** A shared location. */
export const locationMessageSchema = baseMessageSchema.extend({
  type: z.literal('location'),
  location: locationContentSchema,
});
/** One or more contact cards. */
export const contactsMessageSchema = baseMessageSchema.extend({
  type: z.literal('contacts'),
  contacts: z.array(sharedContactSchema),
});

const interactiveMessage = <S extends z.ZodRawShape>(interactive: S) =>
  baseMessageSchema.extend({ type: z.literal('interactive'), interactive: z.looseObject(interactive) });

/** The user tapped a reply button of an interactive message. */
export const buttonReplyMessageSchema = interactiveMessage({
  type: z.literal('button_reply'),
  /** The reply button the user tapped. */
  button_reply: z.looseObject({ id: z.string(), title: z.string() }),
});
/** The user chose a row of a list message. */
export const listReplyMessageSchema = interactiveMessage({
  type: z.literal('list_reply'),
  /** The list row the user chose. */
  list_reply: z.looseObject({ id: z.string(), title: z.string(), description: z.string().optional() }),
});
/** A WhatsApp Flow or address-message answer. */
export const nfmReplyMessageSchema = interactiveMessage({
  type: z.literal('nfm_reply'),
  /** Answer to a WhatsApp Flow or an address message. */
  nfm_reply: z.looseObject({
    /** `flow` for WhatsApp Flows, `address_message` for address messages. */
    name: openEnum(['flow', 'address_message']).optional(),
    body: z.string().optional(),
    /** The user's answers as a JSON **string**; see `parseResponseJson`. */
    response_json: z.string(),
  }),
});
/** An answer to a call permission request. */
export const callPermissionReplyMessageSchema = interactiveMessage({
  type: z.literal('call_permission_reply'),
  /** The user's answer to a call permission request. */
  call_permission_reply: z.looseObject({
    response: openEnum(['accept', 'reject']),
    expiration_timestamp: timestampSchema.optional(),
    response_source: z.string().optional(),
    is_permanent: z.boolean().optional(),
  }),
});

/** A quick-reply button tap on a template. */
export const buttonMessageSchema = baseMessageSchema.extend({
  type: z.literal('button'),
  /** Quick-reply button of a template. */
  button: buttonContentSchema,
});
/** A reaction, or its removal. */
export const reactionMessageSchema = baseMessageSchema.extend({
  type: z.literal('reaction'),
  reaction: reactionContentSchema,
});
/** An order from a catalog or product message. */
export const orderMessageSchema = baseMessageSchema.extend({
  type: z.literal('order'),
  order: orderContentSchema,
});

const systemBase = <T extends string>(type: T) =>
  baseMessageSchema.extend({
    type: z.literal('system'),
    system: z.looseObject({
      type: z.literal(type),
      body: z.string().optional(),
      /** New WhatsApp id (API v12.0 and later). */
      wa_id: z.string().optional(),
      /** New WhatsApp id (API v11.0 and earlier). */
      new_wa_id: z.string().optional(),
      user_id: z.string().optional(),
      parent_user_id: z.string().optional(),
      customer: z.string().optional(),
      identity: z.string().optional(),
    }),
  });
/** The user changed their phone number; `wa_id` is the new one. */
export const userChangedNumberMessageSchema = systemBase('user_changed_number');
/** The user's business-scoped user id (BSUID) changed. */
export const userChangedUserIdMessageSchema = systemBase('user_changed_user_id');
/** The user changed their phone number (legacy name of `user_changed_number`). */
export const customerChangedNumberMessageSchema = systemBase('customer_changed_number');
/** The user's identity changed (legacy). */
export const customerIdentityChangedMessageSchema = systemBase('customer_identity_changed');

/** A message WhatsApp cannot deliver to the API (poll, view-once, …). */
export const unsupportedMessageSchema = baseMessageSchema.extend({
  type: z.literal('unsupported'),
  /**
   * What kind of message WhatsApp could not deliver (e.g. `poll_creation`, `view_once`). Absent before
   * the `unsupported` object existed (a deleted message then arrived as `unsupported` with error 131051).
   */
  unsupported: z
    .looseObject({
      type: openEnum([
        'button',
        'edit',
        'errors',
        'gif',
        'group_invite',
        'hsm',
        'image',
        'interactive',
        'keep_in_chat',
        'link_preview',
        'list',
        'location',
        'media_placeholder',
        'order',
        'pin',
        'poll_creation',
        'poll_update',
        'product',
        'reaction',
        'view_once',
      ]).optional(),
    })
    .optional(),
});
/** Legacy (before `unsupported`): a message type WhatsApp could not deliver, described only by `errors`. */
export const unknownMessageSchema = baseMessageSchema.extend({ type: z.literal('unknown') });
/** First message of a user who opened the chat from a conversational component; no content object. */
export const requestWelcomeMessageSchema = baseMessageSchema.extend({ type: z.literal('request_welcome') });
/** The user deleted one of their messages. */
export const revokeMessageSchema = baseMessageSchema.extend({
  type: z.literal('revoke'),
  /** The user deleted a message. */
  revoke: revokeContentSchema,
});
/** The user edited one of their messages. */
export const editMessageSchema = baseMessageSchema.extend({
  type: z.literal('edit'),
  /** The user edited a message; `message` holds the new content (`type` + the type's object). */
  edit: editContentSchema,
});

export type TextContent = z.infer<typeof textContentSchema>;
export type ImageContent = z.infer<typeof imageContentSchema>;
export type VideoContent = z.infer<typeof videoContentSchema>;
export type AudioContent = z.infer<typeof audioContentSchema>;
export type DocumentContent = z.infer<typeof documentContentSchema>;
export type StickerContent = z.infer<typeof stickerContentSchema>;
export type LocationContent = z.infer<typeof locationContentSchema>;
export type ButtonContent = z.infer<typeof buttonContentSchema>;
export type ReactionContent = z.infer<typeof reactionContentSchema>;
export type OrderContent = z.infer<typeof orderContentSchema>;
export type RevokeContent = z.infer<typeof revokeContentSchema>;
export type EditContent = z.infer<typeof editContentSchema>;
export type TextMessage = z.infer<typeof textMessageSchema>;
export type ImageMessage = z.infer<typeof imageMessageSchema>;
export type VideoMessage = z.infer<typeof videoMessageSchema>;
export type AudioMessage = z.infer<typeof audioMessageSchema>;
export type DocumentMessage = z.infer<typeof documentMessageSchema>;
export type StickerMessage = z.infer<typeof stickerMessageSchema>;
export type LocationMessage = z.infer<typeof locationMessageSchema>;
export type ContactsMessage = z.infer<typeof contactsMessageSchema>;
export type ButtonReplyMessage = z.infer<typeof buttonReplyMessageSchema>;
export type ListReplyMessage = z.infer<typeof listReplyMessageSchema>;
export type NfmReplyMessage = z.infer<typeof nfmReplyMessageSchema>;
export type CallPermissionReplyMessage = z.infer<typeof callPermissionReplyMessageSchema>;
export type InteractiveMessage = ButtonReplyMessage | ListReplyMessage | NfmReplyMessage | CallPermissionReplyMessage;
export type ButtonMessage = z.infer<typeof buttonMessageSchema>;
export type ReactionMessage = z.infer<typeof reactionMessageSchema>;
export type OrderMessage = z.infer<typeof orderMessageSchema>;
export type UserChangedNumberMessage = z.infer<typeof userChangedNumberMessageSchema>;
export type UserChangedUserIdMessage = z.infer<typeof userChangedUserIdMessageSchema>;
export type CustomerChangedNumberMessage = z.infer<typeof customerChangedNumberMessageSchema>;
export type CustomerIdentityChangedMessage = z.infer<typeof customerIdentityChangedMessageSchema>;
export type SystemMessage =
  UserChangedNumberMessage | UserChangedUserIdMessage | CustomerChangedNumberMessage | CustomerIdentityChangedMessage;
export type UnsupportedMessage = z.infer<typeof unsupportedMessageSchema>;
export type UnknownTypeMessage = z.infer<typeof unknownMessageSchema>;
export type RequestWelcomeMessage = z.infer<typeof requestWelcomeMessageSchema>;
export type RevokeMessage = z.infer<typeof revokeMessageSchema>;
export type EditMessage = z.infer<typeof editMessageSchema>;

/** Every inbound message type the schemas know. */
export type Message =
  | TextMessage
  | ImageMessage
  | VideoMessage
  | AudioMessage
  | DocumentMessage
  | StickerMessage
  | LocationMessage
  | ContactsMessage
  | InteractiveMessage
  | ButtonMessage
  | ReactionMessage
  | OrderMessage
  | SystemMessage
  | UnsupportedMessage
  | UnknownTypeMessage
  | RequestWelcomeMessage
  | RevokeMessage
  | EditMessage;

/**
 * Parses the `response_json` string of a Flow (`nfm_reply`) answer. Returns `undefined` instead of
 * throwing when the string is not valid JSON.
 */
export function parseResponseJson(message: {
  interactive: { nfm_reply: { response_json: string } };
}): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(message.interactive.nfm_reply.response_json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
