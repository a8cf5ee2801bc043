/**
 * zod schemas of the Graph API answers this package reads, and their types. Loose objects: Meta adds
 * keys without notice, and an unknown key must never break setup.
 */
import { z } from 'zod';

/**
 * `{"error":{…}}`, as documented in the Graph API guide "Handling Errors".
 */
export const graphErrorResponseSchema = z.looseObject({
  error: z.looseObject({
    message: z.string(),
    type: z.string().optional(),
    code: z.number(),
    error_subcode: z.number().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

/** `{"success": true}`. The "Subscriptions Edge" guide shows `"true"` as a string, so both are accepted. */
export const successResponseSchema = z.looseObject({ success: z.union([z.boolean(), z.literal('true')]) });

/**
 * One entry of `GET /{app-id}/subscriptions` (Graph API reference "/{app-id}/subscriptions":
 * `object`, `callback_url`, `active`, `fields[]` of `{name, version}`).
 */
export const appSubscriptionSchema = z.looseObject({
  object: z.string(),
  callback_url: z.string(),
  active: z.boolean(),
  fields: z.array(z.looseObject({ name: z.string(), version: z.string().optional() })),
});
/** An app's webhook subscription for one object type. */
export type AppSubscription = z.infer<typeof appSubscriptionSchema>;

/** `GET /{app-id}/subscriptions`. */
export const appSubscriptionsResponseSchema = z.looseObject({ data: z.array(appSubscriptionSchema) });

/**
 * One entry of `GET /{waba-id}/subscribed_apps` ("Webhook overrides": `whatsapp_business_api_data`
 * `{id, name, link}`, plus `override_callback_uri` only when the WABA has an alternate callback).
 */
export const subscribedAppSchema = z.looseObject({
  whatsapp_business_api_data: z.looseObject({
    id: z.string(),
    name: z.string().optional(),
    link: z.string().optional(),
  }),
  override_callback_uri: z.string().optional(),
});
/** An app subscribed to a WABA's webhooks. */
export type SubscribedApp = z.infer<typeof subscribedAppSchema>;

/** `GET /{waba-id}/subscribed_apps`. */
export const subscribedAppsResponseSchema = z.looseObject({ data: z.array(subscribedAppSchema) });

/**
 * `webhook_configuration` of `GET /{phone-number-id}?fields=webhook_configuration` ("Webhook overrides":
 * the callback URL of each level, each key only when set: `phone_number`, `whatsapp_business_account`,
 * `application`).
 */
export const webhookConfigurationSchema = z.looseObject({
  phone_number: z.string().optional(),
  whatsapp_business_account: z.string().optional(),
  application: z.string().optional(),
});
/** Where a phone number's webhooks go, per level. */
export type WebhookConfiguration = z.infer<typeof webhookConfigurationSchema>;

/** `GET /{phone-number-id}?fields=webhook_configuration`. */
export const phoneNumberWebhookResponseSchema = z.looseObject({
  id: z.string(),
  webhook_configuration: webhookConfigurationSchema.optional(),
});
