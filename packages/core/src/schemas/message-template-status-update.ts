/** `message_template_status_update`: a template was approved, rejected, paused, … (PAYLOADS.md section 4). */
import { z } from 'zod';
import { idSchema, openEnum } from './shared';

export const messageTemplateStatusUpdateSchema = z.looseObject({
  event: openEnum([
    'APPROVED',
    'ARCHIVED',
    'UNARCHIVED',
    'DELETED',
    'DISABLED',
    'FLAGGED',
    'IN_APPEAL',
    'LIMIT_EXCEEDED',
    'LOCKED',
    'PAUSED',
    'PENDING',
    'REINSTATED',
    'PENDING_DELETION',
    'REJECTED',
  ]),
  message_template_id: idSchema,
  message_template_name: z.string(),
  message_template_language: z.string(),
  /** Rejection reason, `NONE`, or `null`. */
  reason: openEnum([
    'ABUSIVE_CONTENT',
    'CATEGORY_NOT_AVAILABLE',
    'INCORRECT_CATEGORY',
    'INVALID_FORMAT',
    'NONE',
    'PROMOTIONAL',
    'SCAM',
    'TAG_CONTENT_MISMATCH',
  ])
    .nullable()
    .optional(),
  message_template_category: openEnum(['MARKETING', 'UTILITY', 'AUTHENTICATION']).optional(),
  disable_info: z.looseObject({ disable_date: z.union([z.string(), z.number()]).optional() }).optional(),
  other_info: z.looseObject({ title: z.string().optional(), description: z.string().optional() }).optional(),
  rejection_info: z.looseObject({ reason: z.string().optional(), recommendation: z.string().optional() }).optional(),
});
export type MessageTemplateStatusUpdate = z.infer<typeof messageTemplateStatusUpdateSchema>;
