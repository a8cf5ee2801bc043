/** `message_template_quality_update`: a template's quality score changed (PAYLOADS.md section 4). */
import { z } from 'zod';
import { openEnum, templateRefShape } from './shared';

const qualityScore = openEnum(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']);

/** `message_template_quality_update` change value. */
export const messageTemplateQualityUpdateSchema = z.looseObject({
  ...templateRefShape,
  previous_quality_score: qualityScore.optional(),
  new_quality_score: qualityScore,
});
export type MessageTemplateQualityUpdate = z.infer<typeof messageTemplateQualityUpdateSchema>;
