/**
 * The locale of each language and the dates and numbers written in it, for every layer: the
 * screens, the PDF documents and the exports format alike. Pure.
 */
import type { Language } from './messages';

/** German as in Germany; English as in Britain (day before month, 24-hour clock). */
const LOCALES = { de: 'de-DE', en: 'en-GB' } as const satisfies Record<Language, string>;
export type Locale = (typeof LOCALES)[Language];

/** The BCP 47 locale for Intl and for a document's language tag. */
export function localeOf(lang: Language): Locale {
  return LOCALES[lang];
}

const numberFormatters = new Map<Language, Intl.NumberFormat>();

/** A count with the language's digit grouping: 25.000 or 25,000. */
export function formatNumber(lang: Language, n: number): string {
  let fmt = numberFormatters.get(lang);
  if (!fmt) numberFormatters.set(lang, (fmt = new Intl.NumberFormat(LOCALES[lang])));
  return fmt.format(n);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// Building an Intl formatter costs far more than using one; an audit table formats thousands.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Language, parts: 'date' | 'time' | 'both', timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${lang}|${parts}|${timeZone ?? ''}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(LOCALES[lang], {
      ...(parts !== 'time' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : {}),
      ...(parts !== 'date' ? { hour: '2-digit', minute: '2-digit' } : {}),
      timeZone,
    });
    formatters.set(key, fmt);
  }
  return fmt;
}

/**
 * A calendar date such as 05.03.2025 / 05/03/2025. A bare YYYY-MM-DD is a calendar day, not an
 * instant, so it is formatted in UTC: otherwise a time zone west of UTC would show the day before.
 */
export function formatDate(lang: Language, iso: string, timeZone?: string): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return formatter(lang, 'date', DATE_ONLY.test(iso) ? 'UTC' : timeZone).format(time);
}

/** Date and time to the minute, e.g. 05.03.2025, 14:07. */
export function formatDateTime(lang: Language, iso: string, timeZone?: string): string {
  if (!iso) return '';
  if (DATE_ONLY.test(iso)) return formatDate(lang, iso);
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return formatter(lang, 'both', timeZone).format(time);
}

/** Time of day to the minute, e.g. 14:07; empty for a bare date. */
export function formatTime(lang: Language, iso: string, timeZone?: string): string {
  const time = Date.parse(iso);
  if (!iso || DATE_ONLY.test(iso) || Number.isNaN(time)) return '';
  return formatter(lang, 'time', timeZone).format(time);
}
