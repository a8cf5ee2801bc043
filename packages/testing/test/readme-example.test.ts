// The example of README.md ("Testing your handlers"), kept runnable: change both together.
import { createWebhooks } from '@wa-webhooks/core';
import { buildButtonReply, buildStatus, buildTextMessage, createSignedRequest } from '@wa-webhooks/testing';
import { describe, expect, it, vi } from 'vitest';

// Your code: registers the handlers on a webhooks instance.
function registerHandlers(webhooks: ReturnType<typeof createWebhooks>, send: (to: string, text: string) => void) {
  webhooks.on('messages.text', (event) => send(event.sender!, `You said: ${event.message.text.body}`));
  webhooks.on('messages.interactive.button_reply', (event) =>
    send(event.sender!, `Chosen: ${event.message.interactive.button_reply.id}`),
  );
  webhooks.on('statuses.failed', (event) => send('ops', `Not delivered: ${event.status.id}`));
}

describe('my WhatsApp handlers', () => {
  const secret = 'test-secret';

  function setup() {
    const webhooks = createWebhooks({ appSecret: secret, verifyToken: 'test-token' });
    const send = vi.fn();
    registerHandlers(webhooks, send);
    return { webhooks, send };
  }

  it('answers a text message', async () => {
    const { webhooks, send } = setup();
    await webhooks.receive(buildTextMessage({ from: '4915112345678', body: 'hi' }));
    expect(send).toHaveBeenCalledWith('4915112345678', 'You said: hi');
  });

  it('handles a button tap and a failed delivery', async () => {
    const { webhooks, send } = setup();
    await webhooks.receive(buildButtonReply({ from: '4915112345678', buttonId: 'confirm' }));
    await webhooks.receive(buildStatus({ status: 'failed', id: 'wamid.SENT' }));
    expect(send.mock.calls).toEqual([
      ['4915112345678', 'Chosen: confirm'],
      ['ops', 'Not delivered: wamid.SENT'],
    ]);
  });

  it('accepts a request signed like Meta signs it, and refuses a bad signature', async () => {
    const { webhooks, send } = setup();
    const payload = buildTextMessage({ body: 'Grüße / ¿qué tal?' });
    const ok = await webhooks.handleFetch(await createSignedRequest(payload, { secret, metaEscaping: true }));
    expect(ok.status).toBe(200);
    expect(send).toHaveBeenCalledWith('16505551234', 'You said: Grüße / ¿qué tal?');

    const forged = await webhooks.handleFetch(
      await createSignedRequest(buildTextMessage(), { secret: 'not-the-secret' }),
    );
    expect(forged.status).toBe(401);
  });
});
