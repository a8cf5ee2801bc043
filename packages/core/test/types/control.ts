/**
 * The control of `compile.test.ts`: each `@ts-expect-error` below sits on a line that compiles, so each
 * must be reported as unused (TS2578) by both compilers. It proves that an unused directive fails the
 * compile, which is what makes a typo that compiles in `typos.ts` fail the test.
 */
import { createWebhooks } from '@wa-webhooks/core';

const webhooks = createWebhooks({ appSecret: 'secret', verifyToken: 'token' });

webhooks.on('messages.text', (event) => {
  // @ts-expect-error: control, `text.body` exists
  const _body = event.message.text.body;
  // @ts-expect-error: control, `raw` accepts any key
  const _raw = event.raw.anything;
});
