// Test support for the browser suites (not a test file itself): Debian's
// Chromium driven by playwright-core, a place for screenshots, and a keyboard
// walk that Tabs through a page the way a keyboard user would.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

// The callbacks given to page.evaluate run in the browser; this Node project loads no DOM types, so name them here.
declare const document: any, getComputedStyle: any;
type HTMLElement = any;
type HTMLDetailsElement = any;

/** Debian's package installs it here (.ci/run installs it when missing); VIGIL_CHROMIUM overrides. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * VIGIL_CHROMIUM, else Debian's Chromium, else the headless build that the @sparticuz/chromium dev
 * dependency ships inside itself, so `npm test` needs nothing beyond `npm install`.
 */
async function chromiumPath(): Promise<string> {
  const chosen = process.env.VIGIL_CHROMIUM;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`no Chromium at VIGIL_CHROMIUM=${chosen}`);
    return chosen;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const { default: bundled } = await import('@sparticuz/chromium');
  return bundled.executablePath();
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-zygote'],
  });
}

/** test-artifacts/ at the repository root (gitignored); created on demand. */
export function artifactPath(name: string): string {
  const dir = fileURLToPath(new URL('../../../../test-artifacts/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir + name;
}

/** What can take keyboard focus on a status page: links, group toggles, uptime bars, the subscribe form's field and button. */
export const INTERACTIVE = 'a[href], summary, [tabindex="0"], input:not([type="hidden"]):not([tabindex="-1"]), button';

export interface KeyboardWalk {
  /** Each stop in Tab order, e.g. `A:Incident history`, `SUMMARY:Core`, `DIV:Daily uptime of API, …`. */
  stops: string[];
  /** Interactive elements on the page (all groups open by the end) that Tab never reached. */
  missed: string[];
  /** Stops whose focus left no visible outline. */
  unstyled: string[];
}

/**
 * Presses Tab until focus leaves the page, opening every closed group with
 * Enter on the way (as a keyboard user would), then compares the stops with
 * every interactive element in the final DOM.
 */
export async function walkWithKeyboard(page: Page, maxStops = 3000): Promise<KeyboardWalk> {
  const stops: string[] = [];
  const unstyled: string[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      if (el.dataset.walked) return { done: true as const };
      el.dataset.walked = '1';
      const style = getComputedStyle(el);
      const label = el.getAttribute('aria-label') ?? el.textContent?.trim().replace(/\s+/g, ' ') ?? '';
      const closedGroup = el.tagName === 'SUMMARY' && !(el.parentElement as HTMLDetailsElement).open;
      return { done: false as const, id: `${el.tagName}:${label}`, outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, closedGroup };
    });
    if (stop === null || stop.done) break;
    stops.push(stop.id);
    if (!stop.outlined) unstyled.push(stop.id);
    if (stop.closedGroup) await page.keyboard.press('Enter');
  }
  const missed = await page.evaluate(
    (selector) =>
      [...(document.querySelectorAll(selector) as Iterable<HTMLElement>)]
        .filter((el) => !el.dataset.walked && el.getClientRects().length > 0)
        .map((el) => `${el.tagName}:${el.getAttribute('aria-label') ?? el.textContent?.trim()}`),
    INTERACTIVE,
  );
  return { stops, missed, unstyled };
}
