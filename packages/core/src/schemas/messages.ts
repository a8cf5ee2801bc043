/**
 * Inbound messages: the items of `value.messages[]` of the `messages` field, one schema per `type`
 * (docs/PAYLOADS.md section 3.3 and 3.4), and sub-type schemas where Meta has one (`interactive.type`,
 * `system.type`). The content objects they carry (`text`, `image`, …) are in `message-content.ts`.
 */
import { z } from 'zod';
import {
  audioContentSchema,
  buttonContentSchema,
  documentContentSchema,
  editContentSchema,
  imageContentSchema,
  locationContentSchema,
  messageContentSchema,
  messageContextSchema,
  orderContentSchema,
  reactionContentSchema,
  revokeContentSchema,
  sharedContactSchema,
  stickerContentSchema,
  textContentSchema,
  videoContentSchema,
  type AudioContent,
  type ButtonContent,
  type DocumentContent,
  type EditContent,
  type ImageContent,
  type LocationContent,
  type MessageContext,
  type OrderContent,
  type ReactionContent,
  type RevokeContent,
  type SharedContact,
  type StickerContent,
  type TextContent,
  type VideoContent,
} from './message-content';
import { errorsSchema, looseObject, openEnum, schemaOf, timestampSchema } from './shared';

/** Click-to-WhatsApp ad referral. */
export const referralSchema = looseObject({
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
  welcome_message: looseObject({ text: z.string().optional() }).optional(),
});
/** Click-to-WhatsApp ad referral (inferred from `referralSchema`). */
export interface Referral extends z.infer<typeof referralSchema> {}

/** Keys every inbound message may carry, whatever its type. */
export const baseMessageSchema = looseObject({
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
  context: schemaOf<MessageContext>(messageContextSchema).optional(),
  referral: schemaOf<Referral>(referralSchema).optional(),
  /** Present on `unsupported` (and legacy `unknown`) messages. */
  errors: errorsSchema.optional(),
  /** Legacy identity-change information. */
  identity: looseObject({
    acknowledged: z.boolean().optional(),
    created_timestamp: timestampSchema.optional(),
    hash: z.string().optional(),
  }).optional(),
});

/**
 * A whole message of any type (common keys + `messageContentSchema`), as echoed or synced by the
 * WhatsApp Business app: the items of `smb_message_echoes` and `history`.
 */
export const anyMessageSchema = baseMessageSchema.extend({
  ...messageContentSchema.shape,
  edit: schemaOf<EditContent>(editContentSchema).optional(),
});
/** A whole message of any type, as echoed or synced by the WhatsApp Business app (inferred from `anyMessageSchema`). */
export interface AnyMessage extends z.infer<typeof anyMessageSchema> {}

/** A text message. */
export const textMessageSchema = baseMessageSchema.extend({
  type: z.literal('text'),
  text: schemaOf<TextContent>(textContentSchema),
});
/** An image. */
export const imageMessageSchema = baseMessageSchema.extend({
  type: z.literal('image'),
  image: schemaOf<ImageContent>(imageContentSchema),
});
/** A video. */
export const videoMessageSchema = baseMessageSchema.extend({
  type: z.literal('video'),
  video: schemaOf<VideoContent>(videoContentSchema),
});
/** An audio file or voice note. */
export const audioMessageSchema = baseMessageSchema.extend({
  type: z.literal('audio'),
  audio: schemaOf<AudioContent>(audioContentSchema),
});
/** A document. */
export const documentMessageSchema = baseMessageSchema.extend({
  type: z.literal('document'),
  document: schemaOf<DocumentContent>(documentContentSchema),
});
/** A sticker. */
export const stickerMessageSchema = baseMessageSchema.extend({
  type: z.literal('sticker'),
  sticker: schemaOf<StickerContent>(stickerContentSchema),
});
/** A shared location. */
export const locationMessageSchema = baseMessageSchema.extend({
  type: z.literal('location'),
  location: schemaOf<LocationContent>(locationContentSchema),
});
/** One or more contact cards. */
export const contactsMessageSchema = baseMessageSchema.extend({
  type: z.literal('contacts'),
  contacts: z.array(schemaOf<SharedContact>(sharedContactSchema)),
});

const interactiveMessage = <S extends z.ZodRawShape>(interactive: S) =>
  baseMessageSchema.extend({ type: z.literal('interactive'), interactive: looseObject(interactive) });

/** The user tapped a reply button of an interactive message. */
export const buttonReplyMessageSchema = interactiveMessage({
  type: z.literal('button_reply'),
  /** The reply button the user tapped. */
  button_reply: looseObject({ id: z.string(), title: z.string() }),
});
/** The user chose a row of a list message. */
export const listReplyMessageSchema = interactiveMessage({
  type: z.literal('list_reply'),
  /** The list row the user chose. */
  list_reply: looseObject({ id: z.string(), title: z.string(), description: z.string().optional() }),
});
/** A WhatsApp Flow or address-message answer. */
export const nfmReplyMessageSchema = interactiveMessage({
  type: z.literal('nfm_reply'),
  /** Answer to a WhatsApp Flow or an address message. */
  nfm_reply: looseObject({
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
  call_permission_reply: looseObject({
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
  button: schemaOf<ButtonContent>(buttonContentSchema),
});
/** A reaction, or its removal. */
export const reactionMessageSchema = baseMessageSchema.extend({
  type: z.literal('reaction'),
  reaction: schemaOf<ReactionContent>(reactionContentSchema),
});
/** An order from a catalog or product message. */
export const orderMessageSchema = baseMessageSchema.extend({
  type: z.literal('order'),
  order: schemaOf<OrderContent>(orderContentSchema),
});

const systemBase = <T extends string>(type: T) =>
  baseMessageSchema.extend({
    type: z.literal('system'),
    system: looseObject({
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
  unsupported: looseObject({
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
  }).optional(),
});
/** Legacy (before `unsupported`): a message type WhatsApp could not deliver, described only by `errors`. */
export const unknownMessageSchema = baseMessageSchema.extend({ type: z.literal('unknown') });
/** First message of a user who opened the chat from a conversational component; no content object. */
export const requestWelcomeMessageSchema = baseMessageSchema.extend({ type: z.literal('request_welcome') });
/** The user deleted one of their messages. */
export const revokeMessageSchema = baseMessageSchema.extend({
  type: z.literal('revoke'),
  /** The user deleted a message. */
  revoke: schemaOf<RevokeContent>(revokeContentSchema),
});
/** The user edited one of their messages. */
export const editMessageSchema = baseMessageSchema.extend({
  type: z.literal('edit'),
  /** The user edited a message; `message` holds the new content (`type` + the type's object). */
  edit: schemaOf<EditContent>(editContentSchema),
});

/** A text message (inferred from `textMessageSchema`). */
export interface TextMessage extends z.infer<typeof textMessageSchema> {}
/** An image (inferred from `imageMessageSchema`). */
export interface ImageMessage extends z.infer<typeof imageMessageSchema> {}
/** A video (inferred from `videoMessageSchema`). */
export interface VideoMessage extends z.infer<typeof videoMessageSchema> {}
/** An audio file or voice note (inferred from `audioMessageSchema`). */
export interface AudioMessage extends z.infer<typeof audioMessageSchema> {}
/** A document (inferred from `documentMessageSchema`). */
export interface DocumentMessage extends z.infer<typeof documentMessageSchema> {}
/** A sticker (inferred from `stickerMessageSchema`). */
export interface StickerMessage extends z.infer<typeof stickerMessageSchema> {}
/** A shared location (inferred from `locationMessageSchema`). */
export interface LocationMessage extends z.infer<typeof locationMessageSchema> {}
/** One or more contact cards (inferred from `contactsMessageSchema`). */
export interface ContactsMessage extends z.infer<typeof contactsMessageSchema> {}
/** The user tapped a reply button of an interactive message (inferred from `buttonReplyMessageSchema`). */
export interface ButtonReplyMessage extends z.infer<typeof buttonReplyMessageSchema> {}
/** The user chose a row of a list message (inferred from `listReplyMessageSchema`). */
export interface ListReplyMessage extends z.infer<typeof listReplyMessageSchema> {}
/** A WhatsApp Flow or address-message answer (inferred from `nfmReplyMessageSchema`). */
export interface NfmReplyMessage extends z.infer<typeof nfmReplyMessageSchema> {}
/** An answer to a call permission request (inferred from `callPermissionReplyMessageSchema`). */
export interface CallPermissionReplyMessage extends z.infer<typeof callPermissionReplyMessageSchema> {}
/** Every `interactive` reply the schemas know (`messages.interactive`). */
export type InteractiveMessage = ButtonReplyMessage | ListReplyMessage | NfmReplyMessage | CallPermissionReplyMessage;
/** A quick-reply button tap on a template (inferred from `buttonMessageSchema`). */
export interface ButtonMessage extends z.infer<typeof buttonMessageSchema> {}
/** A reaction, or its removal (inferred from `reactionMessageSchema`). */
export interface ReactionMessage extends z.infer<typeof reactionMessageSchema> {}
/** An order from a catalog or product message (inferred from `orderMessageSchema`). */
export interface OrderMessage extends z.infer<typeof orderMessageSchema> {}
/** The user changed their phone number (inferred from `userChangedNumberMessageSchema`). */
export interface UserChangedNumberMessage extends z.infer<typeof userChangedNumberMessageSchema> {}
/** The user's business-scoped user id (BSUID) changed (inferred from `userChangedUserIdMessageSchema`). */
export interface UserChangedUserIdMessage extends z.infer<typeof userChangedUserIdMessageSchema> {}
/** Legacy name of `user_changed_number` (inferred from `customerChangedNumberMessageSchema`). */
export interface CustomerChangedNumberMessage extends z.infer<typeof customerChangedNumberMessageSchema> {}
/** The user's identity changed, legacy (inferred from `customerIdentityChangedMessageSchema`). */
export interface CustomerIdentityChangedMessage extends z.infer<typeof customerIdentityChangedMessageSchema> {}
/** Every `system` message the schemas know (`messages.system`). */
export type SystemMessage =
  UserChangedNumberMessage | UserChangedUserIdMessage | CustomerChangedNumberMessage | CustomerIdentityChangedMessage;
/** A message WhatsApp cannot deliver to the API (inferred from `unsupportedMessageSchema`). */
export interface UnsupportedMessage extends z.infer<typeof unsupportedMessageSchema> {}
/** Legacy: a message type WhatsApp could not deliver (inferred from `unknownMessageSchema`). */
export interface UnknownTypeMessage extends z.infer<typeof unknownMessageSchema> {}
/** First message of a user from a conversational component (inferred from `requestWelcomeMessageSchema`). */
export interface RequestWelcomeMessage extends z.infer<typeof requestWelcomeMessageSchema> {}
/** The user deleted one of their messages (inferred from `revokeMessageSchema`). */
export interface RevokeMessage extends z.infer<typeof revokeMessageSchema> {}
/** The user edited one of their messages (inferred from `editMessageSchema`). */
export interface EditMessage extends z.infer<typeof editMessageSchema> {}

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
