/** `payment_configuration_update`: a payment configuration changed (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { looseObject, openEnum, timestampSchema } from './shared';

/** `payment_configuration_update` change value. */
export const paymentConfigurationUpdateSchema = looseObject({
  configuration_name: z.string(),
  provider_name: openEnum(['billdesk', 'payu', 'razorpay', 'zaakpay']),
  /** Merchant id at the provider. */
  provider_mid: z.string(),
  status: openEnum(['Active', 'Needs Connecting', 'Needs Testing']),
  created_timestamp: timestampSchema,
  updated_timestamp: timestampSchema,
});
/** `payment_configuration_update` change value (inferred from `paymentConfigurationUpdateSchema`). */
export interface PaymentConfigurationUpdate extends z.infer<typeof paymentConfigurationUpdateSchema> {}
