/**
 * Turning one event back into a notification that holds only that event, so that it can be stored or
 * queued as plain JSON and dispatched later with `webhooks.receive()` (for example by a queue worker),
 * where it produces the same event with the same id.
 */
import type { KnownWebhookEvent, UnknownEvent } from './events';
import { WHATSAPP_OBJECT } from './schemas/envelope';

/** A notification holding exactly one event, as JSON-serialisable data. */
export interface SingleEventNotification {
  readonly object: string;
  readonly entry: ReadonlyArray<{
    readonly id: string;
    readonly time?: number;
    readonly changes: ReadonlyArray<{ readonly field: string; readonly value: unknown }>;
  }>;
}

/** The change value with only `item` in `array`, and only its contact when it has one. */
function single(
  changeValue: Record<string, unknown>,
  array: 'messages' | 'statuses' | 'errors',
  item: unknown,
  contact: unknown,
): Record<string, unknown> {
  const { messages: _messages, statuses: _statuses, errors: _errors, contacts, ...rest } = changeValue;
  const kept = contact !== undefined ? [contact] : contacts;
  return { ...rest, ...(kept !== undefined ? { contacts: kept } : {}), [array]: [item] };
}

/**
 * Builds the notification of a single event: the envelope of the entry it came from, with one change,
 * and inside `messages` only this item (and its contact). `webhooks.receive()` on the result dispatches
 * an event with the same name and id.
 */
export function toNotification(event: KnownWebhookEvent | UnknownEvent): SingleEventNotification {
  let value: unknown = event.value;
  if (event.kind === 'unknown') {
    // The whole body did not fit the envelope: it is the notification itself.
    if (event.source === 'body' || event.field === undefined || event.entryId === undefined)
      return event.raw as SingleEventNotification;
    // An item cut out of a change comes back with its whole change, where it is found again.
    if (event.source === 'messages' || event.source === 'statuses' || event.source === 'errors')
      value = single(event.value as Record<string, unknown>, event.source, event.raw, undefined);
  } else if (event.kind === 'change') {
    value = event.raw;
  } else {
    const source = event.kind === 'message' ? 'messages' : event.kind === 'status' ? 'statuses' : 'errors';
    value = single(event.value, source, event.raw, event.kind === 'error' ? undefined : event.contact);
  }
  return {
    object: WHATSAPP_OBJECT,
    entry: [
      {
        id: event.entryId!,
        ...(event.entryTime !== undefined ? { time: event.entryTime } : {}),
        changes: [{ field: event.field!, value }],
      },
    ],
  };
}
