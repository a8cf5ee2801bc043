/**
 * `history`: chat history shared by a WhatsApp Business app user when onboarding to the Cloud API
 * (coexistence), in chunks; media contents follow as `history` changes with `messages[]`
 * (docs/PAYLOADS.md section 4).
 */
import { z } from 'zod';
import { anyMessageSchema } from './messages';
import { errorsSchema, looseObject, messagingValueShape, openEnum, schemaOf } from './shared';

/** One message of a history thread: any message type plus its delivery state. */
export const historyMessageSchema = anyMessageSchema.extend({
  to: z.string().optional(),
  history_context: looseObject({
    status: openEnum(['DELIVERED', 'ERROR', 'PENDING', 'PLAYED', 'READ', 'SENT']),
  }).optional(),
});
/** One message of a history thread (inferred from `historyMessageSchema`). */
export interface HistoryMessage extends z.infer<typeof historyMessageSchema> {}

/** One conversation of a history chunk. */
export const historyThreadSchema = looseObject({
  /** The user's phone number (or id) the conversation is with. */
  id: z.string(),
  context: looseObject({
    wa_id: z.string().optional(),
    user_id: z.string().optional(),
    parent_user_id: z.string().optional(),
  }).optional(),
  messages: z.array(schemaOf<HistoryMessage>(historyMessageSchema)),
});
/** One conversation of a history chunk (inferred from `historyThreadSchema`). */
export interface HistoryThread extends z.infer<typeof historyThreadSchema> {}

/** One item of `history[]`: a chunk of threads, or `errors` when sharing was declined (error 2593109). */
export const historyChunkSchema = looseObject({
  metadata: looseObject({
    /** 0 to 2. */
    phase: z.number().optional(),
    chunk_order: z.number().optional(),
    /** Percent, 0 to 100. */
    progress: z.number().optional(),
  }).optional(),
  threads: z.array(schemaOf<HistoryThread>(historyThreadSchema)).optional(),
  errors: errorsSchema.optional(),
});
/** One item of `history[]` (inferred from `historyChunkSchema`). */
export interface HistoryChunk extends z.infer<typeof historyChunkSchema> {}

/** `history` change value: `history[]` chunks, or the follow-up `messages[]` / `message_echoes[]` with media contents. */
export const historySchema = looseObject({
  ...messagingValueShape,
  history: z.array(schemaOf<HistoryChunk>(historyChunkSchema)).optional(),
  messages: z.array(schemaOf<HistoryMessage>(historyMessageSchema)).optional(),
  message_echoes: z.array(schemaOf<HistoryMessage>(historyMessageSchema)).optional(),
});
/** `history` change value (inferred from `historySchema`). */
export interface History extends z.infer<typeof historySchema> {}
