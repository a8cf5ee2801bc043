/** `message_template_components_update`: a template's components were edited (docs/PAYLOADS.md section 4). */
import { z } from 'zod';
import { looseObject, openEnum, schemaOf, templateRefShape } from './shared';

/** One button of `message_template_buttons[]`. */
export const templateButtonSchema = looseObject({
  message_template_button_type: openEnum([
    'CATALOG',
    'COPY_CODE',
    'EXTENSION',
    'FLOW',
    'MPM',
    'ORDER_DETAILS',
    'OTP',
    'PHONE_NUMBER',
    'POSTBACK',
    'REMINDER',
    'SEND_LOCATION',
    'SPM',
    'QUICK_REPLY',
    'URL',
    'VOICE_CALL',
  ]),
  message_template_button_text: z.string(),
  message_template_button_url: z.string().optional(),
  message_template_button_phone_number: z.string().optional(),
});
/** One button of `message_template_buttons[]` (inferred from `templateButtonSchema`). */
export interface TemplateButton extends z.infer<typeof templateButtonSchema> {}

/** `message_template_components_update` change value. */
export const messageTemplateComponentsUpdateSchema = looseObject({
  ...templateRefShape,
  /** The body text. */
  message_template_element: z.string(),
  /** The header text. */
  message_template_title: z.string().optional(),
  message_template_footer: z.string().optional(),
  message_template_buttons: z.array(schemaOf<TemplateButton>(templateButtonSchema)).optional(),
});
/** `message_template_components_update` change value (inferred from `messageTemplateComponentsUpdateSchema`). */
export interface MessageTemplateComponentsUpdate extends z.infer<typeof messageTemplateComponentsUpdateSchema> {}
