/** `account_review_update`: Meta reviewed your WhatsApp Business Account (PAYLOADS.md section 4). */
import { z } from 'zod';
import { openEnum } from './shared';

/** `account_review_update` change value. */
export const accountReviewUpdateSchema = z.looseObject({
  decision: openEnum(['APPROVED', 'REJECTED', 'PENDING', 'DEFERRED']),
});
export type AccountReviewUpdate = z.infer<typeof accountReviewUpdateSchema>;
