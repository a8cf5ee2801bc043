/** `flows`: WhatsApp Flows status changes and endpoint health alerts (docs/PAYLOADS.md section 4; Flows webhooks reference). */
import { z } from 'zod';
import { idSchema, looseObject, openEnum } from './shared';

const flowStatus = openEnum(['DRAFT', 'PUBLISHED', 'DEPRECATED', 'BLOCKED', 'THROTTLED']);

/** `flows` change value. Which keys are present depends on `event`. */
export const flowsSchema = looseObject({
  event: openEnum([
    'FLOW_STATUS_CHANGE',
    'CLIENT_ERROR_RATE',
    'ENDPOINT_ERROR_RATE',
    'ENDPOINT_LATENCY',
    'ENDPOINT_AVAILABILITY',
    'FLOW_VERSION_EXPIRY_WARNING',
  ]),
  flow_id: idSchema,
  /** Human-readable description. */
  message: z.string().optional(),
  // Omitted on creation, and (in a real 2025 payload) on PUBLISHED → DRAFT too.
  old_status: flowStatus.optional(),
  new_status: flowStatus.optional(),
  alert_state: openEnum(['ACTIVATED', 'DEACTIVATED']).optional(),
  threshold: z.number().optional(),
  error_rate: z.number().optional(),
  errors: z
    .array(
      looseObject({ error_type: z.string(), error_rate: z.number().optional(), error_count: z.number().optional() }),
    )
    .optional(),
  p50_latency: z.number().optional(),
  p90_latency: z.number().optional(),
  requests_count: z.number().optional(),
  availability: z.number().optional(),
  /** Flow-version expiry warning text. */
  warning: z.string().optional(),
});
/** `flows` change value (inferred from `flowsSchema`). */
export interface Flows extends z.infer<typeof flowsSchema> {}
