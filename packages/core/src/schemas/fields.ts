/**
 * Schemas of the fields other than `messages`, one event per change, named after the field.
 * Each field has its own file; this table lists them for routing.
 */
import { messageTemplateStatusUpdateSchema } from './message-template-status-update';

/** Whole-change fields, by Meta's field name. */
export const fieldSchemas = {
  message_template_status_update: messageTemplateStatusUpdateSchema,
} as const;
