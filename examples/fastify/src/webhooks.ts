/**
 * The webhook handlers of the example: inbound text, interactive replies, delivery statuses and
 * template reviews, plus `onUnknown` and `onError`. Each handled event is logged as one line that
 * starts with its name and id.
 */
import { createWebhooks, type Webhooks } from '@wa-webhooks/core';

/** Builds the webhooks instance. `log` receives one line per handled event (the server passes `console.log`). */
export function createExampleWebhooks(
  secrets: { appSecret: string; verifyToken: string },
  log: (line: string) => void,
): Webhooks {
  const webhooks = createWebhooks({ appSecret: secrets.appSecret, verifyToken: secrets.verifyToken });

  webhooks.on('messages.text', (event) => {
    log(`${event.name} ${event.id} from ${event.sender ?? 'unknown sender'}: ${event.message.text.body}`);
  });
  webhooks.on('messages.interactive.button_reply', (event) => {
    log(`${event.name} ${event.id} button "${event.message.interactive.button_reply.id}"`);
  });
  webhooks.on('messages.interactive.list_reply', (event) => {
    log(`${event.name} ${event.id} row "${event.message.interactive.list_reply.id}"`);
  });
  // `statuses` receives every status: sent, delivered, read, failed, played, and values Meta adds later.
  webhooks.on('statuses', (event) => {
    const error = event.status.errors?.[0];
    log(`${event.name} ${event.id}${error === undefined ? '' : ` error ${String(error.code)}`}`);
  });
  webhooks.on('message_template_status_update', (event) => {
    log(
      `${event.name} ${event.id} template "${String(event.value.message_template_name)}" ${String(event.value.event)}`,
    );
  });
  // Signed notifications the schemas did not expect are still answered 200; look at them here.
  webhooks.onUnknown((event) => {
    log(`unknown ${event.name} ${event.id} (${event.reason})`);
  });
  webhooks.onError((error) => {
    log(`error ${error.code}: ${error.message}`);
  });
  return webhooks;
}
