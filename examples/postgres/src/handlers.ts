/**
 * The handlers, registered in the worker process: each handled event is logged as one line that starts
 * with its name and id. Keep side effects idempotent (keyed by `event.id`) where a repeat would hurt:
 * deduplication makes repeats rare, a crash between a side effect and its commit can still cause one.
 */
import type { Webhooks } from '@wa-webhooks/core';

/**
 * `text` as one quoted, escaped token: what a WhatsApp user writes can hold line breaks, terminal escape
 * sequences and bidi controls, which must not forge or hide log lines (the other examples' printable()).
 */
export function printable(text: unknown): string {
  return JSON.stringify(String(text)).replace(
    /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Registers the example's handlers on `webhooks`; `log` receives one line per handled event. */
export function registerHandlers(webhooks: Webhooks, log: (line: string) => void): void {
  webhooks.on('messages.text', (event) => {
    log(`${event.name} ${event.id} from ${event.sender ?? 'unknown sender'}: ${printable(event.message.text.body)}`);
  });
  webhooks.on('messages.interactive.button_reply', (event) => {
    log(`${event.name} ${event.id} button ${printable(event.message.interactive.button_reply.id)}`);
  });
  webhooks.on('statuses', (event) => {
    const error = event.status.errors?.[0];
    log(`${event.name} ${event.id}${error === undefined ? '' : ` error ${String(error.code)}`}`);
  });
  webhooks.onUnknown((event) => {
    log(`unknown ${event.name} ${event.id} (${event.reason})`);
  });
  webhooks.onError((error) => {
    log(`error ${error.code}: ${error.message}`);
  });
}
