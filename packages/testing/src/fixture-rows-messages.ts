/**
 * The kinds of the `messages` field: message types, interactive replies, system messages, statuses and value-level errors. Rows of `FIXTURE_KINDS` (`fixture-data.ts`): name, event, field, source, description, payload.
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
import { CORPUS, OWN, type Row } from './fixture-row';

/** The kinds of the `messages` field: message types, interactive replies, system messages, statuses and value-level errors. */
export const MESSAGE_ROWS: readonly Row[] = [
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
];
