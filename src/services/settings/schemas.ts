import { z } from 'zod';
import { isoTime, name, nonEmptyPatch } from '../validation.js';

/** An absolute http(s) URL, where the public status page is reached. */
const publicUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .refine(isHttpUrl, 'must be an absolute http:// or https:// URL, e.g. https://status.example.com');

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/**
 * An IANA zone name as Intl knows it. The letter case is normalised to the
 * canonical spelling; other aliases (Asia/Kolkata) are kept as written,
 * because older ICU data would "canonicalise" them to retired names.
 */
const timeZone = z
  .string()
  .max(64, 'must be at most 64 characters')
  .refine((v) => canonicalTimeZone(v) !== null, 'must be an IANA time zone name, e.g. Europe/Paris or UTC')
  .transform((v) => {
    const canonical = canonicalTimeZone(v)!;
    return canonical.toLowerCase() === v.toLowerCase() ? canonical : v;
  });

function canonicalTimeZone(value: string): string | null {
  // Intl also accepts offsets such as "+01:00" on newer runtimes; those are not zone names.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The logo shown in the page header: an absolute http(s) URL (the browser fetches it, so no data: or javascript:). */
const logoUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .refine(isHttpUrl, 'must be an absolute http:// or https:// URL of an image, e.g. https://acme.test/logo.svg');

/** The brand colour as #rrggbb, stored lowercase so the page renders one spelling. */
const accentColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb, e.g. #0b5fff')
  .transform((v) => v.toLowerCase());

export const updateSettingsInput = z
  .strictObject({
    name,
    public_url: publicUrl.nullable(),
    time_zone: timeZone,
    logo_url: logoUrl.nullable(),
    accent_color: accentColor.nullable(),
  })
  .partial()
  .refine(nonEmptyPatch, 'must change at least one field')
  .meta({ id: 'PageSettingsUpdate' });
export type UpdateSettingsInput = z.output<typeof updateSettingsInput>;

export const pageSettings = z
  .object({
    name: z.string(),
    public_url: z.string().nullable(),
    time_zone: z.string(),
    logo_url: z.string().nullable().describe('absolute http(s) URL of the logo shown in the page header'),
    accent_color: z.string().nullable().describe('brand colour as #rrggbb, used for the header and links where contrast allows'),
    updated_at: isoTime.describe('when the settings last changed (the install time until then)'),
  })
  .meta({ id: 'PageSettings' });
export type PageSettings = z.output<typeof pageSettings>;
