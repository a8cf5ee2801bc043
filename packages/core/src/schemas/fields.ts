/**
 * Schemas of the fields other than `messages`, one event per change, named after the field.
 * Each field has its own file; this table lists them for routing. Adding a field is one file and one row.
 */
import { accountAlertsSchema } from './account-alerts';
import { accountReviewUpdateSchema } from './account-review-update';
import { accountSettingsUpdateSchema } from './account-settings-update';
import { accountUpdateSchema } from './account-update';
import { automaticEventsSchema } from './automatic-events';
import { businessCapabilityUpdateSchema } from './business-capability-update';
import { businessUsernameUpdateSchema } from './business-username-update';
import { callsSchema } from './calls';
import { flowsSchema } from './flows';
import { groupLifecycleUpdateSchema } from './group-lifecycle-update';
import { groupParticipantsUpdateSchema } from './group-participants-update';
import { groupSettingsUpdateSchema } from './group-settings-update';
import { groupStatusUpdateSchema } from './group-status-update';
import { historySchema } from './history';
import { messageTemplateComponentsUpdateSchema } from './message-template-components-update';
import { messageTemplateQualityUpdateSchema } from './message-template-quality-update';
import { messageTemplateStatusUpdateSchema } from './message-template-status-update';
import { messagingHandoversSchema } from './messaging-handovers';
import { partnerSolutionsSchema } from './partner-solutions';
import { paymentConfigurationUpdateSchema } from './payment-configuration-update';
import { phoneNumberNameUpdateSchema } from './phone-number-name-update';
import { phoneNumberQualityUpdateSchema } from './phone-number-quality-update';
import { securitySchema } from './security';
import { smbAppStateSyncSchema } from './smb-app-state-sync';
import { smbMessageEchoesSchema } from './smb-message-echoes';
import { templateCategoryUpdateSchema } from './template-category-update';
import { templateCorrectCategoryDetectionSchema } from './template-correct-category-detection';
import { userIdUpdateSchema } from './user-id-update';
import { userPreferencesSchema } from './user-preferences';

/** Whole-change fields, by Meta's field name. */
export const fieldSchemas = {
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
  // Documented on other reference pages (PAYLOADS.md section 2).
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
} as const;
