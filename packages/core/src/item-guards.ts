/**
 * Fast paths for the items almost every notification carries: text messages and delivery statuses.
 * Each guard says yes only for items its zod schema accepts (a property test holds them to that), and
 * says no for anything it does not check by hand (a `context`, a `referral`, `errors`, …); the schema
 * then decides. zod builds a full copy of every item it checks, which dispatch never uses: the guards
 * save most of the schema check's time for the common shapes.
 */
import { isRecord } from './guards';

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isIdOrTime(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** `textMessageSchema`, for text messages without `context`, `referral`, `errors` or `identity`. */
export function isPlainTextMessage(item: Record<string, unknown>): boolean {
  if (item.type !== 'text' || typeof item.id !== 'string' || !isIdOrTime(item.timestamp)) return false;
  const text = item.text;
  if (!isRecord(text) || typeof text.body !== 'string') return false;
  return (
    isOptionalString(item.from) &&
    isOptionalString(item.from_user_id) &&
    isOptionalString(item.from_parent_user_id) &&
    isOptionalString(item.group_id) &&
    item.context === undefined &&
    item.referral === undefined &&
    item.errors === undefined &&
    item.identity === undefined
  );
}

const STATUS_STRINGS = [
  'recipient_id',
  'recipient_user_id',
  'recipient_parent_user_id',
  'parent_recipient_user_id',
  'recipient_type',
  'recipient_participant_id',
  'recipient_participant_user_id',
  'recipient_participant_parent_user_id',
  'recipient_identity_key_hash',
  'biz_opaque_callback_data',
] as const;

function isPricing(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isRecord(value)) return false;
  return (
    (value.billable === undefined || typeof value.billable === 'boolean') &&
    isOptionalString(value.pricing_model) &&
    isOptionalString(value.type) &&
    isOptionalString(value.category)
  );
}

/** `statusSchema`, for statuses without `conversation` or `errors`. */
export function isPlainStatus(item: Record<string, unknown>): boolean {
  if (typeof item.id !== 'string' || typeof item.status !== 'string' || !isIdOrTime(item.timestamp)) return false;
  for (const key of STATUS_STRINGS) if (!isOptionalString(item[key])) return false;
  return item.conversation === undefined && item.errors === undefined && isPricing(item.pricing);
}
