/**
 * A consumer file: what a user writes in handlers, compiled by `compile.test.ts` with TypeScript 5.9 and
 * TypeScript 7 against the built declarations and against the sources. Every `@ts-expect-error` marks a
 * misspelt property that must not compile (a directive with no error under it fails the compile); every
 * other line must compile. `event.raw` is the escape hatch to keys the schemas do not know yet.
 */
import {
  createWebhooks,
  type KnownStatusValue,
  type RawObject,
  type StatusValue,
  type TextMessage,
  type UnknownEvent,
} from '@wa-webhooks/core';
import { type fieldSchemas, STATUS_VALUES, textMessageSchema } from '@wa-webhooks/core/schemas';
import type { z } from 'zod';

const webhooks = createWebhooks({ appSecret: 'secret', verifyToken: 'token' });

// Messages: the item, its content object, the escape hatch.
webhooks.on('messages.text', (event) => {
  const body: string = event.message.text.body;
  // @ts-expect-error: `txet` is a typo of `text`
  const _typo1 = event.message.txet;
  // @ts-expect-error: `bdoy` is a typo of `body`
  const _typo2 = event.message.text.bdoy;
  // @ts-expect-error: `contxet` is a typo of `context`
  const _typo3 = event.message.contxet?.id;
  // @ts-expect-error: `sendr` is a typo of `sender` (the event itself is exact too)
  const _typo4 = event.sendr;
  // Keys Meta adds later: read them through `raw`, typed `unknown`, never `any`.
  const added: unknown = event.raw.brand_new_key;
  // @ts-expect-error: a raw value is `unknown`, so it must be checked before use
  const _notAny: string = event.raw.brand_new_key;
  // @ts-expect-error: `raw` is read-only
  event.raw.brand_new_key = 1;
  const asRecord: RawObject = event.raw;
  // The item types still fit where a record of unknown values is expected (loggers, serialisers).
  const message: Readonly<Record<string, unknown>> = event.message;
  return [body, added, asRecord, message];
});

webhooks.on('messages', (event) => {
  if (event.message.type === 'image') {
    const id: string = event.message.image.id;
    // @ts-expect-error: `captoin` is a typo of `caption`
    const _typo = event.message.image.captoin;
    return id;
  }
  return undefined;
});

// Statuses: exact items, open `status` values.
webhooks.on('statuses.read', (event) => {
  const recipient: string | undefined = event.status.recipient_id;
  // @ts-expect-error: `recipeint_id` is a typo of `recipient_id`
  const _typo1 = event.status.recipeint_id;
  // @ts-expect-error: `pricng` is a typo of `pricing`
  const _typo2 = event.status.pricng;
  // @ts-expect-error: `categroy` is a typo of `category`, in a nested object
  const _typo3 = event.status.pricing?.categroy;
  return recipient;
});

webhooks.on('statuses', (event) => {
  // Meta adds status values without notice: any string is a `StatusValue`.
  const value: StatusValue = event.status.status;
  const later: StatusValue = 'deleted';
  const known: KnownStatusValue = STATUS_VALUES[0];
  // @ts-expect-error: only the documented values are `KnownStatusValue`
  const _unknownValue: KnownStatusValue = 'deleted';
  return [value, later, known];
});

// Interactive replies.
webhooks.on('messages.interactive.button_reply', (event) => {
  const title: string = event.message.interactive.button_reply.title;
  // @ts-expect-error: `titel` is a typo of `title`
  const _typo1 = event.message.interactive.button_reply.titel;
  // @ts-expect-error: `buton_reply` is a typo of `button_reply`
  const _typo2 = event.message.interactive.buton_reply;
  return title;
});

webhooks.on('messages.interactive', (event) => {
  if (event.message.interactive.type === 'list_reply') {
    // @ts-expect-error: `descripton` is a typo of `description`
    const _typo = event.message.interactive.list_reply.descripton;
  }
});

webhooks.on('messages.interactive.nfm_reply', (event) => {
  // @ts-expect-error: `response_jsn` is a typo of `response_json`
  const _typo = event.message.interactive.nfm_reply.response_jsn;
});

// Value-level errors.
webhooks.on('errors', (event) => {
  const code: number | string = event.error.code;
  // @ts-expect-error: `cdoe` is a typo of `code`
  const _typo = event.error.cdoe;
  return code;
});

// Field events: the typed value, nested items, and the raw value.
webhooks.on('message_template_status_update', (event) => {
  const name: string = event.value.message_template_name;
  // @ts-expect-error: `message_template_nmae` is a typo of `message_template_name`
  const _typo1 = event.value.message_template_nmae;
  // @ts-expect-error: `recomendation` is a typo of `recommendation`
  const _typo2 = event.value.rejection_info?.recomendation;
  const added: unknown = event.raw.brand_new_key;
  return [name, added];
});

webhooks.on('history', (event) => {
  const message = event.value.history?.[0]?.threads?.[0]?.messages[0];
  const body: string | undefined = message?.text?.body;
  // @ts-expect-error: `txet` is a typo of `text`, three arrays deep
  const _typo = message?.txet;
  return body;
});

webhooks.on('calls', (event) => {
  // @ts-expect-error: `sesion` is a typo of `session`
  const _typo = event.value.calls?.[0]?.sesion;
});

// Unknown events: nothing is known about `raw`, `path` is read-only.
webhooks.onUnknown((event: UnknownEvent) => {
  const where: readonly (string | number)[] = event.path;
  // @ts-expect-error: `raw` is `unknown` on an unknown event; narrow it first
  const _field = event.raw.anything;
  // @ts-expect-error: `path` is read-only
  event.path.push('x');
  return where;
});

// The schemas of `@wa-webhooks/core/schemas` infer the same exact types.
const parsed = textMessageSchema.parse({});
const sameType: TextMessage = parsed;
// @ts-expect-error: `txet` is a typo of `text`
const _parsedTypo = parsed.txet;
type FieldValue = z.infer<(typeof fieldSchemas)['security']>;
// @ts-expect-error: `evnet` is a typo of `event`
const _fieldTypo: FieldValue['evnet'] = undefined;

export { sameType };
