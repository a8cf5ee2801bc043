/** `account_review_update`: Meta reviewed your WhatsApp Business Account (docs/PAYLOADS.md section 4). */
import { type z } from 'zod';
import { looseObject, openEnum } from './shared';

/** `account_review_update` change value. */
export const accountReviewUpdateSchema = looseObject({
  decision: openEnum(['APPROVED', 'REJECTED', 'PENDING', 'DEFERRED']),
});
/** `account_review_update` change value (inferred from `accountReviewUpdateSchema`). */
export interface AccountReviewUpdate extends z.infer<typeof accountReviewUpdateSchema> {}
