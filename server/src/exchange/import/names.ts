// Names, ids and countries for imported entities.
import { createHash } from 'node:crypto';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(en);

/** The form in which two names count as the same: "APT 31", "apt31" and "APT-31" match. */
export function normalName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'unnamed';
}

export function shortHash(text: string, length = 12): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** A Source node id for a URL (or any reference text), stable across imports. */
export function sourceIdFor(reference: string): string {
  return `source:ref-${shortHash(reference)}`;
}

const COMMON_NAMES: Record<string, string> = {
  // Names used in threat-intel data that the ISO list spells differently.
  'united states of america': 'US',
  usa: 'US',
  uk: 'GB',
  'great britain': 'GB',
  'south korea': 'KR',
  'north korea': 'KP',
  russia: 'RU',
  iran: 'IR',
  syria: 'SY',
  vietnam: 'VN',
  taiwan: 'TW',
  palestine: 'PS',
  'czech republic': 'CZ',
  czechia: 'CZ',
};

/** A country by ISO 3166 alpha-2 code or common English name, or undefined. */
export function country(nameOrCode: string): { iso2: string; name: string } | undefined {
  const raw = nameOrCode.trim();
  const code =
    /^[A-Za-z]{2}$/.test(raw) && countries.isValid(raw.toUpperCase())
      ? raw.toUpperCase()
      : (COMMON_NAMES[raw.toLowerCase()] ?? countries.getAlpha2Code(raw, 'en'));
  if (!code) return undefined;
  const name = countries.getName(code, 'en', { select: 'alias' }) ?? countries.getName(code, 'en');
  return name ? { iso2: code, name } : undefined;
}
