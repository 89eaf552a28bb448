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

/**
 * The local day of a stored value: a date (YYYY-MM-DD) is already one and stays as it is; a moment
 * (an ISO timestamp such as `createdAt`, in UTC) is read on the device's calendar — 00:30 on
 * 5 March in Berlin is stored as 4 March 23:30 UTC and is 5 March here.
 */
export function localDayOf(dateOrMoment: string): string {
  if (dateOrMoment.length <= 10) return dateOrMoment;
  const moment = new Date(dateOrMoment);
  return Number.isNaN(moment.getTime()) ? dateOrMoment.slice(0, 10) : localDate(moment);
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone (the device's when omitted); a date stays as it is. */
export function dayInZone(iso: string, timeZone?: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
