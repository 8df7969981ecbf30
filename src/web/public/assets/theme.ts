// The page's colours. The operator's accent colour is used wherever it keeps
// WCAG contrast against the theme's background (links need 4.5:1, focus rings
// and the header rule 3:1); otherwise the built-in colour stands in, so a pale
// brand colour never makes links unreadable in either theme.

export interface ThemeColors {
  link: string;
  focus: string;
  rule: string;
}

const LIGHT_BG = '#ffffff';
const DARK_BG = '#0d1117';
const DEFAULTS = {
  light: { link: '#0a58ca', focus: '#0a58ca', rule: '#0a58ca' },
  dark: { link: '#6cb6ff', focus: '#6cb6ff', rule: '#6cb6ff' },
};

/** WCAG 2.x relative luminance of #rrggbb. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const HEX = /^#[0-9a-f]{6}$/i;

export function themeColors(accent: string | null, scheme: 'light' | 'dark'): ThemeColors {
  const fallback = DEFAULTS[scheme];
  if (accent === null || !HEX.test(accent)) return fallback;
  const bg = scheme === 'light' ? LIGHT_BG : DARK_BG;
  const ratio = contrastRatio(accent, bg);
  return {
    link: ratio >= 4.5 ? accent : fallback.link,
    focus: ratio >= 3 ? accent : fallback.focus,
    // The header rule is decoration: show the brand colour as long as it is visible at all.
    rule: ratio >= 1.5 ? accent : fallback.rule,
  };
}

/** CSS custom properties for both schemes. */
export function themeCss(accent: string | null): string {
  const light = themeColors(accent, 'light');
  const dark = themeColors(accent, 'dark');
  const vars = (c: ThemeColors) => `--link:${c.link};--focus:${c.focus};--rule:${c.rule};`;
  return `:root{${vars(light)}}@media (prefers-color-scheme:dark){:root{${vars(dark)}}}`;
}
