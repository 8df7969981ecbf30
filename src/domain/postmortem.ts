// Postmortem templates and rendering. A published postmortem becomes the body
// of the incident's `postmortem` update, as Statuspage does, so it renders to
// Markdown with `####` headings (seed 000 uses exactly that shape).

export interface PostmortemSection {
  key: string;
  title: string;
  body: string;
}

export interface PostmortemTemplate {
  name: string;
  sections: { key: string; title: string; prompt: string }[];
}

export const POSTMORTEM_TEMPLATE_KEYS = ['standard', 'google-sre', 'issue-summary', 'blank'] as const;
export type PostmortemTemplateKey = (typeof POSTMORTEM_TEMPLATE_KEYS)[number];

const s = (title: string, prompt: string) => ({ key: slugifySectionKey(title), title, prompt });

export const POSTMORTEM_TEMPLATES: Record<PostmortemTemplateKey, PostmortemTemplate> = {
  standard: {
    name: 'Standard',
    sections: [
      s('Leadup', 'Describe the circumstances that led to this incident'),
      s('Fault', 'Describe what failed to work as expected'),
      s('Detection', 'Describe how the incident was detected'),
      s('Root causes', 'Run a five-whys analysis to understand the true causes of the incident'),
      s('Mitigation and resolution', 'What steps did you take to resolve this incident?'),
      s('Lessons learnt', 'What went well? What could have gone better? What else did you learn?'),
    ],
  },
  'google-sre': {
    name: 'Google SRE',
    sections: [
      s('Summary', 'Describe what happened in one or two sentences'),
      s('Impact', 'Who was affected, how, and for how long'),
      s('Root causes', 'Explain why the incident happened'),
      s('Trigger', 'What set the failure off (a deploy, a config change, a traffic spike)?'),
      s('Resolution', 'Describe what was done to mitigate and fix the issue'),
      s('Detection', 'Describe how and when the issue was detected, and by whom or what'),
      s('Action items', 'List what will be done to prevent a recurrence, each with an owner'),
      s('Lessons learned', 'What went well? What went wrong? Where did we get lucky?'),
      s('Timeline', 'List the key events with UTC times, from the first sign of trouble to resolution'),
    ],
  },
  'issue-summary': {
    name: 'Issue summary',
    sections: [
      s('Issue summary', 'Describe the duration, the impact on users and the root cause in a short paragraph'),
      s('Timeline', 'List when the issue was detected, how, the actions taken and when it was resolved'),
      s('Root cause and resolution', 'Describe what caused the issue and how it was fixed'),
      s('Corrective and preventative measures', 'List the concrete tasks that will stop this happening again'),
    ],
  },
  blank: { name: 'Blank', sections: [] },
};

export function isPostmortemTemplate(x: string): x is PostmortemTemplateKey {
  return Object.hasOwn(POSTMORTEM_TEMPLATES, x);
}

/** Fresh sections (empty bodies) for a new postmortem from `template`. */
export function sectionsFromTemplate(template: PostmortemTemplateKey): PostmortemSection[] {
  return POSTMORTEM_TEMPLATES[template].sections.map(({ key, title }) => ({ key, title, body: '' }));
}

/**
 * Each section with a non-blank body as `#### <title>\n\n<body>`, joined by blank
 * lines. Leading blank lines and trailing whitespace of a body are dropped, but not
 * leading indentation (it may be a code block); a blank title renders the body alone.
 */
export function renderPostmortemMarkdown(sections: PostmortemSection[]): string {
  return sections
    .filter((sec) => sec.body.trim() !== '')
    .map((sec) => {
      const title = sec.title.replace(/\s+/g, ' ').trim();
      const body = sec.body.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
      return title ? `#### ${title}\n\n${body}` : body;
    })
    .join('\n\n');
}

/** "Root causes" → "root-causes"; accents folded, never empty ("section"). */
export function slugifySectionKey(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}
