/** `account_alerts`: alerts about your business portfolio, WABA or phone numbers (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { idSchema, looseObject, openEnum, schemaOf } from './shared';

const alertSeverity = openEnum(['CRITICAL', 'INFORMATIONAL', 'WARNING']);
const alertStatus = openEnum(['ACTIVE', 'NONE']);
const alertType = openEnum([
  'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED',
  'INCREASED_CAPABILITIES_ELIGIBILITY_FAILED',
  'INCREASED_CAPABILITIES_ELIGIBILITY_NEED_MORE_INFO',
  'OBA_APPROVED',
  'OBA_REJECTED',
  'PROFILE_PICTURE_LOST',
]);

/** The alert itself, as the reference page nests it under `alert_info`. */
export const accountAlertInfoSchema = looseObject({
  alert_type: alertType,
  alert_severity: alertSeverity.optional(),
  alert_status: alertStatus.optional(),
  alert_description: z.string().optional(),
});
/** The alert itself, as the reference page nests it under `alert_info` (inferred from `accountAlertInfoSchema`). */
export interface AccountAlertInfo extends z.infer<typeof accountAlertInfoSchema> {}

/**
 * `account_alerts` change value. Meta documents the alert nested in `alert_info`, but the App Dashboard
 * test sends it flat (`alert_*` next to `entity_*`, docs/PAYLOADS.md section 5, item 10): both are accepted, so
 * read `value.alert_info?.alert_type ?? value.alert_type`.
 */
export const accountAlertsSchema = looseObject({
  /** `WABA` in the Dashboard test. */
  entity_type: openEnum(['BUSINESS', 'PHONE_NUMBER', 'CURRENT_STATUS_ID', 'WABA']),
  /** A string in the reference, an integer in the Dashboard test. */
  entity_id: idSchema,
  /** Reference shape. */
  alert_info: schemaOf<AccountAlertInfo>(accountAlertInfoSchema).optional(),
  /** Flat Dashboard-test shape. */
  alert_type: alertType.optional(),
  alert_severity: alertSeverity.optional(),
  alert_status: alertStatus.optional(),
  alert_description: z.string().optional(),
});
/** `account_alerts` change value (inferred from `accountAlertsSchema`). */
export interface AccountAlerts extends z.infer<typeof accountAlertsSchema> {}
