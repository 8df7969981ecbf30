import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { STYLES } from './styles.js';
import { contrastRatio, themeColors, themeCss } from './theme.js';

/** The custom properties of the light (first) and dark (second) :root blocks. */
function palette(scheme: 'light' | 'dark'): Record<string, string> {
  const blocks = [...STYLES.matchAll(/:root\{([^}]*)\}/g)].map((m) => m[1]!);
  const block = scheme === 'light' ? blocks[0]! : blocks[1]!;
  return Object.fromEntries([...block.matchAll(/--([\w-]+):(#[0-9a-f]{6})/g)].map((m) => [m[1]!, m[2]!]));
}

describe('page colours', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`${scheme}: text, status words and banners keep WCAG AA contrast`, () => {
      const p = palette(scheme);
      const ui = themeColors(null, scheme);
      assert.ok(contrastRatio(p.fg!, p.bg!) >= 7, 'body text');
      assert.ok(contrastRatio(p.muted!, p.bg!) >= 4.5, 'muted text');
      assert.ok(contrastRatio(p.muted!, p.surface!) >= 4.5, 'muted text on the header/postmortem surface');
      assert.ok(contrastRatio(ui.link, p.bg!) >= 4.5, 'links');
      assert.ok(contrastRatio(ui.focus, p.bg!) >= 3, 'focus ring');
      assert.ok(contrastRatio(p['tip-fg']!, p['tip-bg']!) >= 7, 'uptime tooltip');
      for (const status of ['ok', 'degraded', 'partial', 'major', 'maint']) {
        assert.ok(contrastRatio(p[status]!, p.bg!) >= 4.5, `${status} as text on the page`);
        assert.ok(contrastRatio(p['on-status']!, p[status]!) >= 4.5, `banner text on ${status}`);
      }
    });
  }

  test('the accent colour is used where it keeps contrast, and replaced where it would not', () => {
    assert.deepEqual(themeColors('#0b5fff', 'light'), { link: '#0b5fff', focus: '#0b5fff', rule: '#0b5fff' });
    // Pale yellow: unreadable as link text on white (and barely visible as a rule), fine on the dark background.
    const pale = '#ffe066';
    assert.deepEqual(themeColors(pale, 'light'), { link: '#0a58ca', focus: '#0a58ca', rule: '#0a58ca' });
    assert.deepEqual(themeColors('#e8590c', 'light'), { link: '#0a58ca', focus: '#e8590c', rule: '#e8590c' }, 'orange: 3.6:1 is enough for a ring, not for text');
    assert.deepEqual(themeColors(pale, 'dark'), { link: pale, focus: pale, rule: pale });
    // Not a #rrggbb value (the settings API only stores those): ignored, so CSS cannot be injected.
    assert.equal(themeCss('red;}body{display:none'), themeCss(null));
  });
});
