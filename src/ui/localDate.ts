/**
 * The device's own calendar day and time, for date inputs, "today" in screens and file names:
 * not UTC, since just after midnight UTC is still yesterday here (or already tomorrow). The one
 * helper for it in src/ui; the data layer and the domain are handed their `today`.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The local date as YYYY-MM-DD (today when not given). */
export function localDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A local date and time as `datetime-local` wants it: YYYY-MM-DDTHH:MM. */
export function localDateTime(d: Date = new Date()): string {
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
