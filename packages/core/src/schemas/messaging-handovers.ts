/**
 * `messaging_handovers`: Conversation Routing passed or took thread control between apps. Known only
 * from third-party models of Meta's pages (docs/PAYLOADS.md section 4: UNVERIFIED).
 */
import { z } from 'zod';
import { looseObject, openEnum, schemaOf, timestampSchema } from './shared';

const ownerRole = openEnum(['customer_service', 'marketing', 'utility', 'ctwa', 'ai_agent', 'escalation']);

/** `control_passed` / `control_taken` of a handover. */
export const handoverSchema = looseObject({
  previous_owner_role: ownerRole.optional(),
  new_owner_role: ownerRole.optional(),
  previous_owner_app_id: z.string().optional(),
  new_owner_app_id: z.string().optional(),
  /** Free text passed along by the previous owner. */
  metadata: z.string().optional(),
  conversation_context: looseObject({
    type: openEnum(['summary']).optional(),
    summary: looseObject({ text: z.string().optional() }).optional(),
  }).optional(),
});
/** `control_passed` / `control_taken` of a handover (inferred from `handoverSchema`). */
export interface Handover extends z.infer<typeof handoverSchema> {}

/** `messaging_handovers` change value. */
export const messagingHandoversSchema = looseObject({
  messaging_product: z.string().optional(),
  /** The user. */
  sender: looseObject({ phone_number: z.string().optional() }).optional(),
  /** Your number. */
  recipient: looseObject({ phone_number_id: z.string(), display_phone_number: z.string().optional() }),
  type: openEnum(['control_passed', 'control_taken']),
  timestamp: timestampSchema,
  control_passed: schemaOf<Handover>(handoverSchema).optional(),
  control_taken: schemaOf<Handover>(handoverSchema).optional(),
});
/** `messaging_handovers` change value (inferred from `messagingHandoversSchema`). */
export interface MessagingHandovers extends z.infer<typeof messagingHandoversSchema> {}
