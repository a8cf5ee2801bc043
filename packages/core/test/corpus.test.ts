/**
 * The whole payload corpus (test/fixtures/payloads, see SOURCES.md) through `handle()`: every fixture is
 * signed with the independent test signer, answered 200, and produces exactly the events of the table
 * below. The table is written by hand from the fixtures (Meta's words: `messages.<type>[.<sub-type>]`,
 * `statuses.<status>`, `errors`, one event per change of any other field); it is not derived from the
 * code under test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWebhooks, type KnownWebhookEvent, type UnknownEvent } from '../src/index';
import { allFixtures, FIXTURES, fakeRequest, SECRET, sign, signedPost, TOKEN } from './helpers';

/** A fixture that legitimately does not fit: the `onUnknown` events it produces (`name:reason`), and why. */
interface Misfit {
  readonly unknown: readonly string[];
  readonly why: string;
}

/** fixture → the names of the known events it produces, in order (and its misfits, if any). */
type Row = readonly [fixture: string, events: readonly string[], misfit?: Misfit];

const CORPUS: readonly Row[] = [
  ['account_alerts/dashboard-test-flat-oba-approved.json', ['account_alerts']],
  ['account_alerts/example__meta-docs.json', ['account_alerts']],
  ['account_review_update/example__meta-docs.json', ['account_review_update']],
  ['account_settings_update/phone-number-settings-calling__piusalfred.json', ['account_settings_update']],
  ['account_update/account-deleted__meta-docs.json', ['account_update']],
  ['account_update/account-deleted__pywa.json', ['account_update']],
  ['account_update/account-disabled__pywa.json', ['account_update']],
  ['account_update/account-offboarded__pywa.json', ['account_update']],
  ['account_update/account-reconnected__pywa.json', ['account_update']],
  ['account_update/account-restriction__pywa.json', ['account_update']],
  ['account_update/account-violation__meta-docs.json', ['account_update']],
  ['account_update/account-violation__pywa.json', ['account_update']],
  ['account_update/ad-account-linked__meta-docs.json', ['account_update']],
  ['account_update/ad-account-linked__pywa.json', ['account_update']],
  ['account_update/authentication-international-eligibility__meta-docs.json', ['account_update']],
  ['account_update/authentication-international-eligibility__pywa.json', ['account_update']],
  ['account_update/dashboard-test-verified-account.json', ['account_update']],
  ['account_update/disabled-update__meta-docs.json', ['account_update']],
  ['account_update/mm-api-for-wa-terms-of-service__pywa.json', ['account_update']],
  ['account_update/mm-lite-terms-of-service__meta-docs.json', ['account_update']],
  ['account_update/partner-added__meta-docs.json', ['account_update']],
  ['account_update/partner-added__pywa.json', ['account_update']],
  ['account_update/partner-app-installed__meta-docs.json', ['account_update']],
  ['account_update/partner-app-installed__pywa.json', ['account_update']],
  ['account_update/partner-app-uninstalled__meta-docs.json', ['account_update']],
  ['account_update/partner-app-uninstalled__pywa.json', ['account_update']],
  ['account_update/partner-led-business-verification-status__meta-docs.json', ['account_update']],
  ['account_update/partner-led-business-verification-status__pywa.json', ['account_update']],
  ['account_update/partner-removed-wa-app-disconnection__pywa.json', ['account_update']],
  ['account_update/partner-removed__pywa.json', ['account_update']],
  ['account_update/pricing-tiering-update__meta-docs.json', ['account_update']],
  ['account_update/pricing-tiering-update__pywa.json', ['account_update']],
  ['account_update/primary-business-location-set__meta-docs.json', ['account_update']],
  ['account_update/primary-business-location-set__pywa.json', ['account_update']],
  ['automatic_events/lead-gen-event__meta-docs.json', ['automatic_events']],
  ['automatic_events/purchase-event__meta-docs.json', ['automatic_events']],
  ['business_capability_update/example__meta-docs.json', ['business_capability_update']],
  ['business_username_update/approved__meta-docs-derived.json', ['business_username_update']],
  ['calls/connect-business-initiated__pywa.json', ['calls']],
  ['calls/connect-user-initiated__pywa.json', ['calls']],
  ['calls/status-ringing__pywa.json', ['calls']],
  ['calls/terminate__pywa.json', ['calls']],
  ['calls/user-initiated-connect__meta-docs.json', ['calls']],
  ['flows/client-error-rate-activated__meta-docs.json', ['flows']],
  ['flows/endpoint-availability-activated__meta-docs.json', ['flows']],
  ['flows/endpoint-error-rate-activated__meta-docs.json', ['flows']],
  ['flows/endpoint-latency-activated__meta-docs.json', ['flows']],
  ['flows/flow-created-draft__meta-docs.json', ['flows']],
  ['flows/flow-created-with-version-warning__meta-docs.json', ['flows']],
  ['flows/flow-status-change-draft-to-published__meta-docs.json', ['flows']],
  ['flows/flow-version-expiry-warning__meta-docs.json', ['flows']],
  ['flows/real-flow-status-change-draft-to-published-2025.json', ['flows']],
  ['flows/real-flow-status-change-published-to-draft-2025.json', ['flows']],
  ['group_lifecycle_update/group-create-failed__meta-docs-derived.json', ['group_lifecycle_update']],
  ['group_lifecycle_update/group-create__bsp-sample.json', ['group_lifecycle_update']],
  ['group_lifecycle_update/group-delete__meta-docs-derived.json', ['group_lifecycle_update']],
  ['group_participants_update/join-request-created__meta-docs-derived.json', ['group_participants_update']],
  ['group_participants_update/participant-left__meta-docs-derived.json', ['group_participants_update']],
  ['group_participants_update/participants-add-invite-link__bsp-sample.json', ['group_participants_update']],
  ['group_settings_update/settings-update-succeeded__meta-docs-derived.json', ['group_settings_update']],
  ['group_status_update/group-suspend-cleared__meta-docs-derived.json', ['group_status_update']],
  ['group_status_update/group-suspend__meta-docs-derived.json', ['group_status_update']],
  ['history/chat-history-two-threads-phase0__meta-docs.json', ['history']],
  ['history/media-message-contents__meta-docs.json', ['history']],
  ['history/sharing-declined-error-2593109__meta-docs.json', ['history']],
  ['message_template_components_update/dashboard-test-sample.json', ['message_template_components_update']],
  ['message_template_components_update/element__pywa.json', ['message_template_components_update']],
  ['message_template_components_update/example__meta-docs.json', ['message_template_components_update']],
  ['message_template_quality_update/dashboard-test-green-to-yellow.json', ['message_template_quality_update']],
  [
    'message_template_quality_update/example__meta-docs.json',
    [],
    {
      unknown: ['message_template_status_update:invalid_shape'],
      why: 'Meta docs bug kept verbatim (SOURCES.md): a quality update sent under field message_template_status_update, which has no `event`',
    },
  ],
  ['message_template_quality_update/yellow__pywa.json', ['message_template_quality_update']],
  ['message_template_status_update/approved__pywa.json', ['message_template_status_update']],
  ['message_template_status_update/dashboard-test-approved.json', ['message_template_status_update']],
  [
    'message_template_status_update/rejected-invalid-format-with-rejection-info__meta-docs.json',
    ['message_template_status_update'],
  ],
  ['message_template_status_update/rejected__pywa.json', ['message_template_status_update']],
  [
    'message_template_status_update/template-that-has-been-approved__meta-docs.json',
    ['message_template_status_update'],
  ],
  ['messages/batch-two-changes-one-entry__netflie.json', ['messages.text', 'messages.text']],
  ['messages/dashboard-test-text-legacy-entry-id-0.json', ['messages.text']],
  ['messages/dashboard-test-text-with-bsuid.json', ['messages.text']],
  ['messages/errors-value-level-130429__meta-docs.json', ['errors']],
  ['messages/issue-status-sent-legacy-user-initiated-2022.json', ['statuses.sent']],
  ['messages/legacy-deleted-message-as-unsupported__piusalfred.json', ['messages.unsupported']],
  ['messages/legacy-msg-type-unknown-131051__netflie.json', ['messages.unknown']],
  ['messages/msg-animated-sticker__pywa.json', ['messages.sticker']],
  ['messages/msg-audio-voice__meta-docs.json', ['messages.audio']],
  ['messages/msg-audio__pywa.json', ['messages.audio']],
  ['messages/msg-button-quick-reply-template__meta-docs.json', ['messages.button']],
  ['messages/msg-button-quick-reply-without-context__pywa.json', ['messages.button']],
  ['messages/msg-button-quick-reply__pywa.json', ['messages.button']],
  ['messages/msg-chosen-location__pywa.json', ['messages.location']],
  ['messages/msg-contacts__meta-docs.json', ['messages.contacts']],
  ['messages/msg-contacts__pywa.json', ['messages.contacts']],
  ['messages/msg-current-location__pywa.json', ['messages.location']],
  ['messages/msg-document__meta-docs.json', ['messages.document']],
  ['messages/msg-document__pywa.json', ['messages.document']],
  ['messages/msg-edit-image__pywa.json', ['messages.edit']],
  ['messages/msg-forwarded-many-times__pywa.json', ['messages.text']],
  ['messages/msg-forwarded__pywa.json', ['messages.text']],
  ['messages/msg-group-text__bsp-sample.json', ['messages.text']],
  ['messages/msg-image-with-url__meta-docs.json', ['messages.image']],
  ['messages/msg-image__pywa.json', ['messages.image']],
  ['messages/msg-interactive-button-reply__meta-docs.json', ['messages.interactive.button_reply']],
  ['messages/msg-interactive-button-reply__pywa.json', ['messages.interactive.button_reply']],
  ['messages/msg-interactive-call-permission-reply-accept__pywa.json', ['messages.interactive.call_permission_reply']],
  ['messages/msg-interactive-call-permission-reply-reject__pywa.json', ['messages.interactive.call_permission_reply']],
  ['messages/msg-interactive-list-reply-with-description__pywa.json', ['messages.interactive.list_reply']],
  ['messages/msg-interactive-list-reply__meta-docs.json', ['messages.interactive.list_reply']],
  ['messages/msg-interactive-list-reply__pywa.json', ['messages.interactive.list_reply']],
  [
    'messages/msg-interactive-message-with-err__pywa.json',
    ['errors'],
    {
      unknown: ['messages.interactive:invalid_shape'],
      why: 'an interactive message without its `interactive` object, which Meta itself flags with value-level error 131000 "Unsupported webhook payload": a known type whose shape does not fit',
    },
  ],
  ['messages/msg-interactive-nfm-reply-address-message__meta-docs-derived.json', ['messages.interactive.nfm_reply']],
  ['messages/msg-interactive-nfm-reply-without-flow-token__pywa.json', ['messages.interactive.nfm_reply']],
  ['messages/msg-interactive-nfm-reply__pywa.json', ['messages.interactive.nfm_reply']],
  ['messages/msg-location__meta-docs.json', ['messages.location']],
  ['messages/msg-media-with-url__pywa.json', ['messages.image']],
  ['messages/msg-order__meta-docs.json', ['messages.order']],
  ['messages/msg-order__pywa.json', ['messages.order']],
  ['messages/msg-reaction-removed__meta-docs.json', ['messages.reaction']],
  ['messages/msg-reaction__meta-docs.json', ['messages.reaction']],
  ['messages/msg-reaction__pywa.json', ['messages.reaction']],
  ['messages/msg-referral__pywa.json', ['messages.text']],
  ['messages/msg-reply__pywa.json', ['messages.text']],
  ['messages/msg-request-welcome__meta-docs-derived.json', ['messages.request_welcome']],
  ['messages/msg-revoke__pywa.json', ['messages.revoke']],
  ['messages/msg-static-sticker__pywa.json', ['messages.sticker']],
  ['messages/msg-sticker-animated__meta-docs.json', ['messages.sticker']],
  ['messages/msg-system-identity-change__pywa.json', ['messages.system.customer_identity_changed']],
  ['messages/msg-system-phone-number-change__pywa.json', ['messages.system.user_changed_number']],
  ['messages/msg-system-user-changed-number__meta-docs.json', ['messages.system.user_changed_number']],
  ['messages/msg-text-bsuid-username-no-phone__meta-docs.json', ['messages.text']],
  ['messages/msg-text-click-to-whatsapp-ad-referral__meta-docs.json', ['messages.text']],
  ['messages/msg-text-message-business-button-referred-product__meta-docs.json', ['messages.text']],
  ['messages/msg-text__meta-docs.json', ['messages.text']],
  ['messages/msg-text__pywa.json', ['messages.text']],
  ['messages/msg-unreaction-empty__pywa.json', ['messages.reaction']],
  ['messages/msg-unreaction-no-emoji__pywa.json', ['messages.reaction']],
  ['messages/msg-unsupported-edit-131051__meta-docs.json', ['messages.unsupported']],
  ['messages/msg-unsupported-with-type__pywa.json', ['messages.unsupported']],
  ['messages/msg-unsupported__pywa.json', ['messages.unsupported']],
  ['messages/msg-video__pywa.json', ['messages.video']],
  ['messages/msg-voice__pywa.json', ['messages.audio']],
  ['messages/real-msg-image-caption-bsuid-2026.json', ['messages.image']],
  ['messages/real-msg-text-2023.json', ['messages.text']],
  ['messages/real-msg-text-contact-without-profile-2025.json', ['messages.text']],
  ['messages/real-status-delivered-pmp-free-customer-service-2025.json', ['statuses.delivered']],
  ['messages/real-status-delivered-utility-cbp-2023.json', ['statuses.delivered']],
  ['messages/real-status-sent-pmp-free-customer-service-2025.json', ['statuses.sent']],
  ['messages/real-status-sent-service-cbp-2025.json', ['statuses.sent']],
  ['messages/real-status-sent-utility-cbp-2023.json', ['statuses.sent']],
  ['messages/status-delivered-bsuid-no-phone__meta-docs.json', ['statuses.delivered']],
  ['messages/status-delivered-bsuid-username-parent__meta-docs.json', ['statuses.delivered']],
  ['messages/status-delivered-service-cbp__meta-docs.json', ['statuses.delivered']],
  ['messages/status-delivered__pywa.json', ['statuses.delivered']],
  ['messages/status-failed-131049__meta-docs.json', ['statuses.failed']],
  ['messages/status-failed__pywa.json', ['statuses.failed']],
  [
    'messages/status-group-read-aggregated-two-participants__meta-docs-derived.json',
    ['statuses.read', 'statuses.read'],
  ],
  ['messages/status-group__pywa.json', ['statuses.read']],
  ['messages/status-played__pywa.json', ['statuses.played']],
  ['messages/status-read__pywa.json', ['statuses.read']],
  ['messages/status-sent-contacts-without-profile__issue-derived.json', ['statuses.sent']],
  ['messages/status-sent-marketing-pmp__meta-docs.json', ['statuses.sent']],
  ['messages/status-sent__pywa.json', ['statuses.sent']],
  ['messages/status-v24-no-conversation-no-pricing__meta-docs.json', ['statuses.sent']],
  ['messages/status-with-tracker__pywa.json', ['statuses.sent']],
  ['messaging_handovers/control-passed__derived.json', ['messaging_handovers']],
  ['partner_solutions/example__meta-docs.json', ['partner_solutions']],
  ['payment_configuration_update/example__meta-docs.json', ['payment_configuration_update']],
  ['phone_number_name_update/dashboard-test-approved.json', ['phone_number_name_update']],
  ['phone_number_name_update/example__meta-docs.json', ['phone_number_name_update']],
  ['phone_number_quality_update/dashboard-test-legacy-flagged.json', ['phone_number_quality_update']],
  ['phone_number_quality_update/dashboard-test-onboarding.json', ['phone_number_quality_update']],
  ['phone_number_quality_update/example__meta-docs.json', ['phone_number_quality_update']],
  ['security/dashboard-test-pin-changed.json', ['security']],
  ['security/example__meta-docs.json', ['security']],
  ['smb_app_state_sync/example__meta-docs.json', ['smb_app_state_sync']],
  ['smb_message_echoes/echo-delete__pywa.json', ['smb_message_echoes']],
  ['smb_message_echoes/echo-edit__pywa.json', ['smb_message_echoes']],
  ['smb_message_echoes/echo-text__pywa.json', ['smb_message_echoes']],
  ['smb_message_echoes/text__meta-docs.json', ['smb_message_echoes']],
  ['template_category_update/dashboard-test-legacy-shipping-update.json', ['template_category_update']],
  ['template_category_update/dashboard-test-with-appeal-status.json', ['template_category_update']],
  ['template_category_update/marketing__pywa.json', ['template_category_update']],
  [
    'template_category_update/template-that-has-been-recategorized-as-marketing__meta-docs.json',
    ['template_category_update'],
  ],
  [
    'template_category_update/template-that-will-be-recategorized-as-marketing-i__meta-docs.json',
    ['template_category_update'],
  ],
  ['template_correct_category_detection/sample__third-party.json', ['template_correct_category_detection']],
  ['user_id_update/bsuid-changed__meta-docs-derived.json', ['user_id_update']],
  ['user_preferences/example__meta-docs.json', ['user_preferences']],
  ['user_preferences/resume__pywa.json', ['user_preferences']],
  ['user_preferences/signup__pywa.json', ['user_preferences']],
];

const RAW_BODIES: readonly Row[] = [
  ['_raw-bodies/dashboard-test-text-legacy.raw.json', ['messages.text']],
  ['_raw-bodies/messages-image-caption-unicode-escaped.raw.json', ['messages.image']],
];

type AnyEvent = KnownWebhookEvent | UnknownEvent;

interface Run {
  readonly status: number;
  readonly events: AnyEvent[];
  readonly unknown: UnknownEvent[];
}

/** Signs the bytes, runs them through `handle()`, and records what `onAny` and `onUnknown` saw. */
async function run(body: string | Uint8Array): Promise<Run> {
  const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, dedupe: false });
  const events: AnyEvent[] = [];
  const unknown: UnknownEvent[] = [];
  webhooks.onAny((event) => void events.push(event));
  webhooks.onUnknown((event) => void unknown.push(event));
  const request =
    typeof body === 'string'
      ? signedPost(body)
      : fakeRequest({ body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) } });
  const response = await webhooks.handle(request);
  return { status: response.status, events, unknown };
}

interface Placed {
  readonly field: string;
  readonly entryId: string;
  readonly item: unknown;
}

type Envelope = {
  entry: Array<{ id: string | number; changes: Array<{ field: string; value: Record<string, unknown[]> }> }>;
};

/** The items of a notification in the documented fan-out order: entry × change × (messages, statuses, errors) or the change value. */
function itemsOf(body: Envelope): Placed[] {
  const items: Placed[] = [];
  for (const entry of body.entry) {
    for (const change of entry.changes) {
      const place = (item: unknown) => items.push({ field: change.field, entryId: String(entry.id), item });
      if (change.field !== 'messages') {
        place(change.value);
        continue;
      }
      for (const key of ['messages', 'statuses', 'errors']) for (const item of change.value[key] ?? []) place(item);
    }
  }
  return items;
}

/** What a handler receives as the item of an event. */
function payloadOf(event: AnyEvent): unknown {
  switch (event.kind) {
    case 'message':
      return event.message;
    case 'status':
      return event.status;
    case 'error':
      return event.error;
    default:
      // The change value for a change; what did not fit for an unknown event.
      return event.raw;
  }
}

/** Checks a run against its table row, and that each event carries its item exactly as in `body`. */
function expectRow(result: Run, row: Row, body: Envelope): void {
  const [, known, misfit] = row;
  expect(result.status).toBe(200);
  expect(result.events.filter((event) => event.kind !== 'unknown').map((event) => event.name)).toEqual(known);
  expect(result.unknown.map((event) => `${event.name}:${event.reason}`)).toEqual(misfit?.unknown ?? []);
  const items = itemsOf(body);
  expect(result.events).toHaveLength(items.length);
  result.events.forEach((event, index) => {
    const placed = items[index]!;
    expect(event.field).toBe(placed.field);
    expect(event.entryId).toBe(placed.entryId);
    // Deep equality with the fixture's own item: no key dropped, none added, nothing converted.
    expect(payloadOf(event)).toEqual(placed.item);
  });
}

/** Adds an unknown key to every object of the notification, at every depth. */
function withDrift(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withDrift);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = { x_added_by_meta: { later: true } };
  for (const [key, inner] of Object.entries(value)) copy[key] = withDrift(inner);
  return copy;
}

const read = (fixture: string) => readFileSync(join(FIXTURES, fixture));
const cases = (rows: readonly Row[]) => rows.map((row) => ({ fixture: row[0], row }));

describe('payload corpus', () => {
  it('has one table row per fixture, and 188 fixtures', () => {
    expect(CORPUS.map(([fixture]) => fixture).sort()).toEqual(allFixtures());
    expect(CORPUS).toHaveLength(188);
  });

  it('covers every field the schemas know', async () => {
    const { fieldSchemas } = await import('../src/schemas/fields');
    const fields = new Set(CORPUS.map(([fixture]) => fixture.split('/')[0]));
    expect([...fields].sort()).toEqual(['messages', ...Object.keys(fieldSchemas)].sort());
  });

  it.each(cases(CORPUS))('$fixture', async ({ row }) => {
    const text = read(row[0]).toString('utf8');
    expectRow(await run(text), row, JSON.parse(text) as Envelope);
  });

  it.each(cases(RAW_BODIES))('raw wire body $fixture (unicode-escaped, signed as received)', async ({ row }) => {
    const bytes = new Uint8Array(read(row[0]));
    expectRow(await run(bytes), row, JSON.parse(new TextDecoder().decode(bytes)) as Envelope);
  });

  it('produces 189 known events and 2 unknown ones over the whole corpus, as the table says', async () => {
    let known = 0;
    let unknown = 0;
    for (const [fixture] of CORPUS) {
      const result = await run(read(fixture).toString('utf8'));
      known += result.events.length - result.unknown.length;
      unknown += result.unknown.length;
    }
    expect({ known, unknown }).toEqual({ known: 189, unknown: 2 });
    expect(CORPUS.reduce((sum, [, events]) => sum + events.length, 0)).toBe(known);
    expect(CORPUS.filter(([, , misfit]) => misfit !== undefined).map(([fixture]) => fixture)).toEqual([
      'message_template_quality_update/example__meta-docs.json',
      'messages/msg-interactive-message-with-err__pywa.json',
    ]);
  });
});

describe('payload corpus with an unknown key added to every object', () => {
  it.each(cases(CORPUS))('$fixture', async ({ row }) => {
    const body = withDrift(JSON.parse(read(row[0]).toString('utf8'))) as Envelope;
    const result = await run(JSON.stringify(body));
    expectRow(result, row, body);
    for (const event of result.events) expect(payloadOf(event)).toHaveProperty('x_added_by_meta', { later: true });
  });
});

describe('what handlers get from real-world shapes', () => {
  /** The known events of one fixture. */
  async function eventsOf(fixture: string): Promise<KnownWebhookEvent[]> {
    const result = await run(read(fixture).toString('utf8'));
    expect(result.unknown).toEqual([]);
    return result.events as KnownWebhookEvent[];
  }

  it('a contact without `profile`: the contact is there, the sender name is not', async () => {
    const [event] = await eventsOf('messages/real-msg-text-contact-without-profile-2025.json');
    expect(event).toMatchObject({ kind: 'message', senderName: undefined });
    expect(event!.kind === 'message' && event!.contact).toEqual({ wa_id: expect.any(String) });
    expect(event!.kind === 'message' && event!.sender).toBe(
      event!.kind === 'message' && (event!.message as { from: string }).from,
    );
  });

  it('a username adopter without phone number: the sender is the BSUID, with username and parent BSUID', async () => {
    const [event] = await eventsOf('messages/msg-text-bsuid-username-no-phone__meta-docs.json');
    expect(event).toMatchObject({
      sender: 'US.13491208655302741918',
      senderName: 'Sheena Nelson',
      contact: { profile: { username: '@realsheenanelson' }, parent_user_id: 'US.ENT.11815799212886844830' },
      message: { from_parent_user_id: 'US.ENT.11815799212886844830' },
    });
  });

  it('a group message carries its group_id; aggregated group statuses are one event per participant', async () => {
    const [message] = await eventsOf('messages/msg-group-text__bsp-sample.json');
    expect(message).toMatchObject({ name: 'messages.text', message: { group_id: expect.any(String) } });
    const statuses = await eventsOf('messages/status-group-read-aggregated-two-participants__meta-docs-derived.json');
    expect(statuses.map((event) => event.kind === 'status' && event.status.recipient_participant_id)).toEqual([
      '16505551234',
      '16505557890',
    ]);
  });

  it('pricing: CBP with conversation, PMP without, and none at all from v24', async () => {
    const [cbp] = await eventsOf('messages/real-status-sent-utility-cbp-2023.json');
    const [pmp] = await eventsOf('messages/real-status-sent-pmp-free-customer-service-2025.json');
    const [v24] = await eventsOf('messages/status-v24-no-conversation-no-pricing__meta-docs.json');
    expect(cbp).toMatchObject({
      status: { pricing: { pricing_model: 'CBP' }, conversation: { origin: { type: 'utility' } } },
    });
    expect(pmp).toMatchObject({ status: { pricing: { pricing_model: 'PMP', type: 'free_customer_service' } } });
    expect(pmp!.kind === 'status' && pmp!.status.conversation).toBeUndefined();
    expect(v24!.kind === 'status' && [v24!.status.conversation, v24!.status.pricing]).toEqual([undefined, undefined]);
  });

  it('a status with a contact that has no profile (2026)', async () => {
    const [event] = await eventsOf('messages/status-sent-contacts-without-profile__issue-derived.json');
    expect(event!.kind === 'status' && event!.contact).toBeDefined();
    expect(event!.kind === 'status' && event!.contact?.profile).toBeUndefined();
  });

  it('context: reply, forwarded, product inquiry; and the ad referral', async () => {
    const [reply] = await eventsOf('messages/msg-reply__pywa.json');
    const [forwarded] = await eventsOf('messages/msg-forwarded-many-times__pywa.json');
    const [product] = await eventsOf('messages/msg-text-message-business-button-referred-product__meta-docs.json');
    const [ad] = await eventsOf('messages/msg-text-click-to-whatsapp-ad-referral__meta-docs.json');
    expect(reply).toMatchObject({ message: { context: { id: expect.any(String) } } });
    expect(forwarded).toMatchObject({ message: { context: { frequently_forwarded: true } } });
    expect(product).toMatchObject({ message: { context: { referred_product: { catalog_id: expect.any(String) } } } });
    expect(ad).toMatchObject({ message: { referral: { source_type: 'ad', ctwa_clid: expect.any(String) } } });
  });

  it('edits and deletions: the new content is typed, the original id is kept', async () => {
    const [edit] = await eventsOf('messages/msg-edit-image__pywa.json');
    const [revoke] = await eventsOf('messages/msg-revoke__pywa.json');
    expect(edit).toMatchObject({
      name: 'messages.edit',
      message: { edit: { message: { type: 'image', image: { caption: 'Updated image caption' } } } },
    });
    expect(revoke).toMatchObject({
      name: 'messages.revoke',
      message: { revoke: { original_message_id: expect.any(String) } },
    });
  });

  it('a Dashboard test notification: entry id "0" and no entry time', async () => {
    const [event] = await eventsOf('messages/dashboard-test-text-legacy-entry-id-0.json');
    expect(event).toMatchObject({ entryId: '0', entryTime: undefined, name: 'messages.text' });
  });

  it('history and echoes: whole messages of any type, typed by their content', async () => {
    const [history] = await eventsOf('history/chat-history-two-threads-phase0__meta-docs.json');
    const [echo] = await eventsOf('smb_message_echoes/echo-edit__pywa.json');
    const chunk = history!.name === 'history' ? history!.value.history?.[0] : undefined;
    expect(chunk?.metadata?.phase).toBe(0);
    expect(chunk?.threads?.[0]?.messages[0]).toMatchObject({
      type: 'text',
      text: { body: expect.any(String) },
      history_context: { status: 'READ' },
    });
    expect(echo).toMatchObject({
      name: 'smb_message_echoes',
      value: { message_echoes: [{ to: expect.any(String), edit: { message: { text: { body: 'Text was edited' } } } }] },
    });
  });
});
