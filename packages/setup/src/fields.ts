/**
 * Webhook fields and callback overrides. Source: Meta's WhatsApp page "Webhook overrides" (updated
 * Jun 28, 2026): "The override applies only to the following webhook field types. For field types not
 * listed here, Meta always sends webhooks to your app's default callback URL." Template fields
 * (`message_template_status_update`, `message_template_quality_update`,
 * `message_template_components_update`, `template_category_update`) and account-level fields
 * (`account_update`, `account_review_update`, `account_alerts`) are named there as never overridden.
 */

/** The fields an override on a WABA or a phone number carries (every other field goes to the app's callback URL). */
export const OVERRIDABLE_FIELDS: readonly string[] = [
  'messages',
  'message_echoes',
  'calls',
  'consumer_profile',
  'messaging_handovers',
  'standby',
  'group_lifecycle_update',
  'group_participants_update',
  'group_settings_update',
  'group_status_update',
  'smb_message_echoes',
  'smb_app_state_sync',
  'history',
  'account_settings_update',
];

const overridable = new Set(OVERRIDABLE_FIELDS);

/** Whether Meta sends `field` to a WABA or phone-number override (else always to the app's callback URL). */
export function isOverridableField(field: string): boolean {
  return overridable.has(field);
}

// The object type of WhatsApp Business Account webhooks in `/{app-id}/subscriptions` is core's
// `WHATSAPP_OBJECT`: one home for each shared term (re-exported from this package's index).
export { WHATSAPP_OBJECT } from '@wa-webhooks/core/schemas';

/** The fields `setupWebhooks` subscribes a new app to when none are given. */
export const DEFAULT_FIELDS: readonly string[] = ['messages'];

/** Whether Meta would call `url` as it is: https, or (only in tests and local stand-ins) loopback. */
export function isHttps(url: string): boolean {
  return url.startsWith('https://');
}
