/**
 * `calls`: WhatsApp Business Calling — call connect/terminate events and call statuses
 * (PAYLOADS.md section 4; Meta's user-initiated-calls page and pywa's fixtures).
 */
import { z } from 'zod';
import { contactSchema, errorSchema, messagingValueShape, openEnum, timestampSchema } from './shared';

/** One call event of `calls[]`. */
export const callSchema = z.looseObject({
  /** `wacid.…` id of the call. */
  id: z.string(),
  event: openEnum(['connect', 'terminate']),
  timestamp: timestampSchema,
  /** Caller: the user for user-initiated calls, your number for business-initiated ones. */
  from: z.string().optional(),
  to: z.string().optional(),
  to_user_id: z.string().optional(),
  direction: openEnum(['USER_INITIATED', 'BUSINESS_INITIATED']).optional(),
  /** WebRTC session description (`connect`). */
  session: z.looseObject({ sdp_type: openEnum(['offer', 'answer']), sdp: z.string() }).optional(),
  biz_opaque_callback_data: z.string().optional(),
  /** How a terminated call ended; the docs write `Failed`/`Completed`, samples `COMPLETED`. */
  status: openEnum(['COMPLETED', 'FAILED']).optional(),
  start_time: timestampSchema.optional(),
  end_time: timestampSchema.optional(),
  /** Seconds. */
  duration: z.number().optional(),
  errors: z.array(errorSchema).optional(),
});
export type Call = z.infer<typeof callSchema>;

/** One status of a business-initiated call (`statuses[]` with `type: "call"`). */
export const callStatusSchema = z.looseObject({
  id: z.string(),
  type: openEnum(['call']).optional(),
  status: openEnum(['RINGING', 'ACCEPTED', 'REJECTED']),
  timestamp: timestampSchema,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z.array(errorSchema).optional(),
});
export type CallStatus = z.infer<typeof callStatusSchema>;

/** `calls` change value: call events, call statuses, errors, or several of them. */
export const callsSchema = z.looseObject({
  ...messagingValueShape,
  contacts: z.array(contactSchema).optional(),
  calls: z.array(callSchema).optional(),
  statuses: z.array(callStatusSchema).optional(),
  errors: z.array(errorSchema).optional(),
});
export type Calls = z.infer<typeof callsSchema>;
