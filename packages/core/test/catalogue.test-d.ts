/**
 * Type tests of the catalogue: the full list of event names, and for every message type and every field
 * what its handler receives.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  createWebhooks,
  type AccountAlerts,
  type ChangeEvent,
  type Contact,
  type MessageEvent,
  type StatusEvent,
  type WebhookEvent,
  type WebhookEventName,
  type WhatsAppError,
} from '../src/index';
import { parseResponseJson } from '../src/schemas/index';

const webhooks = createWebhooks({ appSecret: 's', verifyToken: 't' });

describe('event names', () => {
  it('are exactly the names of the catalogue', () => {
    expectTypeOf<WebhookEventName>().toEqualTypeOf<
      | 'messages'
      | 'messages.text'
      | 'messages.image'
      | 'messages.video'
      | 'messages.audio'
      | 'messages.document'
      | 'messages.sticker'
      | 'messages.location'
      | 'messages.contacts'
      | 'messages.button'
      | 'messages.reaction'
      | 'messages.order'
      | 'messages.unsupported'
      | 'messages.unknown'
      | 'messages.request_welcome'
      | 'messages.revoke'
      | 'messages.edit'
      | 'messages.interactive'
      | 'messages.interactive.button_reply'
      | 'messages.interactive.list_reply'
      | 'messages.interactive.nfm_reply'
      | 'messages.interactive.call_permission_reply'
      | 'messages.system'
      | 'messages.system.user_changed_number'
      | 'messages.system.user_changed_user_id'
      | 'messages.system.customer_changed_number'
      | 'messages.system.customer_identity_changed'
      | 'statuses'
      | 'statuses.sent'
      | 'statuses.delivered'
      | 'statuses.read'
      | 'statuses.failed'
      | 'statuses.played'
      | 'errors'
      | 'account_alerts'
      | 'account_review_update'
      | 'account_update'
      | 'business_capability_update'
      | 'message_template_quality_update'
      | 'message_template_status_update'
      | 'phone_number_name_update'
      | 'phone_number_quality_update'
      | 'security'
      | 'template_category_update'
      | 'automatic_events'
      | 'business_username_update'
      | 'calls'
      | 'flows'
      | 'group_lifecycle_update'
      | 'group_participants_update'
      | 'group_settings_update'
      | 'group_status_update'
      | 'history'
      | 'message_template_components_update'
      | 'partner_solutions'
      | 'payment_configuration_update'
      | 'smb_app_state_sync'
      | 'smb_message_echoes'
      | 'user_id_update'
      | 'user_preferences'
      | 'account_settings_update'
      | 'messaging_handovers'
      | 'template_correct_category_detection'
    >();
  });

  it('rejects unknown names at compile time, alone or in an array', () => {
    // @ts-expect-error: a typo of a field name
    webhooks.on('account_alert', () => undefined);
    // @ts-expect-error: a message type Meta has not documented
    webhooks.on('messages.poll', () => undefined);
    // @ts-expect-error: statuses of calls arrive inside the `calls` field, not as `statuses.*`
    webhooks.on('statuses.ringing', () => undefined);
    // @ts-expect-error: one bad name in an array is enough
    webhooks.on(['calls', 'flow'], () => undefined);
    expectTypeOf<'group_update'>().not.toExtend<WebhookEventName>();
  });
});

describe('message types', () => {
  it('media, text, location and contacts', () => {
    webhooks.on('messages.text', (event) => {
      expectTypeOf(event).toExtend<MessageEvent>();
      expectTypeOf(event.message.text.body).toEqualTypeOf<string>();
      expectTypeOf(event.message.from).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.message.from_user_id).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.message.group_id).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.message.timestamp).toEqualTypeOf<string | number>();
      expectTypeOf(event.message.context?.referred_product?.product_retailer_id).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.message.referral?.ctwa_clid).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.contact).toEqualTypeOf<Contact | undefined>();
      expectTypeOf(event.senderName).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('messages.image', (event) => {
      expectTypeOf(event.message.image.id).toEqualTypeOf<string>();
      expectTypeOf(event.message.image.caption).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.message.image.url).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('messages.video', (event) =>
      expectTypeOf(event.message.video.mime_type).toEqualTypeOf<string | undefined>(),
    );
    webhooks.on('messages.audio', (event) =>
      expectTypeOf(event.message.audio.voice).toEqualTypeOf<boolean | undefined>(),
    );
    webhooks.on('messages.document', (event) =>
      expectTypeOf(event.message.document.filename).toEqualTypeOf<string | undefined>(),
    );
    webhooks.on('messages.sticker', (event) =>
      expectTypeOf(event.message.sticker.animated).toEqualTypeOf<boolean | undefined>(),
    );
    webhooks.on('messages.location', (event) => {
      expectTypeOf(event.message.location.latitude).toEqualTypeOf<number>();
      expectTypeOf(event.message.location.name).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('messages.contacts', (event) => {
      expectTypeOf(event.message.contacts[0]!.name.formatted_name).toEqualTypeOf<string | undefined>();
      expectTypeOf<'contact_request'>().toExtend<NonNullable<(typeof event.message.contacts)[0]['origin']>>();
    });
  });

  it('buttons, reactions, orders', () => {
    webhooks.on('messages.button', (event) => {
      expectTypeOf(event.message.button.text).toEqualTypeOf<string>();
      expectTypeOf(event.message.button.payload).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('messages.reaction', (event) => {
      expectTypeOf(event.message.reaction.message_id).toEqualTypeOf<string>();
      expectTypeOf(event.message.reaction.emoji).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('messages.order', (event) => {
      expectTypeOf(event.message.order.catalog_id).toEqualTypeOf<string>();
      expectTypeOf(event.message.order.product_items[0]!.item_price).toEqualTypeOf<number | string>();
    });
  });

  it('interactive sub-types', () => {
    webhooks.on('messages.interactive.button_reply', (event) =>
      expectTypeOf(event.message.interactive.button_reply.title).toEqualTypeOf<string>(),
    );
    webhooks.on('messages.interactive.list_reply', (event) => {
      expectTypeOf(event.message.interactive.list_reply.description).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('messages.interactive.nfm_reply', (event) => {
      expectTypeOf(event.message.interactive.nfm_reply.response_json).toEqualTypeOf<string>();
      expectTypeOf(parseResponseJson(event.message)).toEqualTypeOf<Record<string, unknown> | undefined>();
    });
    webhooks.on('messages.interactive.call_permission_reply', (event) => {
      expectTypeOf<'accept'>().toExtend<typeof event.message.interactive.call_permission_reply.response>();
    });
  });

  it('system sub-types', () => {
    webhooks.on('messages.system.user_changed_number', (event) => {
      expectTypeOf(event.message.system.type).toEqualTypeOf<'user_changed_number'>();
      expectTypeOf(event.message.system.wa_id).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('messages.system.user_changed_user_id', (event) =>
      expectTypeOf(event.message.system.user_id).toEqualTypeOf<string | undefined>(),
    );
    webhooks.on('messages.system.customer_changed_number', (event) =>
      expectTypeOf(event.message.system.new_wa_id).toEqualTypeOf<string | undefined>(),
    );
    webhooks.on('messages.system.customer_identity_changed', (event) => {
      expectTypeOf(event.message.identity?.hash).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('messages.system', (event) => {
      expectTypeOf(event.message.system.type).toEqualTypeOf<
        'user_changed_number' | 'user_changed_user_id' | 'customer_changed_number' | 'customer_identity_changed'
      >();
    });
  });

  it('unsupported, legacy unknown, welcome, revoke and edit', () => {
    webhooks.on('messages.unsupported', (event) => {
      expectTypeOf<'poll_creation'>().toExtend<NonNullable<NonNullable<typeof event.message.unsupported>['type']>>();
      expectTypeOf(event.message.errors).toEqualTypeOf<WhatsAppError[] | undefined>();
    });
    webhooks.on('messages.unknown', (event) => expectTypeOf(event.message.type).toEqualTypeOf<'unknown'>());
    webhooks.on('messages.request_welcome', (event) =>
      expectTypeOf(event.message.type).toEqualTypeOf<'request_welcome'>(),
    );
    webhooks.on('messages.revoke', (event) =>
      expectTypeOf(event.message.revoke.original_message_id).toEqualTypeOf<string>(),
    );
    webhooks.on('messages.edit', (event) => {
      expectTypeOf(event.message.edit.original_message_id).toEqualTypeOf<string>();
      expectTypeOf(event.message.edit.message.type).toEqualTypeOf<string>();
      expectTypeOf(event.message.edit.message.image?.caption).toEqualTypeOf<string | undefined>();
    });
  });

  it('the parent name is a union discriminated by `name` and by `message.type`', () => {
    webhooks.on('messages', (event) => {
      expectTypeOf<
        'messages.interactive.nfm_reply' | 'messages.system.user_changed_user_id' | 'messages.edit'
      >().toExtend<typeof event.name>();
      expectTypeOf<'messages.interactive' | 'statuses.read' | 'calls'>().not.toExtend<typeof event.name>();
      if (event.message.type === 'reaction')
        expectTypeOf(event.message.reaction.emoji).toEqualTypeOf<string | undefined>();
    });
  });
});

describe('statuses and errors', () => {
  it('each status name narrows `status.status`; `statuses` keeps it open', () => {
    webhooks.on('statuses.failed', (event) => {
      expectTypeOf(event).toExtend<StatusEvent>();
      expectTypeOf(event.status.status).toEqualTypeOf<'failed'>();
      expectTypeOf(event.status.errors).toEqualTypeOf<WhatsAppError[] | undefined>();
    });
    webhooks.on('statuses.sent', (event) => {
      expectTypeOf<'PMP'>().toExtend<NonNullable<NonNullable<typeof event.status.pricing>['pricing_model']>>();
      expectTypeOf(event.status.conversation?.id).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.status.recipient_id).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.status.recipient_user_id).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('statuses.delivered', (event) => expectTypeOf(event.status.status).toEqualTypeOf<'delivered'>());
    webhooks.on('statuses.read', (event) =>
      expectTypeOf(event.status.recipient_participant_id).toEqualTypeOf<string | undefined>(),
    );
    webhooks.on('statuses.played', (event) => expectTypeOf(event.status.status).toEqualTypeOf<'played'>());
    webhooks.on('errors', (event) => {
      expectTypeOf(event.error).toEqualTypeOf<WhatsAppError>();
      expectTypeOf(event.error.code).toEqualTypeOf<number | string>();
    });
  });
});

describe('fields of the setup guide', () => {
  it('receive a change event with the typed value', () => {
    webhooks.on('account_alerts', (event) => {
      expectTypeOf(event).toEqualTypeOf<ChangeEvent<'account_alerts', AccountAlerts>>();
      expectTypeOf(event.value.entity_id).toEqualTypeOf<string | number>();
      expectTypeOf(event.value.alert_info?.alert_type ?? event.value.alert_type).toExtend<string | undefined>();
      expectTypeOf<'OBA_APPROVED'>().toExtend<NonNullable<typeof event.value.alert_type>>();
    });
    webhooks.on('account_review_update', (event) => expectTypeOf<'APPROVED'>().toExtend<typeof event.value.decision>());
    webhooks.on('account_update', (event) => {
      expectTypeOf<'PARTNER_ADDED'>().toExtend<typeof event.value.event>();
      expectTypeOf(event.value.waba_info?.solution_partner_business_ids).toEqualTypeOf<
        Array<string | number> | undefined
      >();
      expectTypeOf(event.value.ban_info?.waba_ban_date).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('business_capability_update', (event) => {
      expectTypeOf<number>().toExtend<NonNullable<typeof event.value.max_daily_conversations_per_business>>();
      expectTypeOf<'TIER_2K'>().toExtend<NonNullable<typeof event.value.max_daily_conversations_per_business>>();
    });
    webhooks.on('message_template_quality_update', (event) => {
      expectTypeOf<'YELLOW'>().toExtend<typeof event.value.new_quality_score>();
      expectTypeOf(event.value.message_template_id).toEqualTypeOf<string | number>();
    });
    webhooks.on('message_template_status_update', (event) => {
      expectTypeOf<'REJECTED'>().toExtend<typeof event.value.event>();
      expectTypeOf<null>().toExtend<typeof event.value.reason>();
      expectTypeOf(event.value.rejection_info?.recommendation).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('phone_number_name_update', (event) =>
      expectTypeOf(event.value.requested_verified_name).toEqualTypeOf<string | undefined>(),
    );
    webhooks.on('phone_number_quality_update', (event) => {
      expectTypeOf<'THROUGHPUT_UPGRADE'>().toExtend<typeof event.value.event>();
      expectTypeOf<'TIER_UNLIMITED'>().toExtend<NonNullable<typeof event.value.current_limit>>();
    });
    webhooks.on('security', (event) => expectTypeOf<'PIN_CHANGED'>().toExtend<typeof event.value.event>());
    webhooks.on('template_category_update', (event) => {
      expectTypeOf<'MARKETING'>().toExtend<typeof event.value.new_category>();
      expectTypeOf(event.value.category_update_timestamp).toEqualTypeOf<string | number | undefined>();
    });
  });

  it('carry the common keys of every event', () => {
    webhooks.on('security', (event) => {
      expectTypeOf(event.kind).toEqualTypeOf<'change'>();
      expectTypeOf(event.name).toEqualTypeOf<'security'>();
      expectTypeOf(event.field).toEqualTypeOf<'security'>();
      expectTypeOf(event.entryId).toEqualTypeOf<string>();
      expectTypeOf(event.entryTime).toEqualTypeOf<number | undefined>();
    });
  });
});

describe('other fields', () => {
  it('messages-like fields', () => {
    webhooks.on('calls', (event) => {
      expectTypeOf(event.value.metadata.phone_number_id).toEqualTypeOf<string>();
      const call = event.value.calls?.[0];
      expectTypeOf<'connect'>().toExtend<NonNullable<typeof call>['event']>();
      expectTypeOf(call?.session?.sdp).toEqualTypeOf<string | undefined>();
      expectTypeOf<'RINGING'>().toExtend<NonNullable<typeof event.value.statuses>[0]['status']>();
    });
    webhooks.on('history', (event) => {
      const message = event.value.history?.[0]?.threads?.[0]?.messages[0];
      expectTypeOf(message?.text?.body).toEqualTypeOf<string | undefined>();
      expectTypeOf<'PLAYED'>().toExtend<NonNullable<NonNullable<typeof message>['history_context']>['status']>();
      expectTypeOf(event.value.messages?.[0]?.image?.id).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('smb_message_echoes', (event) => {
      const echo = event.value.message_echoes[0]!;
      expectTypeOf(echo.to).toEqualTypeOf<string | undefined>();
      expectTypeOf(echo.revoke?.original_message_id).toEqualTypeOf<string | undefined>();
      expectTypeOf(echo.edit?.message.text?.body).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('smb_app_state_sync', (event) => {
      expectTypeOf(event.value.state_sync[0]!.contact?.phone_number).toEqualTypeOf<string | undefined>();
      expectTypeOf<'remove'>().toExtend<(typeof event.value.state_sync)[0]['action']>();
    });
    webhooks.on('user_preferences', (event) => {
      expectTypeOf<'stop'>().toExtend<(typeof event.value.user_preferences)[0]['value']>();
      expectTypeOf(event.value.user_preferences[0]!.timestamp).toEqualTypeOf<string | number>();
    });
    webhooks.on('user_id_update', (event) =>
      expectTypeOf(event.value.user_id_update[0]!.user_id.current).toEqualTypeOf<string>(),
    );
    webhooks.on('automatic_events', (event) => {
      expectTypeOf<'Purchase'>().toExtend<(typeof event.value.automatic_events)[0]['event_name']>();
      expectTypeOf(event.value.automatic_events[0]!.custom_data?.value).toEqualTypeOf<number | undefined>();
    });
  });

  it('group fields', () => {
    webhooks.on('group_lifecycle_update', (event) => {
      expectTypeOf<'group_create'>().toExtend<(typeof event.value.groups)[0]['type']>();
      expectTypeOf(event.value.groups[0]!.group_id).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.value.groups[0]!.errors).toEqualTypeOf<WhatsAppError[] | undefined>();
    });
    webhooks.on('group_participants_update', (event) => {
      expectTypeOf(event.value.groups[0]!.added_participants?.[0]?.wa_id).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('group_settings_update', (event) => {
      expectTypeOf(event.value.groups[0]!.group_subject?.update_successful).toEqualTypeOf<boolean | undefined>();
    });
    webhooks.on('group_status_update', (event) => {
      expectTypeOf<'group_suspend_cleared'>().toExtend<(typeof event.value.groups)[0]['type']>();
    });
  });

  it('management fields', () => {
    webhooks.on('business_username_update', (event) =>
      expectTypeOf<'reserved'>().toExtend<typeof event.value.status>(),
    );
    webhooks.on('flows', (event) => {
      expectTypeOf<'ENDPOINT_LATENCY'>().toExtend<typeof event.value.event>();
      expectTypeOf(event.value.p90_latency).toEqualTypeOf<number | undefined>();
      expectTypeOf<'PUBLISHED'>().toExtend<NonNullable<typeof event.value.new_status>>();
    });
    webhooks.on('message_template_components_update', (event) => {
      expectTypeOf(event.value.message_template_element).toEqualTypeOf<string>();
      expectTypeOf<'QUICK_REPLY'>().toExtend<
        NonNullable<typeof event.value.message_template_buttons>[0]['message_template_button_type']
      >();
    });
    webhooks.on('partner_solutions', (event) =>
      expectTypeOf<'SOLUTION_CREATED'>().toExtend<typeof event.value.event>(),
    );
    webhooks.on('payment_configuration_update', (event) =>
      expectTypeOf<'Needs Testing'>().toExtend<typeof event.value.status>(),
    );
  });

  it('fields known only from third parties', () => {
    webhooks.on('account_settings_update', (event) => {
      expectTypeOf(event.value.phone_number_settings?.calling?.sip?.servers?.[0]?.port).toEqualTypeOf<
        number | undefined
      >();
    });
    webhooks.on('messaging_handovers', (event) => {
      expectTypeOf<'control_taken'>().toExtend<typeof event.value.type>();
      expectTypeOf(event.value.control_passed?.conversation_context?.summary?.text).toEqualTypeOf<string | undefined>();
    });
    webhooks.on('template_correct_category_detection', (event) => {
      expectTypeOf<'UTILITY'>().toExtend<NonNullable<typeof event.value.correct_category>>();
    });
  });

  it('WebhookEvent<Name> is the handler argument', () => {
    expectTypeOf<WebhookEvent<'calls'>['value']['calls']>().not.toBeAny();
    expectTypeOf<WebhookEvent<'flows'>>().toExtend<ChangeEvent<'flows'>>();
  });
});
