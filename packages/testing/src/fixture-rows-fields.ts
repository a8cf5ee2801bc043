/**
 * The kinds of every other webhook field, one each. Rows of `FIXTURE_KINDS` (`fixture-data.ts`): name, event, field, source, description, payload.
 */
import accountAlertsFixture from '../../core/test/fixtures/payloads/account_alerts/example__meta-docs.json';
import accountReviewUpdateFixture from '../../core/test/fixtures/payloads/account_review_update/example__meta-docs.json';
import accountSettingsUpdateFixture from '../../core/test/fixtures/payloads/account_settings_update/phone-number-settings-calling__piusalfred.json';
import accountUpdateFixture from '../../core/test/fixtures/payloads/account_update/account-violation__meta-docs.json';
import automaticEventsFixture from '../../core/test/fixtures/payloads/automatic_events/purchase-event__meta-docs.json';
import businessCapabilityUpdateFixture from '../../core/test/fixtures/payloads/business_capability_update/example__meta-docs.json';
import businessUsernameUpdateFixture from '../../core/test/fixtures/payloads/business_username_update/approved__meta-docs-derived.json';
import callsFixture from '../../core/test/fixtures/payloads/calls/user-initiated-connect__meta-docs.json';
import flowsFixture from '../../core/test/fixtures/payloads/flows/flow-status-change-draft-to-published__meta-docs.json';
import groupLifecycleUpdateFixture from '../../core/test/fixtures/payloads/group_lifecycle_update/group-delete__meta-docs-derived.json';
import groupParticipantsUpdateFixture from '../../core/test/fixtures/payloads/group_participants_update/join-request-created__meta-docs-derived.json';
import groupSettingsUpdateFixture from '../../core/test/fixtures/payloads/group_settings_update/settings-update-succeeded__meta-docs-derived.json';
import groupStatusUpdateFixture from '../../core/test/fixtures/payloads/group_status_update/group-suspend__meta-docs-derived.json';
import historyFixture from '../../core/test/fixtures/payloads/history/chat-history-two-threads-phase0__meta-docs.json';
import messageTemplateComponentsUpdateFixture from '../../core/test/fixtures/payloads/message_template_components_update/example__meta-docs.json';
import messageTemplateQualityUpdateFixture from '../../core/test/fixtures/payloads/message_template_quality_update/dashboard-test-green-to-yellow.json';
import messageTemplateStatusUpdateFixture from '../../core/test/fixtures/payloads/message_template_status_update/template-that-has-been-approved__meta-docs.json';
import messagingHandoversFixture from '../../core/test/fixtures/payloads/messaging_handovers/control-passed__derived.json';
import partnerSolutionsFixture from '../../core/test/fixtures/payloads/partner_solutions/example__meta-docs.json';
import paymentConfigurationUpdateFixture from '../../core/test/fixtures/payloads/payment_configuration_update/example__meta-docs.json';
import phoneNumberNameUpdateFixture from '../../core/test/fixtures/payloads/phone_number_name_update/example__meta-docs.json';
import phoneNumberQualityUpdateFixture from '../../core/test/fixtures/payloads/phone_number_quality_update/example__meta-docs.json';
import securityFixture from '../../core/test/fixtures/payloads/security/example__meta-docs.json';
import smbAppStateSyncFixture from '../../core/test/fixtures/payloads/smb_app_state_sync/example__meta-docs.json';
import smbMessageEchoesFixture from '../../core/test/fixtures/payloads/smb_message_echoes/text__meta-docs.json';
import templateCategoryUpdateFixture from '../../core/test/fixtures/payloads/template_category_update/template-that-has-been-recategorized-as-marketing__meta-docs.json';
import templateCorrectCategoryDetectionFixture from '../../core/test/fixtures/payloads/template_correct_category_detection/sample__third-party.json';
import userIdUpdateFixture from '../../core/test/fixtures/payloads/user_id_update/bsuid-changed__meta-docs-derived.json';
import userPreferencesFixture from '../../core/test/fixtures/payloads/user_preferences/example__meta-docs.json';
import { CORPUS, type Row } from './fixture-row';

/** The kinds of every other webhook field, one each. */
export const FIELD_ROWS: readonly Row[] = [
  [
    'account_alerts',
    'account_alerts',
    'account_alerts',
    CORPUS + 'account_alerts/example__meta-docs.json',
    'An alert about your business, WABA or phone number.',
    accountAlertsFixture,
  ],
  [
    'account_review_update',
    'account_review_update',
    'account_review_update',
    CORPUS + 'account_review_update/example__meta-docs.json',
    'Meta reviewed your WhatsApp Business Account.',
    accountReviewUpdateFixture,
  ],
  [
    'account_settings_update',
    'account_settings_update',
    'account_settings_update',
    CORPUS + 'account_settings_update/phone-number-settings-calling__piusalfred.json',
    "A phone number's settings (calling) changed.",
    accountSettingsUpdateFixture,
  ],
  [
    'account_update',
    'account_update',
    'account_update',
    CORPUS + 'account_update/account-violation__meta-docs.json',
    'A policy violation on your WhatsApp Business Account.',
    accountUpdateFixture,
  ],
  [
    'automatic_events',
    'automatic_events',
    'automatic_events',
    CORPUS + 'automatic_events/purchase-event__meta-docs.json',
    'A purchase detected in a Click-to-WhatsApp ad conversation.',
    automaticEventsFixture,
  ],
  [
    'business_capability_update',
    'business_capability_update',
    'business_capability_update',
    CORPUS + 'business_capability_update/example__meta-docs.json',
    'Your messaging limits changed.',
    businessCapabilityUpdateFixture,
  ],
  [
    'business_username_update',
    'business_username_update',
    'business_username_update',
    CORPUS + 'business_username_update/approved__meta-docs-derived.json',
    'Your business username was approved.',
    businessUsernameUpdateFixture,
  ],
  [
    'calls',
    'calls',
    'calls',
    CORPUS + 'calls/user-initiated-connect__meta-docs.json',
    'A user-initiated call connected.',
    callsFixture,
  ],
  [
    'flows',
    'flows',
    'flows',
    CORPUS + 'flows/flow-status-change-draft-to-published__meta-docs.json',
    'A WhatsApp Flow was published.',
    flowsFixture,
  ],
  [
    'group_lifecycle_update',
    'group_lifecycle_update',
    'group_lifecycle_update',
    CORPUS + 'group_lifecycle_update/group-delete__meta-docs-derived.json',
    'A group was deleted.',
    groupLifecycleUpdateFixture,
  ],
  [
    'group_participants_update',
    'group_participants_update',
    'group_participants_update',
    CORPUS + 'group_participants_update/join-request-created__meta-docs-derived.json',
    'A user asked to join a group.',
    groupParticipantsUpdateFixture,
  ],
  [
    'group_settings_update',
    'group_settings_update',
    'group_settings_update',
    CORPUS + 'group_settings_update/settings-update-succeeded__meta-docs-derived.json',
    "A group's settings were updated.",
    groupSettingsUpdateFixture,
  ],
  [
    'group_status_update',
    'group_status_update',
    'group_status_update',
    CORPUS + 'group_status_update/group-suspend__meta-docs-derived.json',
    'A group was suspended.',
    groupStatusUpdateFixture,
  ],
  [
    'history',
    'history',
    'history',
    CORPUS + 'history/chat-history-two-threads-phase0__meta-docs.json',
    'Chat history shared during coexistence onboarding.',
    historyFixture,
  ],
  [
    'message_template_components_update',
    'message_template_components_update',
    'message_template_components_update',
    CORPUS + 'message_template_components_update/example__meta-docs.json',
    "A template's components were edited.",
    messageTemplateComponentsUpdateFixture,
  ],
  [
    'message_template_quality_update',
    'message_template_quality_update',
    'message_template_quality_update',
    CORPUS + 'message_template_quality_update/dashboard-test-green-to-yellow.json',
    "A template's quality score changed (Dashboard test sample).",
    messageTemplateQualityUpdateFixture,
  ],
  [
    'message_template_status_update',
    'message_template_status_update',
    'message_template_status_update',
    CORPUS + 'message_template_status_update/template-that-has-been-approved__meta-docs.json',
    'A message template was approved.',
    messageTemplateStatusUpdateFixture,
  ],
  [
    'messaging_handovers',
    'messaging_handovers',
    'messaging_handovers',
    CORPUS + 'messaging_handovers/control-passed__derived.json',
    'Conversation Routing passed thread control to another app.',
    messagingHandoversFixture,
  ],
  [
    'partner_solutions',
    'partner_solutions',
    'partner_solutions',
    CORPUS + 'partner_solutions/example__meta-docs.json',
    'A Multi-Partner Solution changed.',
    partnerSolutionsFixture,
  ],
  [
    'payment_configuration_update',
    'payment_configuration_update',
    'payment_configuration_update',
    CORPUS + 'payment_configuration_update/example__meta-docs.json',
    'A payment configuration changed.',
    paymentConfigurationUpdateFixture,
  ],
  [
    'phone_number_name_update',
    'phone_number_name_update',
    'phone_number_name_update',
    CORPUS + 'phone_number_name_update/example__meta-docs.json',
    'Meta decided on a display-name request.',
    phoneNumberNameUpdateFixture,
  ],
  [
    'phone_number_quality_update',
    'phone_number_quality_update',
    'phone_number_quality_update',
    CORPUS + 'phone_number_quality_update/example__meta-docs.json',
    "A phone number's quality or messaging limit changed.",
    phoneNumberQualityUpdateFixture,
  ],
  [
    'security',
    'security',
    'security',
    CORPUS + 'security/example__meta-docs.json',
    "A phone number's two-step verification PIN changed.",
    securityFixture,
  ],
  [
    'smb_app_state_sync',
    'smb_app_state_sync',
    'smb_app_state_sync',
    CORPUS + 'smb_app_state_sync/example__meta-docs.json',
    'Contacts synced from the WhatsApp Business app (coexistence).',
    smbAppStateSyncFixture,
  ],
  [
    'smb_message_echoes',
    'smb_message_echoes',
    'smb_message_echoes',
    CORPUS + 'smb_message_echoes/text__meta-docs.json',
    'A message your business sent from the WhatsApp Business app (coexistence).',
    smbMessageEchoesFixture,
  ],
  [
    'template_category_update',
    'template_category_update',
    'template_category_update',
    CORPUS + 'template_category_update/template-that-has-been-recategorized-as-marketing__meta-docs.json',
    'A template was recategorised as MARKETING.',
    templateCategoryUpdateFixture,
  ],
  [
    'template_correct_category_detection',
    'template_correct_category_detection',
    'template_correct_category_detection',
    CORPUS + 'template_correct_category_detection/sample__third-party.json',
    "Meta detected that a template's category looks wrong.",
    templateCorrectCategoryDetectionFixture,
  ],
  [
    'user_id_update',
    'user_id_update',
    'user_id_update',
    CORPUS + 'user_id_update/bsuid-changed__meta-docs-derived.json',
    "A user's BSUID changed.",
    userIdUpdateFixture,
  ],
  [
    'user_preferences',
    'user_preferences',
    'user_preferences',
    CORPUS + 'user_preferences/example__meta-docs.json',
    'A user stopped marketing messages.',
    userPreferencesFixture,
  ],
];
