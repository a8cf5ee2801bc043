/**
 * `calls`: WhatsApp Business Calling — call connect/terminate events and call statuses
 * (docs/PAYLOADS.md section 4; Meta's user-initiated-calls page and pywa's fixtures).
 */
import { z } from 'zod';
import {
  contactsSchema,
  errorsSchema,
  looseObject,
  messagingValueShape,
  openEnum,
  schemaOf,
  timestampSchema,
} from './shared';

/** One call event of `calls[]`. */
export const callSchema = looseObject({
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
  session: looseObject({ sdp_type: openEnum(['offer', 'answer']), sdp: z.string() }).optional(),
  biz_opaque_callback_data: z.string().optional(),
  /** How a terminated call ended; the docs write `Failed`/`Completed`, samples `COMPLETED`. */
  status: openEnum(['COMPLETED', 'FAILED']).optional(),
  start_time: timestampSchema.optional(),
  end_time: timestampSchema.optional(),
  /** Seconds. */
  duration: z.number().optional(),
  errors: errorsSchema.optional(),
});
/** One call event of `calls[]` (inferred from `callSchema`). */
export interface Call extends z.infer<typeof callSchema> {}

/** One status of a business-initiated call (`statuses[]` with `type: "call"`). */
export const callStatusSchema = looseObject({
  id: z.string(),
  type: openEnum(['call']).optional(),
  status: openEnum(['RINGING', 'ACCEPTED', 'REJECTED']),
  timestamp: timestampSchema,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  errors: errorsSchema.optional(),
});
/** One status of a business-initiated call (`statuses[]` with `type (inferred from `callStatusSchema`). */
export interface CallStatus extends z.infer<typeof callStatusSchema> {}

/** `calls` change value: call events, call statuses, errors, or several of them. */
export const callsSchema = looseObject({
  ...messagingValueShape,
  contacts: contactsSchema.optional(),
  calls: z.array(schemaOf<Call>(callSchema)).optional(),
  statuses: z.array(schemaOf<CallStatus>(callStatusSchema)).optional(),
  errors: errorsSchema.optional(),
});
/** `calls` change value (inferred from `callsSchema`). */
export interface Calls extends z.infer<typeof callsSchema> {}
