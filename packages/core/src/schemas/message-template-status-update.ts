/** `message_template_status_update`: a template was approved, rejected, paused, … (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { looseObject, openEnum, templateCategorySchema, templateRefShape, timestampSchema } from './shared';

/** `message_template_status_update` change value. */
export const messageTemplateStatusUpdateSchema = looseObject({
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
  disable_info: looseObject({ disable_date: timestampSchema.optional() }).optional(),
  /** Why a template was paused, unpaused or disabled. */
  other_info: looseObject({
    title: openEnum(['FIRST_PAUSE', 'SECOND_PAUSE', 'RATE_LIMITING_PAUSE', 'UNPAUSE', 'DISABLED']).optional(),
    description: z.string().optional(),
  }).optional(),
  /** `REJECTED` templates: Meta's explanation and advice. */
  rejection_info: looseObject({ reason: z.string().optional(), recommendation: z.string().optional() }).optional(),
});
/** `message_template_status_update` change value (inferred from `messageTemplateStatusUpdateSchema`). */
export interface MessageTemplateStatusUpdate extends z.infer<typeof messageTemplateStatusUpdateSchema> {}
