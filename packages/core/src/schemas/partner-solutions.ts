/** `partner_solutions`: a Multi-Partner Solution changed; `entry.id` is the business portfolio id (PAYLOADS.md section 4). */
import { z } from 'zod';
import { idSchema, openEnum } from './shared';

/** `partner_solutions` change value. */
export const partnerSolutionsSchema = z.looseObject({
  event: openEnum(['SOLUTION_CREATED', 'SOLUTION_UPDATED']),
  solution_id: idSchema,
  solution_status: openEnum(['ACTIVE', 'DEACTIVATED', 'DRAFT', 'INITIATED', 'PENDING_DEACTIVATION', 'REJECTED']),
});
export type PartnerSolutions = z.infer<typeof partnerSolutionsSchema>;
