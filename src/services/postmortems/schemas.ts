import { z } from 'zod';
import { POSTMORTEM_TEMPLATE_KEYS } from '../../domain/postmortem.js';
import { isoTime } from '../validation.js';

export const postmortemTemplate = z.enum(POSTMORTEM_TEMPLATE_KEYS);

const sectionKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1–64 characters of a-z, 0-9, "_" or "-", starting with a letter or digit');

const sectionInput = z.strictObject({
  key: sectionKey.optional().describe('defaults to the title as a slug ("Root causes" → "root-causes")'),
  title: z.string().trim().max(255, 'must be at most 255 characters'),
  body: z.string().max(100_000, 'must be at most 100000 characters'),
});

export const savePostmortemInput = z
  .strictObject({
    template: postmortemTemplate.default('standard'),
    sections: z.array(sectionInput).max(50, 'must have at most 50 sections').optional()
      .describe('in display order; when omitted, the template\'s sections with empty bodies'),
  })
  .meta({ id: 'PostmortemSave' });
export type SavePostmortemInput = z.output<typeof savePostmortemInput>;

export const postmortemSection = z.object({ key: z.string(), title: z.string(), body: z.string() }).meta({ id: 'PostmortemSection' });

export const postmortem = z
  .object({
    incident_id: z.string(),
    template: postmortemTemplate,
    sections: z.array(postmortemSection),
    published_at: isoTime.nullable(),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'Postmortem' });
export type Postmortem = z.output<typeof postmortem>;
