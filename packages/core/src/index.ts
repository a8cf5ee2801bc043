/**
 * `@wa-webhooks/core`: verify, parse and route WhatsApp Business Platform webhooks, on any server.
 * Framework adapters (`@wa-webhooks/express`, `koa`, `fastify`, `hono`) map their request onto
 * `WebhookRequest` and call `webhooks.handle()`; fetch runtimes call `webhooks.handleFetch()`.
 *
 * @module
 */
export { createWebhooks } from './webhooks';
export type { AckMode, ErrorHandler, ReceiveResult, Webhooks, WebhooksOptions } from './webhooks';
export type { WebhookRequest, WebhookResponse } from './http';
export type { HeadersInput } from './headers';
export { verifySignature, signPayload, parseSignatureHeader, createSignatureVerifier, SIGNATURE_HEADER } from './signature';
export type { SignatureHeaderResult, SignatureVerifier } from './signature';
export { verifyHandshake } from './handshake';
export type { HandshakeResult } from './handshake';
export { readWebBody } from './body/web';
export { DEFAULT_BODY_LIMIT } from './body/limit';
export type { ReadBodyOptions } from './body/limit';
export { memoryDedupeStore } from './dedupe';
export { toNotification } from './replay';
export type { SingleEventNotification } from './replay';
export type { ClaimState, DedupeStore, MemoryDedupeStoreOptions } from './dedupe';
export {
  WebhookError,
  SignatureError,
  HandshakeError,
  RequestError,
  PayloadTooLargeError,
  RawBodyUnavailableError,
  HandlerError,
  EventInProgressError,
  DedupeStoreError,
  ConfigurationError,
  isWebhookError,
  WEBHOOK_ERROR_STATUS,
} from './errors';
export type { WebhookErrorCode, WebhookErrorOptions, FailedEventInfo } from './errors';
export type {
  BaseEvent,
  MessagesFieldEvent,
  MessageEvent,
  StatusEvent,
  ErrorEvent,
  ChangeEvent,
  UnknownEvent,
  UnknownReason,
  WebhookEventMap,
  WebhookEventName,
  WebhookEvent,
  KnownWebhookEvent,
  WebhookHandler,
  AnyEventHandler,
  UnknownEventHandler,
} from './events';
export { CRYPTO_IMPLEMENTATION } from '#crypto';
export {
  baseMessageSchema,
  messageContextSchema,
  referralSchema,
  sharedContactSchema,
  textMessageSchema,
  imageMessageSchema,
  videoMessageSchema,
  audioMessageSchema,
  documentMessageSchema,
  stickerMessageSchema,
  locationMessageSchema,
  contactsMessageSchema,
  buttonReplyMessageSchema,
  listReplyMessageSchema,
  nfmReplyMessageSchema,
  callPermissionReplyMessageSchema,
  buttonMessageSchema,
  reactionMessageSchema,
  orderMessageSchema,
  userChangedNumberMessageSchema,
  userChangedUserIdMessageSchema,
  customerChangedNumberMessageSchema,
  customerIdentityChangedMessageSchema,
  unsupportedMessageSchema,
  unknownMessageSchema,
  requestWelcomeMessageSchema,
  revokeMessageSchema,
  editMessageSchema,
  parseResponseJson,
} from './schemas/messages';
export type {
  MessageContext,
  Referral,
  SharedContact,
  TextMessage,
  ImageMessage,
  VideoMessage,
  AudioMessage,
  DocumentMessage,
  StickerMessage,
  LocationMessage,
  ContactsMessage,
  ButtonReplyMessage,
  ListReplyMessage,
  NfmReplyMessage,
  CallPermissionReplyMessage,
  InteractiveMessage,
  ButtonMessage,
  ReactionMessage,
  OrderMessage,
  UserChangedNumberMessage,
  UserChangedUserIdMessage,
  CustomerChangedNumberMessage,
  CustomerIdentityChangedMessage,
  SystemMessage,
  UnsupportedMessage,
  UnknownTypeMessage,
  RequestWelcomeMessage,
  RevokeMessage,
  EditMessage,
  Message,
} from './schemas/messages';
export { statusSchema, pricingSchema, conversationSchema, STATUS_VALUES } from './schemas/statuses';
export type { Status, StatusValue, Pricing, Conversation } from './schemas/statuses';
export { contactSchema, errorSchema, metadataSchema, idSchema, timestampSchema } from './schemas/shared';
export type { Contact, Metadata, WhatsAppError } from './schemas/shared';
export {
  notificationSchema,
  entrySchema,
  changeSchema,
  messagesValueSchema,
  WHATSAPP_OBJECT,
} from './schemas/envelope';
export type { Notification, Entry, Change, MessagesValue } from './schemas/envelope';
export {
  messageTypeSchemas,
  interactiveSchemas,
  systemSchemas,
  fieldSchemas,
} from './schemas/catalog';
export { messageTemplateStatusUpdateSchema } from './schemas/message-template-status-update';
export type { MessageTemplateStatusUpdate } from './schemas/message-template-status-update';
