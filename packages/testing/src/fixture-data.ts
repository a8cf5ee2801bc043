/**
 * The built-in fixture kinds: one real (or Meta-documented) notification per event name of
 * `@wa-webhooks/core`, copied from its payload corpus into this package's `fixtures/` folder (see
 * `fixtures/SOURCES.md` for where each one comes from and its licence). Bundled at build time, so the
 * kinds work without a file system (edge runtimes included).
 */
import textFixture from '../fixtures/messages/msg-text__meta-docs.json';
import imageFixture from '../fixtures/messages/real-msg-image-caption-bsuid-2026.json';
import videoFixture from '../fixtures/messages/msg-video__pywa.json';
import audioFixture from '../fixtures/messages/msg-audio-voice__meta-docs.json';
import documentFixture from '../fixtures/messages/msg-document__meta-docs.json';
import stickerFixture from '../fixtures/messages/msg-sticker-animated__meta-docs.json';
import locationFixture from '../fixtures/messages/msg-location__meta-docs.json';
import contactsFixture from '../fixtures/messages/msg-contacts__meta-docs.json';
import buttonFixture from '../fixtures/messages/msg-button-quick-reply-template__meta-docs.json';
import reactionFixture from '../fixtures/messages/msg-reaction__meta-docs.json';
import orderFixture from '../fixtures/messages/msg-order__meta-docs.json';
import unsupportedFixture from '../fixtures/messages/msg-unsupported-edit-131051__meta-docs.json';
import unknownFixture from '../fixtures/messages/msg-unknown-131051__derived.json';
import requestWelcomeFixture from '../fixtures/messages/msg-request-welcome__meta-docs-derived.json';
import revokeFixture from '../fixtures/messages/msg-revoke__pywa.json';
import editFixture from '../fixtures/messages/msg-edit-image__pywa.json';
import buttonReplyFixture from '../fixtures/messages/msg-interactive-button-reply__meta-docs.json';
import listReplyFixture from '../fixtures/messages/msg-interactive-list-reply__meta-docs.json';
import nfmReplyFixture from '../fixtures/messages/msg-interactive-nfm-reply__pywa.json';
import callPermissionReplyFixture from '../fixtures/messages/msg-interactive-call-permission-reply-accept__pywa.json';
import userChangedNumberFixture from '../fixtures/messages/msg-system-user-changed-number__meta-docs.json';
import userChangedUserIdFixture from '../fixtures/messages/msg-system-user-changed-user-id__derived.json';
import customerChangedNumberFixture from '../fixtures/messages/msg-system-customer-changed-number__derived.json';
import customerIdentityChangedFixture from '../fixtures/messages/msg-system-identity-change__pywa.json';
import sentFixture from '../fixtures/messages/real-status-sent-pmp-free-customer-service-2025.json';
import deliveredFixture from '../fixtures/messages/real-status-delivered-pmp-free-customer-service-2025.json';
import readFixture from '../fixtures/messages/status-read__pywa.json';
import failedFixture from '../fixtures/messages/status-failed-131049__meta-docs.json';
import playedFixture from '../fixtures/messages/status-played__pywa.json';
import errorsFixture from '../fixtures/messages/errors-value-level-130429__meta-docs.json';
import accountAlertsFixture from '../fixtures/account_alerts/example__meta-docs.json';
import accountReviewUpdateFixture from '../fixtures/account_review_update/example__meta-docs.json';
import accountSettingsUpdateFixture from '../fixtures/account_settings_update/phone-number-settings-calling__piusalfred.json';
import accountUpdateFixture from '../fixtures/account_update/account-violation__meta-docs.json';
import automaticEventsFixture from '../fixtures/automatic_events/purchase-event__meta-docs.json';
import businessCapabilityUpdateFixture from '../fixtures/business_capability_update/example__meta-docs.json';
import businessUsernameUpdateFixture from '../fixtures/business_username_update/approved__meta-docs-derived.json';
import callsFixture from '../fixtures/calls/user-initiated-connect__meta-docs.json';
import flowsFixture from '../fixtures/flows/flow-status-change-draft-to-published__meta-docs.json';
import groupLifecycleUpdateFixture from '../fixtures/group_lifecycle_update/group-delete__meta-docs-derived.json';
import groupParticipantsUpdateFixture from '../fixtures/group_participants_update/join-request-created__meta-docs-derived.json';
import groupSettingsUpdateFixture from '../fixtures/group_settings_update/settings-update-succeeded__meta-docs-derived.json';
import groupStatusUpdateFixture from '../fixtures/group_status_update/group-suspend__meta-docs-derived.json';
import historyFixture from '../fixtures/history/chat-history-two-threads-phase0__meta-docs.json';
import messageTemplateComponentsUpdateFixture from '../fixtures/message_template_components_update/example__meta-docs.json';
import messageTemplateQualityUpdateFixture from '../fixtures/message_template_quality_update/dashboard-test-green-to-yellow.json';
import messageTemplateStatusUpdateFixture from '../fixtures/message_template_status_update/template-that-has-been-approved__meta-docs.json';
import messagingHandoversFixture from '../fixtures/messaging_handovers/control-passed__derived.json';
import partnerSolutionsFixture from '../fixtures/partner_solutions/example__meta-docs.json';
import paymentConfigurationUpdateFixture from '../fixtures/payment_configuration_update/example__meta-docs.json';
import phoneNumberNameUpdateFixture from '../fixtures/phone_number_name_update/example__meta-docs.json';
import phoneNumberQualityUpdateFixture from '../fixtures/phone_number_quality_update/example__meta-docs.json';
import securityFixture from '../fixtures/security/example__meta-docs.json';
import smbAppStateSyncFixture from '../fixtures/smb_app_state_sync/example__meta-docs.json';
import smbMessageEchoesFixture from '../fixtures/smb_message_echoes/text__meta-docs.json';
import templateCategoryUpdateFixture from '../fixtures/template_category_update/template-that-has-been-recategorized-as-marketing__meta-docs.json';
import templateCorrectCategoryDetectionFixture from '../fixtures/template_correct_category_detection/sample__third-party.json';
import userIdUpdateFixture from '../fixtures/user_id_update/bsuid-changed__meta-docs-derived.json';
import userPreferencesFixture from '../fixtures/user_preferences/example__meta-docs.json';

/** One built-in kind, as `FIXTURE_KINDS` lists it. */
export interface FixtureKind {
  /** The name to pass to `buildFixture()` or `wa-webhooks send`, e.g. `text`, `delivered`, `message_template_status_update`. */
  readonly name: string;
  /** The event name `@wa-webhooks/core` routes it to, e.g. `messages.text`, `statuses.delivered`. */
  readonly event: string;
  /** The webhook field (`changes[].field`). */
  readonly field: string;
  /** The fixture file, relative to the package's `fixtures/` folder. */
  readonly source: string;
  /** What it is, in one line. */
  readonly description: string;
}

interface KindRow extends FixtureKind {
  readonly payload: unknown;
}

const ROWS: readonly KindRow[] = [
  {
    name: 'text',
    event: 'messages.text',
    field: 'messages',
    source: 'messages/msg-text__meta-docs.json',
    description: 'A text message from a user.',
    payload: textFixture,
  },
  {
    name: 'image',
    event: 'messages.image',
    field: 'messages',
    source: 'messages/real-msg-image-caption-bsuid-2026.json',
    description: 'An image with a caption (non-ASCII text, a BSUID; real 2026 body).',
    payload: imageFixture,
  },
  {
    name: 'video',
    event: 'messages.video',
    field: 'messages',
    source: 'messages/msg-video__pywa.json',
    description: 'A forwarded video.',
    payload: videoFixture,
  },
  {
    name: 'audio',
    event: 'messages.audio',
    field: 'messages',
    source: 'messages/msg-audio-voice__meta-docs.json',
    description: 'A voice note.',
    payload: audioFixture,
  },
  {
    name: 'document',
    event: 'messages.document',
    field: 'messages',
    source: 'messages/msg-document__meta-docs.json',
    description: 'A document (PDF) with a caption.',
    payload: documentFixture,
  },
  {
    name: 'sticker',
    event: 'messages.sticker',
    field: 'messages',
    source: 'messages/msg-sticker-animated__meta-docs.json',
    description: 'An animated sticker.',
    payload: stickerFixture,
  },
  {
    name: 'location',
    event: 'messages.location',
    field: 'messages',
    source: 'messages/msg-location__meta-docs.json',
    description: 'A shared location.',
    payload: locationFixture,
  },
  {
    name: 'contacts',
    event: 'messages.contacts',
    field: 'messages',
    source: 'messages/msg-contacts__meta-docs.json',
    description: 'A shared contact card.',
    payload: contactsFixture,
  },
  {
    name: 'button',
    event: 'messages.button',
    field: 'messages',
    source: 'messages/msg-button-quick-reply-template__meta-docs.json',
    description: 'A tap on a quick-reply button of a template.',
    payload: buttonFixture,
  },
  {
    name: 'reaction',
    event: 'messages.reaction',
    field: 'messages',
    source: 'messages/msg-reaction__meta-docs.json',
    description: 'An emoji reaction to a message you sent.',
    payload: reactionFixture,
  },
  {
    name: 'order',
    event: 'messages.order',
    field: 'messages',
    source: 'messages/msg-order__meta-docs.json',
    description: 'An order from a catalog message.',
    payload: orderFixture,
  },
  {
    name: 'unsupported',
    event: 'messages.unsupported',
    field: 'messages',
    source: 'messages/msg-unsupported-edit-131051__meta-docs.json',
    description: 'A message type the API cannot deliver (error 131051).',
    payload: unsupportedFixture,
  },
  {
    name: 'unknown',
    event: 'messages.unknown',
    field: 'messages',
    source: 'messages/msg-unknown-131051__derived.json',
    description: 'Legacy unsupported message (type "unknown", before "unsupported" existed).',
    payload: unknownFixture,
  },
  {
    name: 'request_welcome',
    event: 'messages.request_welcome',
    field: 'messages',
    source: 'messages/msg-request-welcome__meta-docs-derived.json',
    description: 'First contact from a conversational component (no content).',
    payload: requestWelcomeFixture,
  },
  {
    name: 'revoke',
    event: 'messages.revoke',
    field: 'messages',
    source: 'messages/msg-revoke__pywa.json',
    description: 'The user deleted one of their messages.',
    payload: revokeFixture,
  },
  {
    name: 'edit',
    event: 'messages.edit',
    field: 'messages',
    source: 'messages/msg-edit-image__pywa.json',
    description: 'The user edited one of their messages.',
    payload: editFixture,
  },
  {
    name: 'button_reply',
    event: 'messages.interactive.button_reply',
    field: 'messages',
    source: 'messages/msg-interactive-button-reply__meta-docs.json',
    description: 'A tap on a reply button of your interactive message.',
    payload: buttonReplyFixture,
  },
  {
    name: 'list_reply',
    event: 'messages.interactive.list_reply',
    field: 'messages',
    source: 'messages/msg-interactive-list-reply__meta-docs.json',
    description: 'A row chosen in your list message.',
    payload: listReplyFixture,
  },
  {
    name: 'nfm_reply',
    event: 'messages.interactive.nfm_reply',
    field: 'messages',
    source: 'messages/msg-interactive-nfm-reply__pywa.json',
    description: 'A WhatsApp Flow answer (response_json).',
    payload: nfmReplyFixture,
  },
  {
    name: 'call_permission_reply',
    event: 'messages.interactive.call_permission_reply',
    field: 'messages',
    source: 'messages/msg-interactive-call-permission-reply-accept__pywa.json',
    description: 'The user accepted a call permission request.',
    payload: callPermissionReplyFixture,
  },
  {
    name: 'user_changed_number',
    event: 'messages.system.user_changed_number',
    field: 'messages',
    source: 'messages/msg-system-user-changed-number__meta-docs.json',
    description: 'The user changed their phone number.',
    payload: userChangedNumberFixture,
  },
  {
    name: 'user_changed_user_id',
    event: 'messages.system.user_changed_user_id',
    field: 'messages',
    source: 'messages/msg-system-user-changed-user-id__derived.json',
    description: "The user's business-scoped user id (BSUID) changed.",
    payload: userChangedUserIdFixture,
  },
  {
    name: 'customer_changed_number',
    event: 'messages.system.customer_changed_number',
    field: 'messages',
    source: 'messages/msg-system-customer-changed-number__derived.json',
    description: 'The user changed their phone number (legacy name).',
    payload: customerChangedNumberFixture,
  },
  {
    name: 'customer_identity_changed',
    event: 'messages.system.customer_identity_changed',
    field: 'messages',
    source: 'messages/msg-system-identity-change__pywa.json',
    description: "The user's identity changed (legacy).",
    payload: customerIdentityChangedFixture,
  },
  {
    name: 'sent',
    event: 'statuses.sent',
    field: 'messages',
    source: 'messages/real-status-sent-pmp-free-customer-service-2025.json',
    description: 'Your message was sent (status, with pricing).',
    payload: sentFixture,
  },
  {
    name: 'delivered',
    event: 'statuses.delivered',
    field: 'messages',
    source: 'messages/real-status-delivered-pmp-free-customer-service-2025.json',
    description: 'Your message was delivered (status, with pricing).',
    payload: deliveredFixture,
  },
  {
    name: 'read',
    event: 'statuses.read',
    field: 'messages',
    source: 'messages/status-read__pywa.json',
    description: 'Your message was read (status).',
    payload: readFixture,
  },
  {
    name: 'failed',
    event: 'statuses.failed',
    field: 'messages',
    source: 'messages/status-failed-131049__meta-docs.json',
    description: 'Your message could not be delivered (status, error 131049).',
    payload: failedFixture,
  },
  {
    name: 'played',
    event: 'statuses.played',
    field: 'messages',
    source: 'messages/status-played__pywa.json',
    description: 'Your voice message was played (status).',
    payload: playedFixture,
  },
  {
    name: 'errors',
    event: 'errors',
    field: 'messages',
    source: 'messages/errors-value-level-130429__meta-docs.json',
    description: 'An account-level error (130429, rate limit hit).',
    payload: errorsFixture,
  },
  {
    name: 'account_alerts',
    event: 'account_alerts',
    field: 'account_alerts',
    source: 'account_alerts/example__meta-docs.json',
    description: 'An alert about your business, WABA or phone number.',
    payload: accountAlertsFixture,
  },
  {
    name: 'account_review_update',
    event: 'account_review_update',
    field: 'account_review_update',
    source: 'account_review_update/example__meta-docs.json',
    description: 'Meta reviewed your WhatsApp Business Account.',
    payload: accountReviewUpdateFixture,
  },
  {
    name: 'account_settings_update',
    event: 'account_settings_update',
    field: 'account_settings_update',
    source: 'account_settings_update/phone-number-settings-calling__piusalfred.json',
    description: "A phone number's settings (calling) changed.",
    payload: accountSettingsUpdateFixture,
  },
  {
    name: 'account_update',
    event: 'account_update',
    field: 'account_update',
    source: 'account_update/account-violation__meta-docs.json',
    description: 'A policy violation on your WhatsApp Business Account.',
    payload: accountUpdateFixture,
  },
  {
    name: 'automatic_events',
    event: 'automatic_events',
    field: 'automatic_events',
    source: 'automatic_events/purchase-event__meta-docs.json',
    description: 'A purchase detected in a Click-to-WhatsApp ad conversation.',
    payload: automaticEventsFixture,
  },
  {
    name: 'business_capability_update',
    event: 'business_capability_update',
    field: 'business_capability_update',
    source: 'business_capability_update/example__meta-docs.json',
    description: 'Your messaging limits changed.',
    payload: businessCapabilityUpdateFixture,
  },
  {
    name: 'business_username_update',
    event: 'business_username_update',
    field: 'business_username_update',
    source: 'business_username_update/approved__meta-docs-derived.json',
    description: 'Your business username was approved.',
    payload: businessUsernameUpdateFixture,
  },
  {
    name: 'calls',
    event: 'calls',
    field: 'calls',
    source: 'calls/user-initiated-connect__meta-docs.json',
    description: 'A user-initiated call connected.',
    payload: callsFixture,
  },
  {
    name: 'flows',
    event: 'flows',
    field: 'flows',
    source: 'flows/flow-status-change-draft-to-published__meta-docs.json',
    description: 'A WhatsApp Flow was published.',
    payload: flowsFixture,
  },
  {
    name: 'group_lifecycle_update',
    event: 'group_lifecycle_update',
    field: 'group_lifecycle_update',
    source: 'group_lifecycle_update/group-delete__meta-docs-derived.json',
    description: 'A group was deleted.',
    payload: groupLifecycleUpdateFixture,
  },
  {
    name: 'group_participants_update',
    event: 'group_participants_update',
    field: 'group_participants_update',
    source: 'group_participants_update/join-request-created__meta-docs-derived.json',
    description: 'A user asked to join a group.',
    payload: groupParticipantsUpdateFixture,
  },
  {
    name: 'group_settings_update',
    event: 'group_settings_update',
    field: 'group_settings_update',
    source: 'group_settings_update/settings-update-succeeded__meta-docs-derived.json',
    description: "A group's settings were updated.",
    payload: groupSettingsUpdateFixture,
  },
  {
    name: 'group_status_update',
    event: 'group_status_update',
    field: 'group_status_update',
    source: 'group_status_update/group-suspend__meta-docs-derived.json',
    description: 'A group was suspended.',
    payload: groupStatusUpdateFixture,
  },
  {
    name: 'history',
    event: 'history',
    field: 'history',
    source: 'history/chat-history-two-threads-phase0__meta-docs.json',
    description: 'Chat history shared during coexistence onboarding.',
    payload: historyFixture,
  },
  {
    name: 'message_template_components_update',
    event: 'message_template_components_update',
    field: 'message_template_components_update',
    source: 'message_template_components_update/example__meta-docs.json',
    description: "A template's components were edited.",
    payload: messageTemplateComponentsUpdateFixture,
  },
  {
    name: 'message_template_quality_update',
    event: 'message_template_quality_update',
    field: 'message_template_quality_update',
    source: 'message_template_quality_update/dashboard-test-green-to-yellow.json',
    description: "A template's quality score changed (Dashboard test sample).",
    payload: messageTemplateQualityUpdateFixture,
  },
  {
    name: 'message_template_status_update',
    event: 'message_template_status_update',
    field: 'message_template_status_update',
    source: 'message_template_status_update/template-that-has-been-approved__meta-docs.json',
    description: 'A message template was approved.',
    payload: messageTemplateStatusUpdateFixture,
  },
  {
    name: 'messaging_handovers',
    event: 'messaging_handovers',
    field: 'messaging_handovers',
    source: 'messaging_handovers/control-passed__derived.json',
    description: 'Conversation Routing passed thread control to another app.',
    payload: messagingHandoversFixture,
  },
  {
    name: 'partner_solutions',
    event: 'partner_solutions',
    field: 'partner_solutions',
    source: 'partner_solutions/example__meta-docs.json',
    description: 'A Multi-Partner Solution changed.',
    payload: partnerSolutionsFixture,
  },
  {
    name: 'payment_configuration_update',
    event: 'payment_configuration_update',
    field: 'payment_configuration_update',
    source: 'payment_configuration_update/example__meta-docs.json',
    description: 'A payment configuration changed.',
    payload: paymentConfigurationUpdateFixture,
  },
  {
    name: 'phone_number_name_update',
    event: 'phone_number_name_update',
    field: 'phone_number_name_update',
    source: 'phone_number_name_update/example__meta-docs.json',
    description: 'Meta decided on a display-name request.',
    payload: phoneNumberNameUpdateFixture,
  },
  {
    name: 'phone_number_quality_update',
    event: 'phone_number_quality_update',
    field: 'phone_number_quality_update',
    source: 'phone_number_quality_update/example__meta-docs.json',
    description: "A phone number's quality or messaging limit changed.",
    payload: phoneNumberQualityUpdateFixture,
  },
  {
    name: 'security',
    event: 'security',
    field: 'security',
    source: 'security/example__meta-docs.json',
    description: "A phone number's two-step verification PIN changed.",
    payload: securityFixture,
  },
  {
    name: 'smb_app_state_sync',
    event: 'smb_app_state_sync',
    field: 'smb_app_state_sync',
    source: 'smb_app_state_sync/example__meta-docs.json',
    description: 'Contacts synced from the WhatsApp Business app (coexistence).',
    payload: smbAppStateSyncFixture,
  },
  {
    name: 'smb_message_echoes',
    event: 'smb_message_echoes',
    field: 'smb_message_echoes',
    source: 'smb_message_echoes/text__meta-docs.json',
    description: 'A message your business sent from the WhatsApp Business app (coexistence).',
    payload: smbMessageEchoesFixture,
  },
  {
    name: 'template_category_update',
    event: 'template_category_update',
    field: 'template_category_update',
    source: 'template_category_update/template-that-has-been-recategorized-as-marketing__meta-docs.json',
    description: 'A template was recategorised as MARKETING.',
    payload: templateCategoryUpdateFixture,
  },
  {
    name: 'template_correct_category_detection',
    event: 'template_correct_category_detection',
    field: 'template_correct_category_detection',
    source: 'template_correct_category_detection/sample__third-party.json',
    description: "Meta detected that a template's category looks wrong.",
    payload: templateCorrectCategoryDetectionFixture,
  },
  {
    name: 'user_id_update',
    event: 'user_id_update',
    field: 'user_id_update',
    source: 'user_id_update/bsuid-changed__meta-docs-derived.json',
    description: "A user's BSUID changed.",
    payload: userIdUpdateFixture,
  },
  {
    name: 'user_preferences',
    event: 'user_preferences',
    field: 'user_preferences',
    source: 'user_preferences/example__meta-docs.json',
    description: 'A user stopped marketing messages.',
    payload: userPreferencesFixture,
  },
];

/**
 * Every built-in kind, in the order `wa-webhooks kinds` prints them: message types, interactive
 * replies, system messages, statuses, value-level errors, then one kind per other webhook field.
 */
export const FIXTURE_KINDS: readonly FixtureKind[] = ROWS.map(({ payload: _payload, ...kind }) => Object.freeze(kind));

/** The fixture payload of a kind row, by name. Internal: `buildFixture()` copies and freshens it. */
export function fixturePayload(name: string): unknown {
  return ROWS.find((row) => row.name === name)?.payload;
}
