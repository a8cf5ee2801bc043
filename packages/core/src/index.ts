/**
 * `@wa-webhooks/core`: verify, parse and route WhatsApp Business Platform webhooks, on any server.
 * Framework adapters (`@wa-webhooks/express`, `koa`, `fastify`, `hono`) map their request onto
 * `WebhookRequest` and call `webhooks.handle()`; fetch runtimes call `webhooks.handleFetch()`.
 *
 * @module
 */
export { createWebhooks } from './webhooks';
export { EVENT_NAMES } from './routes';
export type { AckMode, ErrorHandler, ReceiveResult, Webhooks, WebhooksOptions } from './webhooks';
export { MAX_EVENT_ID_LENGTH } from './event-id';
export type { WebhooksLogger, LogMethod } from './logger';
export type { WebhooksObserver, RequestRecord, EventRecord } from './observe';
export type { RequestHandler, WaitUntilContext, WebhookRequest, WebhookResponse } from './http';
export { handleFetchWith } from './fetch';
export { createBodyBudget, sharedBodyBudget, DEFAULT_BODY_BUDGET } from './budget';
export type { BodyBudget } from './budget';
export { readSignedBody } from './signed-body';
export type { SignedBodyOptions } from './signed-body';
export type { HeadersInput } from './headers';
export {
  verifySignature,
  signPayload,
  parseSignatureHeader,
  createSignatureVerifier,
  SIGNATURE_HEADER,
} from './signature';
export type { SignatureHeaderResult, SignatureVerifier } from './signature';
export { verifyHandshake } from './handshake';
export type { HandshakeResult } from './handshake';
export { readWebBody } from './body/web';
export { DEFAULT_BODY_LIMIT } from './body/limit';
export type { ReadBodyOptions } from './body/limit';
export { memoryDedupeStore } from './dedupe';
export { toNotification } from './replay';
export type { SingleEventNotification } from './replay';
export type { ClaimState, DedupeStore, MemoryDedupeStore, MemoryDedupeStoreOptions } from './dedupe';
export { DEFAULT_MEMORY_DEDUPE_MAX } from './dedupe';
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
  UnknownSource,
  RawObject,
  WebhookEventMap,
  WebhookEventName,
  WebhookEvent,
  KnownWebhookEvent,
  WebhookHandler,
  AnyEventHandler,
  UnknownEventHandler,
} from './events';
export { CRYPTO_IMPLEMENTATION } from '#crypto';
// The types of the items events carry, inferred from the schemas of `@wa-webhooks/core/schemas`.
export type {
  MessageContext,
  SharedContact,
  TextContent,
  ImageContent,
  VideoContent,
  AudioContent,
  DocumentContent,
  StickerContent,
  LocationContent,
  ButtonContent,
  ReactionContent,
  OrderContent,
  RevokeContent,
  EditContent,
  MessageContent,
} from './schemas/message-content';
export type {
  Referral,
  AnyMessage,
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
export type { Status, StatusValue, KnownStatusValue, Pricing, Conversation } from './schemas/statuses';
export type {
  Contact,
  Metadata,
  WhatsAppError,
  TemplateCategory,
  MessagingTier,
  MessagingLimit,
} from './schemas/shared';
export type { Notification, Entry, Change, MessagesValue } from './schemas/envelope';
export type { AccountAlerts, AccountAlertInfo } from './schemas/account-alerts';
export type { AccountReviewUpdate } from './schemas/account-review-update';
export type { AccountSettingsUpdate, PhoneNumberSettings } from './schemas/account-settings-update';
export type { AccountUpdate } from './schemas/account-update';
export type { AutomaticEvents, AutomaticEvent } from './schemas/automatic-events';
export type { BusinessCapabilityUpdate } from './schemas/business-capability-update';
export type { BusinessUsernameUpdate } from './schemas/business-username-update';
export type { Calls, Call, CallStatus } from './schemas/calls';
export type { Flows } from './schemas/flows';
export type { GroupParticipant } from './schemas/groups';
export type { GroupLifecycleUpdate, GroupLifecycleEvent } from './schemas/group-lifecycle-update';
export type { GroupParticipantsUpdate, GroupParticipantsEvent } from './schemas/group-participants-update';
export type { GroupSettingsUpdate, GroupSettingsEvent } from './schemas/group-settings-update';
export type { GroupStatusUpdate, GroupStatusEvent } from './schemas/group-status-update';
export type { History, HistoryChunk, HistoryThread, HistoryMessage } from './schemas/history';
export type { MessageTemplateComponentsUpdate, TemplateButton } from './schemas/message-template-components-update';
export type { MessageTemplateQualityUpdate } from './schemas/message-template-quality-update';
export type { MessageTemplateStatusUpdate } from './schemas/message-template-status-update';
export type { MessagingHandovers, Handover } from './schemas/messaging-handovers';
export type { PartnerSolutions } from './schemas/partner-solutions';
export type { PaymentConfigurationUpdate } from './schemas/payment-configuration-update';
export type { PhoneNumberNameUpdate } from './schemas/phone-number-name-update';
export type { PhoneNumberQualityUpdate } from './schemas/phone-number-quality-update';
export type { Security } from './schemas/security';
export type { SmbAppStateSync, StateSyncItem } from './schemas/smb-app-state-sync';
export type { SmbMessageEchoes, MessageEcho } from './schemas/smb-message-echoes';
export type { TemplateCategoryUpdate } from './schemas/template-category-update';
export type { TemplateCorrectCategoryDetection } from './schemas/template-correct-category-detection';
export type { UserIdUpdate, UserIdChange } from './schemas/user-id-update';
export type { UserPreferences, UserPreference } from './schemas/user-preferences';
