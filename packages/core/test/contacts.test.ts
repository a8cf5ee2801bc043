/**
 * Issue 16, "Contact lookup is quadratic": `findContact` scanned every contact for every message, so one
 * signed body with 15 000 messages and 100 000 contacts blocked the event loop for 4 to 6 s. Contacts
 * are now indexed once per change. A complexity guard, not a timing claim: many contacts must cost
 * about what few do (the bound is generous; on the old code the ratio was in the hundreds).
 */
import { describe, expect, it } from 'vitest';
import { createWebhooks, type MessageEvent } from '../src/index';
import { SECRET, TOKEN } from './helpers';

function notification(messages: number, contacts: number): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: {
              metadata: { display_phone_number: '1', phone_number_id: '2' },
              contacts: Array.from({ length: contacts }, (_, index) => ({
                wa_id: `c${index}`,
                profile: { name: `Contact ${index}` },
              })),
              messages: Array.from({ length: messages }, (_, index) => ({
                from: `c${(index * 7) % contacts}`,
                id: `wamid.M${index}`,
                timestamp: '1761899474',
                type: 'text',
                text: { body: 'hi' },
              })),
            },
          },
        ],
      },
    ],
  };
}

async function run(messages: number, contacts: number): Promise<{ ms: number; names: string[] }> {
  const webhooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, dedupe: false });
  const names: string[] = [];
  webhooks.on('messages.text', (event: MessageEvent) => void names.push(event.senderName ?? '?'));
  const body = notification(messages, contacts);
  const started = performance.now();
  await webhooks.receive(body);
  return { ms: performance.now() - started, names };
}

describe('contact lookup (issue 16)', () => {
  it('finds each sender by wa_id among 100 000 contacts, in about the time it takes among 100', async () => {
    await run(2_000, 100); // warm up
    const few = await run(15_000, 100);
    const many = await run(15_000, 100_000);
    expect(many.names[0]).toBe('Contact 0');
    expect(many.names[1]).toBe('Contact 7');
    expect(many.names.every((name) => name !== '?')).toBe(true);
    expect(few.names[3]).toBe('Contact 21');
    // The index costs building it once (100 000 entries); a scan per message would be 15 000 × 100 000.
    expect(many.ms).toBeLessThan(few.ms * 10 + 500);
  });
});
