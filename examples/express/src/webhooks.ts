/**
 * The webhook handlers of the example: inbound text, interactive replies, delivery statuses and
 * template reviews, plus `onUnknown` and `onError`. Each handled event is logged as one line that
 * starts with its name and id. Shared word for word by the examples.
 */
import { createWebhooks, type Webhooks } from '@wa-webhooks/core';
import { printable, token } from './printable';

/** Builds the webhooks instance. `log` receives one line per handled event (the server passes `console.log`). */
export function createExampleWebhooks(
  secrets: { appSecret: string; verifyToken: string },
  log: (line: string) => void,
): Webhooks {
  const webhooks = createWebhooks({ appSecret: secrets.appSecret, verifyToken: secrets.verifyToken });

  // Nothing from the payload is printed raw: free text goes through printable() (always quoted), ids and
  // codes through token() (bare when they are plain tokens). One habit for every field.
  webhooks.on('messages.text', (event) => {
    log(
      `${event.name} ${token(event.id)} from ${token(event.sender ?? 'unknown')}: ${printable(event.message.text.body)}`,
    );
  });
  webhooks.on('messages.interactive.button_reply', (event) => {
    log(`${event.name} ${token(event.id)} button ${printable(event.message.interactive.button_reply.id)}`);
  });
  webhooks.on('messages.interactive.list_reply', (event) => {
    log(`${event.name} ${token(event.id)} row ${printable(event.message.interactive.list_reply.id)}`);
  });
  // `statuses` receives every status: sent, delivered, read, failed, played, and values Meta adds later.
  webhooks.on('statuses', (event) => {
    const error = event.status.errors?.[0];
    log(`${event.name} ${token(event.id)}${error === undefined ? '' : ` error ${token(error.code)}`}`);
  });
  webhooks.on('message_template_status_update', (event) => {
    log(
      `${event.name} ${token(event.id)} template ${printable(event.value.message_template_name)} ${token(event.value.event)}`,
    );
  });
  // Signed notifications the schemas did not expect are still answered 200; look at them here.
  webhooks.onUnknown((event) => {
    log(`unknown ${token(event.name)} ${token(event.id)} (${token(event.reason)})`);
  });
  webhooks.onError((error) => {
    log(`error ${error.code}: ${printable(error.message)}`);
  });
  return webhooks;
}
