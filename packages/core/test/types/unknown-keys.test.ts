/**
 * The other half of exact types: at run time nothing Meta adds is dropped. Every object schema of the
 * `./schemas` entry keeps unknown keys (also those built with `.extend()`, a spread `.shape`, or nested
 * through `schemaOf`), and a handler receives the item with every key Meta sent.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createWebhooks, type KnownWebhookEvent } from '../../src/index';
import * as schemas from '../../src/schemas/index';
import { historySchema, textMessageSchema } from '../../src/schemas/index';

type AnySchema = z.ZodType & { readonly def: Record<string, unknown> };

function isSchema(value: unknown): value is AnySchema {
  return typeof value === 'object' && value !== null && '_zod' in value && 'def' in value;
}

/** Every schema reachable from `root` (object shapes, arrays, optionals, unions, nullables, …). */
function reachable(root: AnySchema): AnySchema[] {
  const seen = new Set<AnySchema>();
  const stack = [root];
  while (stack.length > 0) {
    const schema = stack.pop()!;
    if (seen.has(schema)) continue;
    seen.add(schema);
    const { def } = schema;
    const children: unknown[] = [def.innerType, def.element, def.catchall, ...((def.options as unknown[]) ?? [])];
    if (def.type === 'object') children.push(...Object.values(def.shape as Record<string, unknown>));
    for (const child of children) if (isSchema(child)) stack.push(child);
  }
  return [...seen];
}

const exported = Object.entries(schemas as Record<string, unknown>).filter((entry): entry is [string, AnySchema] =>
  isSchema(entry[1]),
);

describe('every object schema keeps unknown keys', () => {
  it('walks every exported schema', () => {
    // 103 schemas are exported from `./schemas`; each object among them and inside them is checked below.
    expect(exported.length).toBeGreaterThan(100);
  });

  it.each(exported)('%s', (_name, schema) => {
    const objects = reachable(schema).filter((inner) => inner.def.type === 'object');
    for (const object of objects) {
      expect(object.def.catchall, 'an object schema that drops unknown keys (use looseObject)').toBeDefined();
      expect((object.def.catchall as AnySchema).def.type).toBe('unknown');
    }
  });
});

const text = {
  from: '15551234567',
  id: 'wamid.TEXT',
  timestamp: '1750000000',
  type: 'text',
  text: { body: 'hi', added_to_text: { later: true } },
  context: { id: 'wamid.PREVIOUS', added_to_context: 1 },
  added_to_message: ['anything'],
};

describe('parsing drops nothing', () => {
  it('keeps unknown keys at every level of a schema built with .extend()', () => {
    expect(textMessageSchema.parse(text)).toEqual(text);
  });

  it('keeps unknown keys three arrays deep in a field value (history)', () => {
    const value = {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '1', phone_number_id: '2', added_to_metadata: true },
      history: [
        {
          metadata: { phase: 0, added_to_chunk_metadata: 'x' },
          threads: [{ id: '1555', messages: [{ ...text, history_context: { status: 'READ', added: 2 } }] }],
          added_to_chunk: null,
        },
      ],
      added_to_value: { nested: [1, 2] },
    };
    expect(historySchema.parse(value)).toEqual(value);
  });

  it('hands a handler the message with every key Meta sent', async () => {
    const webhooks = createWebhooks({ appSecret: 'secret', verifyToken: 'token' });
    const seen: KnownWebhookEvent[] = [];
    webhooks.on('messages.text', (event) => void seen.push(event));
    await webhooks.receive({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '1', phone_number_id: '2' },
                messages: [text],
              },
            },
          ],
        },
      ],
    });
    const [event] = seen;
    expect(seen).toHaveLength(1);
    expect(event?.kind === 'message' && event.message).toEqual(text);
  });
});
