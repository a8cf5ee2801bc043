/**
 * `@wa-webhooks/setup`: set up WhatsApp Business Platform webhooks from code instead of the App
 * Dashboard. A typed client for the Graph API's webhook-management endpoints (app subscriptions, WABA
 * subscriptions, WABA and phone-number callback overrides), an idempotent `setupWebhooks()` that
 * applies only what differs, and `readWebhookStatus()` that shows where notifications go and warns
 * about the traps. The `wa-webhooks setup` and `wa-webhooks status` commands are built on it.
 *
 * @module
 */
export { createGraphClient, appAccessToken, DEFAULT_GRAPH_API_VERSION, DEFAULT_GRAPH_URL } from './graph-client';
export type { GraphClient, GraphClientOptions } from './graph-client';
export { planSetup, applySetup, setupWebhooks } from './setup';
export type { SetupOptions, SetupPlan, SetupChange, SetupStep } from './setup';
export { readWebhookStatus } from './status';
export type { StatusOptions, WebhookStatus, WabaStatus, PhoneNumberStatus, CallbackCheck } from './status';
export { routingWarnings } from './warnings';
export type { WebhookWarning, WarningCode, Destination } from './warnings';
export { OVERRIDABLE_FIELDS, DEFAULT_FIELDS, WHATSAPP_OBJECT, isOverridableField } from './fields';
export {
  appSubscriptionSchema,
  appSubscriptionsResponseSchema,
  subscribedAppSchema,
  subscribedAppsResponseSchema,
  webhookConfigurationSchema,
  phoneNumberWebhookResponseSchema,
  graphErrorResponseSchema,
  successResponseSchema,
} from './schemas';
export type { AppSubscription, SubscribedApp, WebhookConfiguration } from './schemas';
export { GraphApiError, SetupError, isGraphApiError } from './errors';
export { createRedactor, REDACTED } from './redact';
export type { SetupErrorCode, GraphErrorFields, GraphEndpointKind } from './errors';
export { createEncryptionClient, businessEncryptionResponseSchema } from './encryption';
export type { EncryptionClient, BusinessPublicKey } from './encryption';
