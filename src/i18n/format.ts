/** Date formatting shared by the PDF reports. Pure; the language picks the style. */
import type { Language } from './messages';

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };
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
