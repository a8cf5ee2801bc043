/** `business_username_update`: your business username was approved, reserved or deleted (docs/PAYLOADS.md section 4; BSUID page). */
import { z } from 'zod';
import { looseObject, openEnum } from './shared';

/** `business_username_update` change value (the page heading says `business_username_updates`; the JSON says this). */
export const businessUsernameUpdateSchema = looseObject({
  display_phone_number: z.string(),
  /** Omitted when deleted. */
  username: z.string().optional(),
  status: openEnum(['approved', 'deleted', 'reserved']),
});
/** `business_username_update` change value (the page heading says `business_username_updates` (inferred from `businessUsernameUpdateSchema`). */
export interface BusinessUsernameUpdate extends z.infer<typeof businessUsernameUpdateSchema> {}
