/**
 * `@wa-webhooks/core/schemas`: the zod 4 schemas behind the typed events, for checking payloads yourself
 * (a stored notification, a queue message, a test fixture) or building on them. Receiving webhooks does
 * not need this entry: `@wa-webhooks/core` checks every event with these schemas and exports their types
 * (`TextMessage`, `Status`, …).
 *
 * Every object schema keeps the keys Meta sends that it does not list (parsing drops nothing), while its
 * inferred type lists only the known keys (`KeepsUnknownKeys`), so a misspelt property does not compile.
 *
 * @module
 */
export {
  messageContextSchema,
  sharedContactSchema,
  textContentSchema,
  imageContentSchema,
  videoContentSchema,
  audioContentSchema,
  documentContentSchema,
  stickerContentSchema,
  locationContentSchema,
  buttonContentSchema,
  reactionContentSchema,
  orderContentSchema,
  revokeContentSchema,
  editContentSchema,
  messageContentSchema,
} from './message-content';
export {
  baseMessageSchema,
  referralSchema,
  anyMessageSchema,
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
} from './messages';
export { parseResponseJson } from './response-json';
export { statusSchema, pricingSchema, conversationSchema, STATUS_VALUES } from './statuses';
export {
  contactSchema,
  errorSchema,
  metadataSchema,
  idSchema,
  timestampSchema,
  templateCategorySchema,
  messagingTierSchema,
  messagingLimitSchema,
} from './shared';
export { notificationSchema, entrySchema, changeSchema, messagesValueSchema, WHATSAPP_OBJECT } from './envelope';
export { messageTypeSchemas, interactiveSchemas, systemSchemas, fieldSchemas } from './catalog';
export { accountAlertsSchema, accountAlertInfoSchema } from './account-alerts';
export { accountReviewUpdateSchema } from './account-review-update';
export { accountSettingsUpdateSchema, phoneNumberSettingsSchema } from './account-settings-update';
export { accountUpdateSchema } from './account-update';
export { automaticEventsSchema, automaticEventSchema } from './automatic-events';
export { businessCapabilityUpdateSchema } from './business-capability-update';
export { businessUsernameUpdateSchema } from './business-username-update';
export { callsSchema, callSchema, callStatusSchema } from './calls';
export { flowsSchema } from './flows';
export { groupParticipantSchema } from './groups';
export { groupLifecycleUpdateSchema, groupLifecycleEventSchema } from './group-lifecycle-update';
export { groupParticipantsUpdateSchema, groupParticipantsEventSchema } from './group-participants-update';
export { groupSettingsUpdateSchema, groupSettingsEventSchema } from './group-settings-update';
export { groupStatusUpdateSchema, groupStatusEventSchema } from './group-status-update';
export { historySchema, historyChunkSchema, historyThreadSchema, historyMessageSchema } from './history';
export { messageTemplateComponentsUpdateSchema, templateButtonSchema } from './message-template-components-update';
export { messageTemplateQualityUpdateSchema } from './message-template-quality-update';
export { messageTemplateStatusUpdateSchema } from './message-template-status-update';
export { messagingHandoversSchema, handoverSchema } from './messaging-handovers';
export { partnerSolutionsSchema } from './partner-solutions';
export { paymentConfigurationUpdateSchema } from './payment-configuration-update';
export { phoneNumberNameUpdateSchema } from './phone-number-name-update';
export { phoneNumberQualityUpdateSchema } from './phone-number-quality-update';
export { securitySchema } from './security';
export { smbAppStateSyncSchema, stateSyncItemSchema } from './smb-app-state-sync';
export { smbMessageEchoesSchema, messageEchoSchema } from './smb-message-echoes';
export { templateCategoryUpdateSchema } from './template-category-update';
export { templateCorrectCategoryDetectionSchema } from './template-correct-category-detection';
export { userIdUpdateSchema, userIdChangeSchema } from './user-id-update';
export { userPreferencesSchema, userPreferenceSchema } from './user-preferences';
export type { KeepsUnknownKeys, SchemaTable } from './shared';
export type { MessageTypes, InteractiveTypes, SystemTypes, FieldValues, FieldSchemas } from './catalog';
export type { KnownStatusValue } from './statuses';
