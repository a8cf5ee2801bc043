/**
 * `history`: chat history shared by a WhatsApp Business app user when onboarding to the Cloud API
 * (coexistence), in chunks; media contents follow as `history` changes with `messages[]`
 * (PAYLOADS.md section 4).
 */
import { z } from 'zod';
import { anyMessageSchema } from './messages';
import { errorSchema, messagingValueShape, openEnum } from './shared';

/** One message of a history thread: any message type plus its delivery state. */
export const historyMessageSchema = anyMessageSchema.extend({
  to: z.string().optional(),
  history_context: z
    .looseObject({ status: openEnum(['DELIVERED', 'ERROR', 'PENDING', 'PLAYED', 'READ', 'SENT']) })
    .optional(),
});
export type HistoryMessage = z.infer<typeof historyMessageSchema>;

/** One conversation of a history chunk. */
export const historyThreadSchema = z.looseObject({
  /** The user's phone number (or id) the conversation is with. */
  id: z.string(),
  context: z
    .looseObject({
      wa_id: z.string().optional(),
      user_id: z.string().optional(),
      parent_user_id: z.string().optional(),
    })
    .optional(),
  messages: z.array(historyMessageSchema),
});
export type HistoryThread = z.infer<typeof historyThreadSchema>;

/** One item of `history[]`: a chunk of threads, or `errors` when sharing was declined (error 2593109). */
export const historyChunkSchema = z.looseObject({
  metadata: z
    .looseObject({
      /** 0 to 2. */
      phase: z.number().optional(),
      chunk_order: z.number().optional(),
      /** Percent, 0 to 100. */
      progress: z.number().optional(),
    })
    .optional(),
  threads: z.array(historyThreadSchema).optional(),
  errors: z.array(errorSchema).optional(),
});
export type HistoryChunk = z.infer<typeof historyChunkSchema>;

/** `history` change value: `history[]` chunks, or the follow-up `messages[]` / `message_echoes[]` with media contents. */
export const historySchema = z.looseObject({
  ...messagingValueShape,
  history: z.array(historyChunkSchema).optional(),
  messages: z.array(historyMessageSchema).optional(),
  message_echoes: z.array(historyMessageSchema).optional(),
});
export type History = z.infer<typeof historySchema>;
