/**
 * The built-in fixture kinds: one real (or Meta-documented) notification per event name of
 * `@wa-webhooks/core`. They are read from core's payload corpus (`packages/core/test/fixtures/payloads`,
 * the one copy in the repository) and, for the four bodies written for this package, from its own
 * `fixtures/` folder; `fixtures/SOURCES.md` says where each one comes from and its licence. Bundled at
 * build time, so the kinds work without a file system (edge runtimes included).
 */
import textFixture from '../../core/test/fixtures/payloads/messages/msg-text__meta-docs.json';
import imageFixture from '../../core/test/fixtures/payloads/messages/real-msg-image-caption-bsuid-2026.json';
import videoFixture from '../../core/test/fixtures/payloads/messages/msg-video__pywa.json';
import audioFixture from '../../core/test/fixtures/payloads/messages/msg-audio-voice__meta-docs.json';
import documentFixture from '../../core/test/fixtures/payloads/messages/msg-document__meta-docs.json';
import stickerFixture from '../../core/test/fixtures/payloads/messages/msg-sticker-animated__meta-docs.json';
import locationFixture from '../../core/test/fixtures/payloads/messages/msg-location__meta-docs.json';
import contactsFixture from '../../core/test/fixtures/payloads/messages/msg-contacts__meta-docs.json';
import buttonFixture from '../../core/test/fixtures/payloads/messages/msg-button-quick-reply-template__meta-docs.json';
import reactionFixture from '../../core/test/fixtures/payloads/messages/msg-reaction__meta-docs.json';
import orderFixture from '../../core/test/fixtures/payloads/messages/msg-order__meta-docs.json';
import unsupportedFixture from '../../core/test/fixtures/payloads/messages/msg-unsupported-edit-131051__meta-docs.json';
import unknownFixture from '../fixtures/messages/msg-unknown-131051__derived.json';
import requestWelcomeFixture from '../../core/test/fixtures/payloads/messages/msg-request-welcome__meta-docs-derived.json';
import revokeFixture from '../fixtures/messages/msg-revoke__pywa-filled.json';
import editFixture from '../../core/test/fixtures/payloads/messages/msg-edit-image__pywa.json';
import buttonReplyFixture from '../../core/test/fixtures/payloads/messages/msg-interactive-button-reply__meta-docs.json';
import listReplyFixture from '../../core/test/fixtures/payloads/messages/msg-interactive-list-reply__meta-docs.json';
import nfmReplyFixture from '../../core/test/fixtures/payloads/messages/msg-interactive-nfm-reply__pywa.json';
import callPermissionReplyFixture from '../../core/test/fixtures/payloads/messages/msg-interactive-call-permission-reply-accept__pywa.json';
import userChangedNumberFixture from '../../core/test/fixtures/payloads/messages/msg-system-user-changed-number__meta-docs.json';
import userChangedUserIdFixture from '../fixtures/messages/msg-system-user-changed-user-id__derived.json';
import customerChangedNumberFixture from '../fixtures/messages/msg-system-customer-changed-number__derived.json';
import customerIdentityChangedFixture from '../../core/test/fixtures/payloads/messages/msg-system-identity-change__pywa.json';
import sentFixture from '../../core/test/fixtures/payloads/messages/real-status-sent-pmp-free-customer-service-2025.json';
import deliveredFixture from '../../core/test/fixtures/payloads/messages/real-status-delivered-pmp-free-customer-service-2025.json';
import readFixture from '../../core/test/fixtures/payloads/messages/status-read__pywa.json';
import failedFixture from '../../core/test/fixtures/payloads/messages/status-failed-131049__meta-docs.json';
import playedFixture from '../../core/test/fixtures/payloads/messages/status-played__pywa.json';
import errorsFixture from '../../core/test/fixtures/payloads/messages/errors-value-level-130429__meta-docs.json';
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

/** One built-in kind, as `FIXTURE_KINDS` lists it. */
export interface FixtureKind {
  /** The name to pass to `buildFixture()` or `wa-webhooks send`, e.g. `text`, `delivered`, `message_template_status_update`. */
  readonly name: string;
  /** The event name `@wa-webhooks/core` routes it to, e.g. `messages.text`, `statuses.delivered`. */
  readonly event: string;
  /** The webhook field (`changes[].field`). */
  readonly field: string;
  /** The fixture file it was built from, relative to the repository root (core's corpus, or this package's `fixtures/`). */
  readonly source: string;
  /** What it is, in one line. */
  readonly description: string;
}

type Row = readonly [name: string, event: string, field: string, source: string, description: string, payload: unknown];

const CORPUS = 'packages/core/test/fixtures/payloads/';
const OWN = 'packages/testing/fixtures/';

// name, event, field, source, description, payload
const ROWS: readonly Row[] = [
  [
    'text',
    'messages.text',
    'messages',
    CORPUS + 'messages/msg-text__meta-docs.json',
    'A text message from a user.',
    textFixture,
  ],
  [
    'image',
    'messages.image',
    'messages',
    CORPUS + 'messages/real-msg-image-caption-bsuid-2026.json',
    'An image with a caption (non-ASCII text, a BSUID; real 2026 body).',
    imageFixture,
  ],
  ['video', 'messages.video', 'messages', CORPUS + 'messages/msg-video__pywa.json', 'A forwarded video.', videoFixture],
  [
    'audio',
    'messages.audio',
    'messages',
    CORPUS + 'messages/msg-audio-voice__meta-docs.json',
    'A voice note.',
    audioFixture,
  ],
  [
    'document',
    'messages.document',
    'messages',
    CORPUS + 'messages/msg-document__meta-docs.json',
    'A document (PDF) with a caption.',
    documentFixture,
  ],
  [
    'sticker',
    'messages.sticker',
    'messages',
    CORPUS + 'messages/msg-sticker-animated__meta-docs.json',
    'An animated sticker.',
    stickerFixture,
  ],
  [
    'location',
    'messages.location',
    'messages',
    CORPUS + 'messages/msg-location__meta-docs.json',
    'A shared location.',
    locationFixture,
  ],
  [
    'contacts',
    'messages.contacts',
    'messages',
    CORPUS + 'messages/msg-contacts__meta-docs.json',
    'A shared contact card.',
    contactsFixture,
  ],
  [
    'button',
    'messages.button',
    'messages',
    CORPUS + 'messages/msg-button-quick-reply-template__meta-docs.json',
    'A tap on a quick-reply button of a template.',
    buttonFixture,
  ],
  [
    'reaction',
    'messages.reaction',
    'messages',
    CORPUS + 'messages/msg-reaction__meta-docs.json',
    'An emoji reaction to a message you sent.',
    reactionFixture,
  ],
  [
    'order',
    'messages.order',
    'messages',
    CORPUS + 'messages/msg-order__meta-docs.json',
    'An order from a catalog message.',
    orderFixture,
  ],
  [
    'unsupported',
    'messages.unsupported',
    'messages',
    CORPUS + 'messages/msg-unsupported-edit-131051__meta-docs.json',
    'A message type the API cannot deliver (error 131051).',
    unsupportedFixture,
  ],
  [
    'unknown',
    'messages.unknown',
    'messages',
    OWN + 'messages/msg-unknown-131051__derived.json',
    'Legacy unsupported message (type "unknown", before "unsupported" existed).',
    unknownFixture,
  ],
  [
    'request_welcome',
    'messages.request_welcome',
    'messages',
    CORPUS + 'messages/msg-request-welcome__meta-docs-derived.json',
    'First contact from a conversational component (no content).',
    requestWelcomeFixture,
  ],
  [
    'revoke',
    'messages.revoke',
    'messages',
    OWN + 'messages/msg-revoke__pywa-filled.json',
    'The user deleted one of their messages.',
    revokeFixture,
  ],
  [
    'edit',
    'messages.edit',
    'messages',
    CORPUS + 'messages/msg-edit-image__pywa.json',
    'The user edited one of their messages.',
    editFixture,
  ],
  [
    'button_reply',
    'messages.interactive.button_reply',
    'messages',
    CORPUS + 'messages/msg-interactive-button-reply__meta-docs.json',
    'A tap on a reply button of your interactive message.',
    buttonReplyFixture,
  ],
  [
    'list_reply',
    'messages.interactive.list_reply',
    'messages',
    CORPUS + 'messages/msg-interactive-list-reply__meta-docs.json',
    'A row chosen in your list message.',
    listReplyFixture,
  ],
  [
    'nfm_reply',
    'messages.interactive.nfm_reply',
    'messages',
    CORPUS + 'messages/msg-interactive-nfm-reply__pywa.json',
    'A WhatsApp Flow answer (response_json).',
    nfmReplyFixture,
  ],
  [
    'call_permission_reply',
    'messages.interactive.call_permission_reply',
    'messages',
    CORPUS + 'messages/msg-interactive-call-permission-reply-accept__pywa.json',
    'The user accepted a call permission request.',
    callPermissionReplyFixture,
  ],
  [
    'user_changed_number',
    'messages.system.user_changed_number',
    'messages',
    CORPUS + 'messages/msg-system-user-changed-number__meta-docs.json',
    'The user changed their phone number.',
    userChangedNumberFixture,
  ],
  [
    'user_changed_user_id',
    'messages.system.user_changed_user_id',
    'messages',
    OWN + 'messages/msg-system-user-changed-user-id__derived.json',
    "The user's business-scoped user id (BSUID) changed.",
    userChangedUserIdFixture,
  ],
  [
    'customer_changed_number',
    'messages.system.customer_changed_number',
    'messages',
    OWN + 'messages/msg-system-customer-changed-number__derived.json',
    'The user changed their phone number (legacy name).',
    customerChangedNumberFixture,
  ],
  [
    'customer_identity_changed',
    'messages.system.customer_identity_changed',
    'messages',
    CORPUS + 'messages/msg-system-identity-change__pywa.json',
    "The user's identity changed (legacy).",
    customerIdentityChangedFixture,
  ],
  [
    'sent',
    'statuses.sent',
    'messages',
    CORPUS + 'messages/real-status-sent-pmp-free-customer-service-2025.json',
    'Your message was sent (status, with pricing).',
    sentFixture,
  ],
  [
    'delivered',
    'statuses.delivered',
    'messages',
    CORPUS + 'messages/real-status-delivered-pmp-free-customer-service-2025.json',
    'Your message was delivered (status, with pricing).',
    deliveredFixture,
  ],
  [
    'read',
    'statuses.read',
    'messages',
    CORPUS + 'messages/status-read__pywa.json',
    'Your message was read (status).',
    readFixture,
  ],
  [
    'failed',
    'statuses.failed',
    'messages',
    CORPUS + 'messages/status-failed-131049__meta-docs.json',
    'Your message could not be delivered (status, error 131049).',
    failedFixture,
  ],
  [
    'played',
    'statuses.played',
    'messages',
    CORPUS + 'messages/status-played__pywa.json',
    'Your voice message was played (status).',
    playedFixture,
  ],
  [
    'errors',
    'errors',
    'messages',
    CORPUS + 'messages/errors-value-level-130429__meta-docs.json',
    'An account-level error (130429, rate limit hit).',
    errorsFixture,
  ],
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

/**
 * Every built-in kind, in the order `wa-webhooks kinds` prints them: message types, interactive
 * replies, system messages, statuses, value-level errors, then one kind per other webhook field.
 */
export const FIXTURE_KINDS: readonly FixtureKind[] = ROWS.map(([name, event, field, source, description]) =>
  Object.freeze({ name, event, field, source, description }),
);

/** The fixture payload of a kind row, by name. Internal: `buildFixture()` copies and freshens it. */
export function fixturePayload(name: string): unknown {
  return ROWS.find((row) => row[0] === name)?.[5];
}
