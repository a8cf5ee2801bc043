/** `message_template_status_update`: a template was approved, rejected, paused, … (PAYLOADS.md section 4). */
import { z } from 'zod';
import { openEnum, templateCategorySchema, templateRefShape, timestampSchema } from './shared';

/** `message_template_status_update` change value. */
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
  ...templateRefShape,
  /** Rejection reason, `NONE`, or `null` (Dashboard test). `CATEGORY_NOT_AVAILABLE` is deprecated. */
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
  message_template_category: templateCategorySchema.optional(),
  disable_info: z.looseObject({ disable_date: timestampSchema.optional() }).optional(),
  /** Why a template was paused, unpaused or disabled. */
  other_info: z
    .looseObject({
      title: openEnum(['FIRST_PAUSE', 'SECOND_PAUSE', 'RATE_LIMITING_PAUSE', 'UNPAUSE', 'DISABLED']).optional(),
      description: z.string().optional(),
    })
    .optional(),
  /** `REJECTED` templates: Meta's explanation and advice. */
  rejection_info: z.looseObject({ reason: z.string().optional(), recommendation: z.string().optional() }).optional(),
});
export type MessageTemplateStatusUpdate = z.infer<typeof messageTemplateStatusUpdateSchema>;
