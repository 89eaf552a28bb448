/** Legal deadlines: one month for data-subject requests (Art. 12(3)), 72 hours for breaches (Art. 33). */

/** The same day one month later; the last day of the month when it has no such day (31 Jan → 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  // Four-digit years by arithmetic (an import computes one per person); others as Date writes them.
  if (year < 1000 || year > 9999 || !Number.isInteger(index) || !Number.isInteger(d) || d < 1)
    return addMonthsByDate(y, m, d, months);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const lastDay = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

function addMonthsByDate(y: number, m: number, d: number, months: number): string {
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `today` to `due` (negative when overdue). Dates as YYYY-MM-DD. */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(due.slice(0, 10)) - Date.parse(today.slice(0, 10))) / 86_400_000);
}

export const BREACH_NOTIFICATION_HOURS = 72;

/** Hours left of the 72-hour clock of Art. 33 (negative when past). */
export function breachHoursLeft(knownAt: string, now: Date): number {
  return BREACH_NOTIFICATION_HOURS - (now.getTime() - Date.parse(knownAt)) / 3_600_000;
}
