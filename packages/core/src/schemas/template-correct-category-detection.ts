/**
 * `template_correct_category_detection`: Meta detected that a template's category looks wrong. Known only
 * from third-party samples (docs/PAYLOADS.md section 2: UNVERIFIED), so only the template id and name are required.
 */
import { z } from 'zod';
import { idSchema, looseObject, templateCategorySchema } from './shared';

/** `template_correct_category_detection` change value. */
export const templateCorrectCategoryDetectionSchema = looseObject({
  message_template_id: idSchema,
  message_template_name: z.string(),
  message_template_language: z.string().optional(),
  /** The template's current category. */
  category: templateCategorySchema.optional(),
  /** The category Meta considers correct. */
  correct_category: templateCategorySchema.optional(),
});
/** `template_correct_category_detection` change value (inferred from `templateCorrectCategoryDetectionSchema`). */
export interface TemplateCorrectCategoryDetection extends z.infer<typeof templateCorrectCategoryDetectionSchema> {}
