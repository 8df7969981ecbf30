import { notFound, validationError, type FieldIssue } from '../../domain/errors.js';
import { sectionsFromTemplate, slugifySectionKey, type PostmortemSection } from '../../domain/postmortem.js';
import { lockIncident } from '../../store/incidents.js';
import { getPostmortem, insertPostmortem, updatePostmortem } from '../../store/postmortems.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { presentPostmortem } from './present.js';
import { savePostmortemInput, type Postmortem, type SavePostmortemInput } from './schemas.js';

function sectionsOf(input: SavePostmortemInput): PostmortemSection[] {
  if (!input.sections) return sectionsFromTemplate(input.template);
  const sections = input.sections.map((s) => ({ key: s.key ?? slugifySectionKey(s.title), title: s.title, body: s.body }));
  const firstIndex = new Map<string, number>();
  const issues: FieldIssue[] = [];
  sections.forEach((s, i) => {
    const first = firstIndex.get(s.key);
    if (first === undefined) firstIndex.set(s.key, i);
    else issues.push({ path: `sections.${i}.key`, message: `"${s.key}" is already the key of section ${first}; give each section its own key` });
  });
  if (issues.length > 0) throw validationError(issues);
  return sections;
}

/**
 * Creates or replaces the incident's postmortem draft. A published postmortem
 * keeps showing its published text until it is published again.
 */
export async function savePostmortem(ctx: ServiceContext, incidentId: string, raw: unknown): Promise<Postmortem> {
  const input = parseInput(savePostmortemInput, raw ?? {});
  const sections = JSON.stringify(sectionsOf(input));
  return transact(ctx, async (tx) => {
    if (!(await lockIncident(tx.db, incidentId))) throw notFound('incident', incidentId);
    const existing = await getPostmortem(tx.db, incidentId);
    if (existing) {
      await updatePostmortem(tx.db, incidentId, { template: input.template, sections, updated_at: tx.now });
    } else {
      await insertPostmortem(tx.db, {
        incident_id: incidentId,
        template: input.template,
        sections,
        published_at: null,
        created_at: tx.now,
        updated_at: tx.now,
      });
    }
    const after = presentPostmortem((await getPostmortem(tx.db, incidentId))!);
    await tx.audit('postmortem.save', { type: 'postmortem', id: incidentId }, existing ? presentPostmortem(existing) : null, after);
    return after;
  });
}
