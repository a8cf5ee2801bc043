/** `partner_solutions`: a Multi-Partner Solution changed; `entry.id` is the business portfolio id (docs/PAYLOADS.md section 4). */
import { type z } from 'zod';
import { idSchema, looseObject, openEnum } from './shared';

/** `partner_solutions` change value. */
export const partnerSolutionsSchema = looseObject({
  event: openEnum(['SOLUTION_CREATED', 'SOLUTION_UPDATED']),
  solution_id: idSchema,
  solution_status: openEnum(['ACTIVE', 'DEACTIVATED', 'DRAFT', 'INITIATED', 'PENDING_DEACTIVATION', 'REJECTED']),
});
/** `partner_solutions` change value (inferred from `partnerSolutionsSchema`). */
export interface PartnerSolutions extends z.infer<typeof partnerSolutionsSchema> {}
