/** `message_template_quality_update`: a template's quality score changed (docs/PAYLOADS.md section 4). */
import { type z } from 'zod';
import { looseObject, openEnum, templateRefShape } from './shared';

const qualityScore = openEnum(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']);

/** `message_template_quality_update` change value. */
export const messageTemplateQualityUpdateSchema = looseObject({
  ...templateRefShape,
  previous_quality_score: qualityScore.optional(),
  new_quality_score: qualityScore,
});
/** `message_template_quality_update` change value (inferred from `messageTemplateQualityUpdateSchema`). */
export interface MessageTemplateQualityUpdate extends z.infer<typeof messageTemplateQualityUpdateSchema> {}
