import type { PostmortemSection, PostmortemTemplateKey } from '../../domain/postmortem.js';
import type { PostmortemRow } from '../../store/schema.js';
import type { Postmortem } from './schemas.js';

export function parseSections(row: PostmortemRow): PostmortemSection[] {
  return JSON.parse(row.sections) as PostmortemSection[];
}

export function presentPostmortem(row: PostmortemRow): Postmortem {
  return {
    incident_id: row.incident_id,
    template: row.template as PostmortemTemplateKey,
    sections: parseSections(row),
    published_at: row.published_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
