import type { Translate } from '../i18n';

/**
 * "3 Std. 05 Min." from a number of hours (whole minutes, rounded down) — a breach clock's time
 * left or overdue, worded alike on the Datenpannen screen and the Übersicht (no "1 Stunden").
 */
export function hoursText(tr: Translate, hours: number): string {
  const minutes = Math.floor(Math.abs(hours) * 60);
  return tr('ui.breaches.hm', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}
