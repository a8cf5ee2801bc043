/** The fast-path guards accept exactly what the zod schemas accept: property-tested, and on the corpus. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMessagesValue, isNotification } from '../src/guards';
import { messagesValueSchema, notificationSchema } from '../src/schemas/index';
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
