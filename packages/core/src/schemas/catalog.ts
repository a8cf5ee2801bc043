/**
 * The catalogue of what Meta sends, as tables keyed by Meta's own words. Routing and the event types are
 * both derived from these tables: adding a message type or a field is adding one row.
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
} from './messages';
import { fieldSchemas } from './fields';

/** Message types without a sub-type: `messages.<type>`. */
export const messageTypeSchemas = {
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
} as const;

/** `interactive` messages, by `interactive.type`: `messages.interactive.<sub-type>`. */
export const interactiveSchemas = {
  button_reply: buttonReplyMessageSchema,
  list_reply: listReplyMessageSchema,
  nfm_reply: nfmReplyMessageSchema,
  call_permission_reply: callPermissionReplyMessageSchema,
} as const;

/** `system` messages, by `system.type`: `messages.system.<sub-type>`. */
export const systemSchemas = {
  user_changed_number: userChangedNumberMessageSchema,
  user_changed_user_id: userChangedUserIdMessageSchema,
  customer_changed_number: customerChangedNumberMessageSchema,
  customer_identity_changed: customerIdentityChangedMessageSchema,
} as const;

/** Message types whose object has a `type` of its own, with the table for that sub-type. */
export const messageSubtypeSchemas = {
  interactive: interactiveSchemas,
  system: systemSchemas,
} as const;

export { fieldSchemas };

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
