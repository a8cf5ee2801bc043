/**
 * The catalogue of what Meta sends, as tables keyed by Meta's own words. Routing and the event types are
 * both derived from these tables: adding a message type is its schema and type in `messages.ts`, then one
 * row in its type map (`MessageTypes`, …) and one in its table (`messageTypeSchemas`, …).
 */
import type { z } from 'zod';
import {
  audioMessageSchema,
  buttonMessageSchema,
  buttonReplyMessageSchema,
  callPermissionReplyMessageSchema,
  contactsMessageSchema,
  customerChangedNumberMessageSchema,
  customerIdentityChangedMessageSchema,
  documentMessageSchema,
  editMessageSchema,
  imageMessageSchema,
  listReplyMessageSchema,
  locationMessageSchema,
  nfmReplyMessageSchema,
  orderMessageSchema,
  reactionMessageSchema,
  requestWelcomeMessageSchema,
  revokeMessageSchema,
  stickerMessageSchema,
  textMessageSchema,
  unknownMessageSchema,
  unsupportedMessageSchema,
  userChangedNumberMessageSchema,
  userChangedUserIdMessageSchema,
  videoMessageSchema,
  type AudioMessage,
  type ButtonMessage,
  type ButtonReplyMessage,
  type CallPermissionReplyMessage,
  type ContactsMessage,
  type CustomerChangedNumberMessage,
  type CustomerIdentityChangedMessage,
  type DocumentMessage,
  type EditMessage,
  type ImageMessage,
  type ListReplyMessage,
  type LocationMessage,
  type NfmReplyMessage,
  type OrderMessage,
  type ReactionMessage,
  type RequestWelcomeMessage,
  type RevokeMessage,
  type StickerMessage,
  type TextMessage,
  type UnknownTypeMessage,
  type UnsupportedMessage,
  type UserChangedNumberMessage,
  type UserChangedUserIdMessage,
  type VideoMessage,
} from './messages';
import { fieldSchemas, type FieldSchemas, type FieldValues } from './fields';
import { schemaTable, type SchemaTable } from './shared';

// Each table is typed by a map of named item types (`TextMessage`, not its expansion): the published
// declarations stay small, hovers and errors name the type, and the compiler checks every row (a row
// missing, added or pointing at a schema whose output is not the named type does not compile).

/** The item type of each message type without a sub-type, by `type`: the events `messages.<type>`. */
export interface MessageTypes {
  text: TextMessage;
  image: ImageMessage;
  video: VideoMessage;
  audio: AudioMessage;
  document: DocumentMessage;
  sticker: StickerMessage;
  location: LocationMessage;
  contacts: ContactsMessage;
  button: ButtonMessage;
  reaction: ReactionMessage;
  order: OrderMessage;
  unsupported: UnsupportedMessage;
  unknown: UnknownTypeMessage;
  request_welcome: RequestWelcomeMessage;
  revoke: RevokeMessage;
  edit: EditMessage;
}

/** The item type of each `interactive` sub-type, by `interactive.type`: the events `messages.interactive.<sub-type>`. */
export interface InteractiveTypes {
  button_reply: ButtonReplyMessage;
  list_reply: ListReplyMessage;
  nfm_reply: NfmReplyMessage;
  call_permission_reply: CallPermissionReplyMessage;
}

/** The item type of each `system` sub-type, by `system.type`: the events `messages.system.<sub-type>`. */
export interface SystemTypes {
  user_changed_number: UserChangedNumberMessage;
  user_changed_user_id: UserChangedUserIdMessage;
  customer_changed_number: CustomerChangedNumberMessage;
  customer_identity_changed: CustomerIdentityChangedMessage;
}

/** Message types without a sub-type: `messages.<type>`. */
export const messageTypeSchemas: SchemaTable<MessageTypes> = schemaTable<MessageTypes>({
  text: textMessageSchema,
  image: imageMessageSchema,
  video: videoMessageSchema,
  audio: audioMessageSchema,
  document: documentMessageSchema,
  sticker: stickerMessageSchema,
  location: locationMessageSchema,
  contacts: contactsMessageSchema,
  button: buttonMessageSchema,
  reaction: reactionMessageSchema,
  order: orderMessageSchema,
  unsupported: unsupportedMessageSchema,
  unknown: unknownMessageSchema,
  request_welcome: requestWelcomeMessageSchema,
  revoke: revokeMessageSchema,
  edit: editMessageSchema,
});

/** `interactive` messages, by `interactive.type`: `messages.interactive.<sub-type>`. */
export const interactiveSchemas: SchemaTable<InteractiveTypes> = schemaTable<InteractiveTypes>({
  button_reply: buttonReplyMessageSchema,
  list_reply: listReplyMessageSchema,
  nfm_reply: nfmReplyMessageSchema,
  call_permission_reply: callPermissionReplyMessageSchema,
});

/** `system` messages, by `system.type`: `messages.system.<sub-type>`. */
export const systemSchemas: SchemaTable<SystemTypes> = schemaTable<SystemTypes>({
  user_changed_number: userChangedNumberMessageSchema,
  user_changed_user_id: userChangedUserIdMessageSchema,
  customer_changed_number: customerChangedNumberMessageSchema,
  customer_identity_changed: customerIdentityChangedMessageSchema,
});

/** Message types whose object has a `type` of its own, with the table for that sub-type. */
export const messageSubtypeSchemas: {
  readonly interactive: SchemaTable<InteractiveTypes>;
  readonly system: SchemaTable<SystemTypes>;
} = {
  interactive: interactiveSchemas,
  system: systemSchemas,
};

export { fieldSchemas };
export type { FieldSchemas, FieldValues };

/** A resolved route: the event name, the names whose handlers run (specific first), and the schema. */
export interface Route {
  readonly name: string;
  readonly chain: readonly string[];
  readonly schema: z.ZodType;
}

function routesOf(
  table: Readonly<Record<string, z.ZodType>>,
  prefix: string,
  parents: readonly string[],
): Map<string, Route> {
  const routes = new Map<string, Route>();
  for (const [key, schema] of Object.entries(table)) {
    const name = `${prefix}.${key}`;
    routes.set(key, { name, chain: [name, ...parents], schema });
  }
  return routes;
}

/** Routes of message types without a sub-type, by `type`. */
export const MESSAGE_ROUTES: ReadonlyMap<string, Route> = routesOf(messageTypeSchemas, 'messages', ['messages']);

/** Routes of sub-typed messages: `type` → (sub-type → route). */
export const MESSAGE_SUBTYPE_ROUTES: ReadonlyMap<string, ReadonlyMap<string, Route>> = new Map(
  Object.entries(messageSubtypeSchemas).map(([type, table]) => [
    type,
    routesOf(table, `messages.${type}`, [`messages.${type}`, 'messages']),
  ]),
);

/** Routes of whole-change fields (everything but `messages`), by field name. */
export const FIELD_ROUTES: ReadonlyMap<string, Route> = new Map(
  Object.entries(fieldSchemas as Readonly<Record<string, z.ZodType>>).map(([field, schema]) => [
    field,
    { name: field, chain: [field], schema },
  ]),
);
