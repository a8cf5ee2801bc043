/** `automatic_events`: purchases and leads detected in Click-to-WhatsApp ad conversations (PAYLOADS.md section 4). */
import { z } from 'zod';
import { messagingValueShape, openEnum, timestampSchema } from './shared';

/** One item of `automatic_events[]`. */
export const automaticEventSchema = z.looseObject({
  /** wamid of the message the event was detected in. */
  id: z.string(),
  event_name: openEnum(['LeadSubmitted', 'Purchase']),
  /** Unix seconds, an integer here. */
  timestamp: timestampSchema,
  /** Click id of the ad. */
  ctwa_clid: z.string(),
  /** `value` is the price × 1000. */
  custom_data: z.looseObject({ currency: z.string().optional(), value: z.number().optional() }).optional(),
});
export type AutomaticEvent = z.infer<typeof automaticEventSchema>;

/** `automatic_events` change value. */
export const automaticEventsSchema = z.looseObject({
  ...messagingValueShape,
  automatic_events: z.array(automaticEventSchema),
});
export type AutomaticEvents = z.infer<typeof automaticEventsSchema>;
