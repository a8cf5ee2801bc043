/**
 * `buildTemplateStatusUpdate()`: Meta reviewed (or paused, disabled, …) one of your message templates.
 */
import { buildNotification, DEFAULT_WABA_ID, type WebhookPayload } from './builders';

/** Template review outcomes Meta documents; any other string is accepted too. */
export type TemplateStatusEvent =
  | 'APPROVED'
  | 'ARCHIVED'
  | 'UNARCHIVED'
  | 'DELETED'
  | 'DISABLED'
  | 'FLAGGED'
  | 'IN_APPEAL'
  | 'LIMIT_EXCEEDED'
  | 'LOCKED'
  | 'PAUSED'
  | 'PENDING'
  | 'REINSTATED'
  | 'PENDING_DELETION'
  | 'REJECTED'
  | (string & {});

/** Options of `buildTemplateStatusUpdate`. */
export interface TemplateStatusUpdateOptions {
  /** The new status. Default `APPROVED`. */
  readonly event?: TemplateStatusEvent;
  /** `message_template_id`. Default `1689556908129832`. */
  readonly templateId?: number;
  /** `message_template_name`. Default `order_confirmation`. */
  readonly templateName?: string;
  /** `message_template_language`. Default `en_US`. */
  readonly language?: string;
  /** `reason`. Default `NONE` (Meta sends e.g. `INCORRECT_CATEGORY`, `INVALID_FORMAT` on rejections). */
  readonly reason?: string;
  /** `message_template_category`, when Meta includes it (e.g. `UTILITY`). */
  readonly category?: string;
  /** Anything else the value should carry (e.g. `other_info`, `rejection_info`). */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** `entry[].id`: the WhatsApp Business Account id. Default `102290129340398`. */
  readonly wabaId?: string;
  /** `entry[].time`. Default: now, distinct from every other build of this process. */
  readonly time?: number;
}

/**
 * Builds a `message_template_status_update` notification: Meta reviewed (or paused, disabled, …) one of
 * your message templates.
 *
 * @example
 * ```ts
 * buildTemplateStatusUpdate({ event: 'REJECTED', templateName: 'spring_sale', reason: 'INCORRECT_CATEGORY' });
 * ```
 */
export function buildTemplateStatusUpdate(options: TemplateStatusUpdateOptions = {}): WebhookPayload {
  const value = {
    event: options.event ?? 'APPROVED',
    message_template_id: options.templateId ?? 1689556908129832,
    message_template_name: options.templateName ?? 'order_confirmation',
    message_template_language: options.language ?? 'en_US',
    reason: options.reason ?? 'NONE',
    ...(options.category === undefined ? {} : { message_template_category: options.category }),
    ...options.extra,
  };
  return buildNotification('message_template_status_update', value, {
    wabaId: options.wabaId ?? DEFAULT_WABA_ID,
    ...(options.time === undefined ? {} : { time: options.time }),
  });
}
