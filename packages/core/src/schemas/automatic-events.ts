/** `automatic_events`: purchases and leads detected in Click-to-WhatsApp ad conversations (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { looseObject, messagingValueShape, openEnum, schemaOf, timestampSchema } from './shared';

/** One item of `automatic_events[]`. */
export const automaticEventSchema = looseObject({
  /** wamid of the message the event was detected in. */
  id: z.string(),
  event_name: openEnum(['LeadSubmitted', 'Purchase']),
  /** Unix seconds, an integer here. */
  timestamp: timestampSchema,
  /** Click id of the ad. */
  ctwa_clid: z.string(),
  /** `value` is the price × 1000. */
  custom_data: looseObject({ currency: z.string().optional(), value: z.number().optional() }).optional(),
});
/** One item of `automatic_events[]` (inferred from `automaticEventSchema`). */
export interface AutomaticEvent extends z.infer<typeof automaticEventSchema> {}

/** `automatic_events` change value. */
export const automaticEventsSchema = looseObject({
  ...messagingValueShape,
  automatic_events: z.array(schemaOf<AutomaticEvent>(automaticEventSchema)),
});
/** `automatic_events` change value (inferred from `automaticEventsSchema`). */
export interface AutomaticEvents extends z.infer<typeof automaticEventsSchema> {}
