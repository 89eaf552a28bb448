/**
 * The device's own calendar day and time — for date inputs, file names and every "today" a rule
 * judges by (retention, the worklist, an information date not in the future): dates the user
 * types are local days, so "today" must be one too. Not UTC: just after midnight UTC is still
 * yesterday here (or already tomorrow). The one helper for it, in every layer.
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
