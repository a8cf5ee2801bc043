/**
 * Schemas of the fields other than `messages`, one event per change, named after the field.
 * Each field has its own file; this table lists them for routing. Adding a field is one file, then one row
 * in `FieldValues` (its value type) and one in `fieldSchemas` (its schema).
 */
import { accountAlertsSchema, type AccountAlerts } from './account-alerts';
import { accountReviewUpdateSchema, type AccountReviewUpdate } from './account-review-update';
import { accountSettingsUpdateSchema, type AccountSettingsUpdate } from './account-settings-update';
import { accountUpdateSchema, type AccountUpdate } from './account-update';
import { automaticEventsSchema, type AutomaticEvents } from './automatic-events';
import { businessCapabilityUpdateSchema, type BusinessCapabilityUpdate } from './business-capability-update';
import { businessUsernameUpdateSchema, type BusinessUsernameUpdate } from './business-username-update';
import { callsSchema, type Calls } from './calls';
import { flowsSchema, type Flows } from './flows';
import { groupLifecycleUpdateSchema, type GroupLifecycleUpdate } from './group-lifecycle-update';
import { groupParticipantsUpdateSchema, type GroupParticipantsUpdate } from './group-participants-update';
import { groupSettingsUpdateSchema, type GroupSettingsUpdate } from './group-settings-update';
import { groupStatusUpdateSchema, type GroupStatusUpdate } from './group-status-update';
import { historySchema, type History } from './history';
import {
  messageTemplateComponentsUpdateSchema,
  type MessageTemplateComponentsUpdate,
} from './message-template-components-update';
import {
  messageTemplateQualityUpdateSchema,
  type MessageTemplateQualityUpdate,
} from './message-template-quality-update';
import { messageTemplateStatusUpdateSchema, type MessageTemplateStatusUpdate } from './message-template-status-update';
import { messagingHandoversSchema, type MessagingHandovers } from './messaging-handovers';
import { partnerSolutionsSchema, type PartnerSolutions } from './partner-solutions';
import { paymentConfigurationUpdateSchema, type PaymentConfigurationUpdate } from './payment-configuration-update';
import { phoneNumberNameUpdateSchema, type PhoneNumberNameUpdate } from './phone-number-name-update';
import { phoneNumberQualityUpdateSchema, type PhoneNumberQualityUpdate } from './phone-number-quality-update';
import { securitySchema, type Security } from './security';
import { schemaTable, type SchemaTable } from './shared';
import { smbAppStateSyncSchema, type SmbAppStateSync } from './smb-app-state-sync';
import { smbMessageEchoesSchema, type SmbMessageEchoes } from './smb-message-echoes';
import { templateCategoryUpdateSchema, type TemplateCategoryUpdate } from './template-category-update';
import {
  templateCorrectCategoryDetectionSchema,
  type TemplateCorrectCategoryDetection,
} from './template-correct-category-detection';
import { userIdUpdateSchema, type UserIdUpdate } from './user-id-update';
import { userPreferencesSchema, type UserPreferences } from './user-preferences';

/** The change value type of each field other than `messages`, by Meta's field name: the event names. */
export interface FieldValues {
  // The fields of the WhatsApp webhook setup guide (besides `messages`).
  account_alerts: AccountAlerts;
  account_review_update: AccountReviewUpdate;
  account_update: AccountUpdate;
  business_capability_update: BusinessCapabilityUpdate;
  message_template_quality_update: MessageTemplateQualityUpdate;
  message_template_status_update: MessageTemplateStatusUpdate;
  phone_number_name_update: PhoneNumberNameUpdate;
  phone_number_quality_update: PhoneNumberQualityUpdate;
  security: Security;
  template_category_update: TemplateCategoryUpdate;
  // Documented on other reference pages (docs/PAYLOADS.md section 2).
  automatic_events: AutomaticEvents;
  business_username_update: BusinessUsernameUpdate;
  calls: Calls;
  flows: Flows;
  group_lifecycle_update: GroupLifecycleUpdate;
  group_participants_update: GroupParticipantsUpdate;
  group_settings_update: GroupSettingsUpdate;
  group_status_update: GroupStatusUpdate;
  history: History;
  message_template_components_update: MessageTemplateComponentsUpdate;
  partner_solutions: PartnerSolutions;
  payment_configuration_update: PaymentConfigurationUpdate;
  smb_app_state_sync: SmbAppStateSync;
  smb_message_echoes: SmbMessageEchoes;
  user_id_update: UserIdUpdate;
  user_preferences: UserPreferences;
  // Known only from third-party models (UNVERIFIED): typed leniently.
  account_settings_update: AccountSettingsUpdate;
  messaging_handovers: MessagingHandovers;
  template_correct_category_detection: TemplateCorrectCategoryDetection;
}

/** The type of `fieldSchemas`: one schema per field, typed by the field's named value type. */
export type FieldSchemas = SchemaTable<FieldValues>;

/** Whole-change fields, by Meta's field name. */
export const fieldSchemas: FieldSchemas = schemaTable<FieldValues>({
  // The fields of the WhatsApp webhook setup guide (besides `messages`).
  account_alerts: accountAlertsSchema,
  account_review_update: accountReviewUpdateSchema,
  account_update: accountUpdateSchema,
  business_capability_update: businessCapabilityUpdateSchema,
  message_template_quality_update: messageTemplateQualityUpdateSchema,
  message_template_status_update: messageTemplateStatusUpdateSchema,
  phone_number_name_update: phoneNumberNameUpdateSchema,
  phone_number_quality_update: phoneNumberQualityUpdateSchema,
  security: securitySchema,
  template_category_update: templateCategoryUpdateSchema,
  // Documented on other reference pages (docs/PAYLOADS.md section 2).
  automatic_events: automaticEventsSchema,
  business_username_update: businessUsernameUpdateSchema,
  calls: callsSchema,
  flows: flowsSchema,
  group_lifecycle_update: groupLifecycleUpdateSchema,
  group_participants_update: groupParticipantsUpdateSchema,
  group_settings_update: groupSettingsUpdateSchema,
  group_status_update: groupStatusUpdateSchema,
  history: historySchema,
  message_template_components_update: messageTemplateComponentsUpdateSchema,
  partner_solutions: partnerSolutionsSchema,
  payment_configuration_update: paymentConfigurationUpdateSchema,
  smb_app_state_sync: smbAppStateSyncSchema,
  smb_message_echoes: smbMessageEchoesSchema,
  user_id_update: userIdUpdateSchema,
  user_preferences: userPreferencesSchema,
  // Known only from third-party models (UNVERIFIED): typed leniently.
  account_settings_update: accountSettingsUpdateSchema,
  messaging_handovers: messagingHandoversSchema,
  template_correct_category_detection: templateCorrectCategoryDetectionSchema,
});
