// A tagged template that escapes every interpolated value unless it is
// already-safe HTML. Pages are built only with it, so forgetting to escape a
// name is not possible: a raw string can only enter through `trusted()`.
import { escapeHtml } from '../markdown.js';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = SafeHtml | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** HTML produced by our own sanitizer (Markdown) or constant markup. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
