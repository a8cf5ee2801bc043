/** The fast-path guards accept exactly what the zod schemas accept: property-tested, and on the corpus. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMessagesValue, isNotification } from '../src/guards';
import { isPlainStatus, isPlainTextMessage } from '../src/item-guards';
import { messagesValueSchema, notificationSchema, statusSchema, textMessageSchema } from '../src/schemas/index';
import { allFixtures, readFixture } from './helpers';

const leaf = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const anything = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 3 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;
/** A value that is a valid shape or one small step away from it. */
const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof(valid, valid, anything);
const record = <T extends Record<string, fc.Arbitrary<unknown>>>(shape: T) =>
  fc
    .record(shape, { requiredKeys: [] })
    .chain((value) => fc.oneof(fc.constant(value), fc.constant({ ...value, extra: 1 })));

const contact = record({
  profile: maybe(record({ name: maybe(fc.string()), username: maybe(fc.string()) })),
  wa_id: maybe(fc.string()),
  user_id: maybe(fc.string()),
  parent_user_id: maybe(fc.string()),
  identity_key_hash: maybe(fc.string()),
});
const messagesValue = record({
  messaging_product: maybe(fc.constant('whatsapp')),
  metadata: maybe(record({ display_phone_number: maybe(fc.string()), phone_number_id: maybe(fc.string()) })),
  contacts: maybe(fc.array(maybe(contact), { maxLength: 3 })),
  messages: maybe(fc.array(anything, { maxLength: 2 })),
  statuses: maybe(fc.array(anything, { maxLength: 2 })),
  errors: maybe(fc.array(anything, { maxLength: 2 })),
});
const envelope = record({
  object: maybe(fc.constant('whatsapp_business_account')),
  entry: maybe(
    fc.array(
      maybe(
        record({
          id: maybe(fc.oneof(fc.string(), fc.integer(), fc.double())),
          time: maybe(fc.oneof(fc.integer(), fc.double())),
          changes: maybe(
            fc.array(maybe(record({ field: maybe(fc.constant('messages')), value: maybe(messagesValue) })), {
              maxLength: 3,
            }),
          ),
        }),
      ),
      { maxLength: 3 },
    ),
  ),
});

describe('fast-path guards', () => {
  it('isNotification agrees with notificationSchema', () => {
    fc.assert(
      fc.property(
        fc.oneof(envelope, anything),
        (value) => isNotification(value) === notificationSchema.safeParse(value).success,
      ),
      { numRuns: 5000 },
    );
  });

  it('isMessagesValue agrees with messagesValueSchema', () => {
    fc.assert(
      fc.property(
        fc.oneof(messagesValue, anything),
        (value) => isMessagesValue(value) === messagesValueSchema.safeParse(value).success,
      ),
      { numRuns: 5000 },
    );
  });

  it('both accept every envelope and messages value of the corpus', () => {
    for (const fixture of allFixtures()) {
      const body = readFixture(fixture) as { entry: Array<{ changes: Array<{ field: string; value: unknown }> }> };
      expect(isNotification(body), fixture).toBe(notificationSchema.safeParse(body).success);
      for (const change of body.entry.flatMap((entry) => entry.changes)) {
        if (change.field === 'messages')
          expect(isMessagesValue(change.value), fixture).toBe(messagesValueSchema.safeParse(change.value).success);
      }
    }
  });

  it('hold on the edge cases zod decides in its own way', () => {
    const ok = { object: 'x', entry: [{ id: '1', changes: [{ field: 'f', value: 1 }] }] };
    for (const value of [
      ok,
      { ...ok, entry: [{ id: Infinity, changes: [] }] },
      { ...ok, entry: [{ id: '1', time: NaN, changes: [] }] },
      { ...ok, entry: [{ id: '1', changes: [{ field: 'f' }] }] },
      { ...ok, entry: [{ id: '1', changes: [{ field: 'f', value: undefined }] }] },
      { ...ok, entry: [[]] },
      [],
    ]) {
      expect(isNotification(value)).toBe(notificationSchema.safeParse(value).success);
    }
  });
});

describe('item fast paths (issue 17: the schema check of common items without a zod copy)', () => {
  const idOrTime = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.double());
  const text = record({
    type: maybe(fc.constant('text')),
    id: maybe(fc.string({ maxLength: 5 })),
    timestamp: maybe(idOrTime),
    from: maybe(fc.string({ maxLength: 5 })),
    from_user_id: maybe(fc.string({ maxLength: 5 })),
    group_id: maybe(fc.string({ maxLength: 5 })),
    text: maybe(record({ body: maybe(fc.string({ maxLength: 5 })) })),
    context: maybe(record({ id: maybe(fc.string()) })),
  });
  const status = record({
    id: maybe(fc.string({ maxLength: 5 })),
    status: maybe(fc.constantFrom('sent', 'read', 'new')),
    timestamp: maybe(idOrTime),
    recipient_id: maybe(fc.string({ maxLength: 5 })),
    recipient_type: maybe(fc.constantFrom('individual', 'group')),
    biz_opaque_callback_data: maybe(fc.string({ maxLength: 5 })),
    pricing: maybe(
      record({
        billable: maybe(fc.boolean()),
        pricing_model: maybe(fc.constant('PMP')),
        type: maybe(fc.string({ maxLength: 5 })),
        category: maybe(fc.string({ maxLength: 5 })),
      }),
    ),
  });
  const asRecord = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};

  it('isPlainTextMessage says yes only for items textMessageSchema accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(text, anything), (value) => {
        const item = asRecord(value) as Record<string, unknown>;
        if (!isPlainTextMessage(item)) return true;
        accepted++;
        return textMessageSchema.safeParse(item).success;
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('isPlainStatus says yes only for items statusSchema accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(status, anything), (value) => {
        const item = asRecord(value) as Record<string, unknown>;
        if (!isPlainStatus(item)) return true;
        accepted++;
        return statusSchema.safeParse(item).success;
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('take the fast path for the text messages and statuses of the corpus', () => {
    let texts = 0;
    let statuses = 0;
    for (const fixture of allFixtures()) {
      const body = readFixture(fixture) as { entry: Array<{ changes: Array<{ field: string; value: unknown }> }> };
      for (const change of body.entry.flatMap((entry) => entry.changes)) {
        if (change.field !== 'messages') continue;
        const value = change.value as {
          messages?: Array<Record<string, unknown>>;
          statuses?: Array<Record<string, unknown>>;
        };
        for (const item of value.messages ?? []) {
          if (isPlainTextMessage(item)) texts++;
          expect(!isPlainTextMessage(item) || textMessageSchema.safeParse(item).success, fixture).toBe(true);
        }
        for (const item of value.statuses ?? []) {
          if (isPlainStatus(item)) statuses++;
          expect(!isPlainStatus(item) || statusSchema.safeParse(item).success, fixture).toBe(true);
        }
      }
    }
    expect(texts).toBeGreaterThan(3);
    expect(statuses).toBeGreaterThan(3);
  });
});
