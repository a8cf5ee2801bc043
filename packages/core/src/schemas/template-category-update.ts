/**
 * `template_category_update`: a template will be (or was) recategorised (docs/PAYLOADS.md section 4). Two
 * documented variants share one schema: the impending change (`new_category` is still the current one,
 * with `correct_category` and `category_update_timestamp`) and the completed one (`previous_category` →
 * `new_category`).
 */
import { z } from 'zod';
import { looseObject, templateCategorySchema, templateRefShape, timestampSchema } from './shared';

/** `template_category_update` change value. */
export const templateCategoryUpdateSchema = looseObject({
  ...templateRefShape,
  previous_category: templateCategorySchema.optional(),
  new_category: templateCategorySchema,
  /** The category the template will get (impending variant). */
  correct_category: templateCategorySchema.optional(),
  /** When the impending change takes effect (Unix seconds). */
  category_update_timestamp: timestampSchema.optional(),
  /** Dashboard-test only so far (`ELIGIBLE`). */
  category_appeal_status: z.string().optional(),
});
/** `template_category_update` change value (inferred from `templateCategoryUpdateSchema`). */
export interface TemplateCategoryUpdate extends z.infer<typeof templateCategoryUpdateSchema> {}
