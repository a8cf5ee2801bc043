/** `payment_configuration_update`: a payment configuration changed (PAYLOADS.md section 4). */
import { z } from 'zod';
import { openEnum, timestampSchema } from './shared';

/** `payment_configuration_update` change value. */
export const paymentConfigurationUpdateSchema = z.looseObject({
  configuration_name: z.string(),
  provider_name: openEnum(['billdesk', 'payu', 'razorpay', 'zaakpay']),
  /** Merchant id at the provider. */
  provider_mid: z.string(),
  status: openEnum(['Active', 'Needs Connecting', 'Needs Testing']),
  created_timestamp: timestampSchema,
  updated_timestamp: timestampSchema,
});
export type PaymentConfigurationUpdate = z.infer<typeof paymentConfigurationUpdateSchema>;
