/**
 * The bodies of the fuzz suite's requests, as fast-check arbitraries: valid notifications of every shape,
 * truncated JSON, deep nesting, huge strings, invalid UTF-8, a BOM, NUL bytes, sizes around the limit.
 */
import fc from 'fast-check';

const encoder = new TextEncoder();

/** A body and what it is. `depth` > 0 marks deeply nested JSON. */
export interface Body {
  readonly bytes: Uint8Array;
  readonly kind: string;
  readonly depth: number;
}

const wamidArb = fc
  .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=_-'), minLength: 4, maxLength: 40 })
  .map((id) => `wamid.FUZZ${id}`);
const anyTextArb = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

export function textItem(id: string, body: string): Record<string, unknown> {
  return { from: '15551234567', id, timestamp: '1749416383', type: 'text', text: { body } };
}

export function envelope(changes: unknown[]): Record<string, unknown> {
  return { object: 'whatsapp_business_account', entry: [{ id: '102938475600', time: 1749416384, changes }] };
}

export function messagesValue(items: Record<string, unknown>): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550001111', phone_number_id: '106540352242922' },
    contacts: [{ profile: { name: 'Fuzz' }, wa_id: '15551234567' }],
    ...items,
  };
}

/** Notification-shaped JSON values: well-formed, batches, statuses, unknown types and fields, odd shapes. */
const notificationArb: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(wamidArb, anyTextArb)
    .map(([id, text]) => envelope([{ field: 'messages', value: messagesValue({ messages: [textItem(id, text)] }) }])),
  fc
    .array(fc.tuple(wamidArb, anyTextArb), { minLength: 1, maxLength: 8 })
    .map((items) =>
      envelope([
        { field: 'messages', value: messagesValue({ messages: items.map(([id, text]) => textItem(id, text)) }) },
      ]),
    ),
  fc.tuple(wamidArb, fc.constantFrom('sent', 'delivered', 'read', 'failed', 'deleted', '')).map(([id, status]) =>
    envelope([
      {
        field: 'messages',
        value: messagesValue({ statuses: [{ id, status, timestamp: '1749416383', recipient_id: '15551234567' }] }),
      },
    ]),
  ),
  fc.tuple(wamidArb, fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 })).map(([id, type, extra]) =>
    envelope([
      {
        field: 'messages',
        value: messagesValue({ messages: [{ from: '15551234567', id, timestamp: '1', type, [type]: extra }] }),
      },
    ]),
  ),
  fc
    .tuple(fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 3 }))
    .map(([field, value]) => envelope([{ field, value }])),
  fc
    .tuple(
      fc.constantFrom('security', 'account_update', 'message_template_status_update', 'flows'),
      fc.jsonValue({ maxDepth: 3 }),
    )
    .map(([field, value]) => envelope([{ field, value }])),
  fc.record({
    object: fc.oneof(fc.constant('whatsapp_business_account'), fc.string({ maxLength: 20 })),
    entry: fc.jsonValue({ maxDepth: 3 }),
  }),
);

const anyJsonArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: notificationArb },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

/** JSON text of a value, compact or with random (JSON-legal) whitespace. */
const jsonTextArb: fc.Arbitrary<string> = fc
  .tuple(anyJsonArb, fc.constantFrom(undefined, 1, '\t', ' \r\n'))
  .map(([value, space]) => JSON.stringify(value, null, space) ?? 'null');

const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff],
  [0xc3, 0x28],
  [0xed, 0xa0, 0x80], // an encoded UTF-16 surrogate
  [0xc0, 0xaf], // overlong "/"
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82], // truncated sequence
  [0x80],
];

function spliceBytes(text: string, at: number, insert: readonly number[]): Uint8Array {
  const bytes = encoder.encode(text);
  const index = Math.min(bytes.byteLength, Math.floor(at * (bytes.byteLength + 1)));
  return new Uint8Array([...bytes.subarray(0, index), ...insert, ...bytes.subarray(index)]);
}

function nested(depth: number, shape: 'array' | 'object'): string {
  return shape === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** A body of about `size` bytes: a notification padded with a long string. */
function padded(size: number, char: string): string {
  const head = '{"object":"whatsapp_business_account","entry":[],"pad":"';
  const tail = '"}';
  return (
    head + char.repeat(Math.max(0, Math.floor((size - head.length - tail.length) / Buffer.byteLength(char)))) + tail
  );
}

export function bodyArb(limit: number): fc.Arbitrary<Body> {
  const of =
    (kind: string) =>
    (text: string): Body => ({ bytes: encoder.encode(text), kind, depth: 0 });
  return fc.oneof(
    { weight: 6, arbitrary: jsonTextArb.map(of('json')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(jsonTextArb, fraction)
        .map(([text, at]) => of('truncated')(text.slice(0, Math.floor(at * text.length)))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(fc.integer({ min: 2, max: 2000 }), fc.integer({ min: 2000, max: 120_000 })),
          fc.constantFrom('array' as const, 'object' as const),
          fc.boolean(),
        )
        .map(([depth, shape, wrapped]) => {
          const inner = nested(depth, shape);
          const text = wrapped
            ? JSON.stringify(envelope([{ field: 'security', value: 0 }])).replace('"value":0', `"value":${inner}`)
            : inner;
          return { bytes: encoder.encode(text), kind: `deep/${shape}`, depth };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.constantFrom(limit - 1, limit, limit + 1),
            fc.integer({ min: 1024, max: limit * 4 }),
            fc.integer({ min: limit * 4, max: 1024 * 1024 }),
          ),
          fc.constantFrom('x', 'é', '\u{1F600}', '\\u0000'),
        )
        .map(([size, char]) => of('huge-string')(padded(size, char))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(jsonTextArb, fraction, fc.constantFrom(...INVALID_UTF8))
        .map(([text, at, bad]) => ({ bytes: spliceBytes(text, at, bad), kind: 'invalid-utf8', depth: 0 })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          jsonTextArb,
          fc.constantFrom([0xef, 0xbb, 0xbf], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
        )
        .map(([text, bom]) => ({
          bytes: new Uint8Array([...bom, ...encoder.encode(text)]),
          kind: 'bom',
          depth: 0,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(jsonTextArb, fraction)
        .map(([text, at]) => ({ bytes: spliceBytes(text, at, [0]), kind: 'nul', depth: 0 })),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes, kind: 'random-bytes', depth: 0 })),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ bytes: new Uint8Array(0), kind: 'empty', depth: 0 }) },
  );
}
