import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  POSTMORTEM_TEMPLATES,
  POSTMORTEM_TEMPLATE_KEYS,
  isPostmortemTemplate,
  renderPostmortemMarkdown,
  sectionsFromTemplate,
  slugifySectionKey,
} from './postmortem.js';

const titles = (k: keyof typeof POSTMORTEM_TEMPLATES) => POSTMORTEM_TEMPLATES[k].sections.map((x) => x.title);

test('standard template has the seed 000 sections, five whys in root causes', () => {
  assert.deepEqual(titles('standard'), ['Leadup', 'Fault', 'Detection', 'Root causes', 'Mitigation and resolution', 'Lessons learnt']);
  const root = POSTMORTEM_TEMPLATES.standard.sections.find((x) => x.key === 'root-causes');
  assert.match(root?.prompt ?? '', /five-whys/i);
  assert.equal(POSTMORTEM_TEMPLATES.standard.sections[1]?.prompt, 'Describe what failed to work as expected');
});

test('google-sre template sections', () => {
  assert.deepEqual(titles('google-sre'), [
    'Summary', 'Impact', 'Root causes', 'Trigger', 'Resolution', 'Detection', 'Action items', 'Lessons learned', 'Timeline',
  ]);
});

test('issue-summary template has the seed 002 sections', () => {
  assert.deepEqual(titles('issue-summary'), ['Issue summary', 'Timeline', 'Root cause and resolution', 'Corrective and preventative measures']);
});

test('blank template has no sections', () => {
  assert.deepEqual(POSTMORTEM_TEMPLATES.blank.sections, []);
  assert.deepEqual(sectionsFromTemplate('blank'), []);
});

test('every template: keys are slugs of titles, unique, prompts are one non-empty line', () => {
  for (const k of POSTMORTEM_TEMPLATE_KEYS) {
    const t = POSTMORTEM_TEMPLATES[k];
    assert.ok(t.name.length > 0);
    const keys = t.sections.map((x) => x.key);
    assert.equal(new Set(keys).size, keys.length, `${k} has duplicate keys`);
    for (const sec of t.sections) {
      assert.equal(sec.key, slugifySectionKey(sec.title));
      assert.ok(sec.prompt.trim().length > 0 && !sec.prompt.includes('\n'));
    }
  }
});

test('sectionsFromTemplate gives fresh sections with empty bodies', () => {
  const a = sectionsFromTemplate('standard');
  assert.deepEqual(a[0], { key: 'leadup', title: 'Leadup', body: '' });
  assert.equal(a.length, 6);
  assert.ok(a.every((x) => x.body === ''));
  a[0]!.body = 'changed';
  assert.equal(sectionsFromTemplate('standard')[0]?.body, '');
});

test('isPostmortemTemplate', () => {
  for (const k of POSTMORTEM_TEMPLATE_KEYS) assert.equal(isPostmortemTemplate(k), true);
  assert.equal(isPostmortemTemplate('Standard'), false);
  assert.equal(isPostmortemTemplate('toString'), false);
  assert.equal(isPostmortemTemplate('__proto__'), false);
  assert.equal(isPostmortemTemplate(''), false);
});

test('renderPostmortemMarkdown renders non-empty sections as #### headings', () => {
  const md = renderPostmortemMarkdown([
    { key: 'leadup', title: 'Leadup', body: '* An engineer made a typo while modifying a cronjob' },
    { key: 'fault', title: 'Fault', body: '   \n  ' },
    { key: 'detection', title: 'Detection', body: '\n\nMonitoring paged the ERT.\n\n' },
  ]);
  assert.equal(md, '#### Leadup\n\n* An engineer made a typo while modifying a cronjob\n\n#### Detection\n\nMonitoring paged the ERT.');
});

test('renderPostmortemMarkdown keeps body indentation and multi-paragraph bodies', () => {
  const md = renderPostmortemMarkdown([{ key: 'x', title: 'Fix', body: '    crontab -e\n\nThen restart.' }]);
  assert.equal(md, '#### Fix\n\n    crontab -e\n\nThen restart.');
});

test('renderPostmortemMarkdown puts a multi-line title on one line; blank title renders body only', () => {
  assert.equal(renderPostmortemMarkdown([{ key: 'a', title: ' Root\ncauses ', body: 'x' }]), '#### Root causes\n\nx');
  assert.equal(renderPostmortemMarkdown([{ key: 'a', title: '  ', body: 'x' }]), 'x');
});

test('renderPostmortemMarkdown of nothing is empty', () => {
  assert.equal(renderPostmortemMarkdown([]), '');
  assert.equal(renderPostmortemMarkdown(sectionsFromTemplate('standard')), '');
});

test('slugifySectionKey', () => {
  assert.equal(slugifySectionKey('Root causes'), 'root-causes');
  assert.equal(slugifySectionKey('Mitigation and resolution'), 'mitigation-and-resolution');
  assert.equal(slugifySectionKey('  What went well?  '), 'what-went-well');
  assert.equal(slugifySectionKey('Leçons apprises'), 'lecons-apprises');
  assert.equal(slugifySectionKey('Q&A / follow-ups'), 'q-a-follow-ups');
  assert.equal(slugifySectionKey('!!!'), 'section');
  assert.equal(slugifySectionKey(''), 'section');
});
