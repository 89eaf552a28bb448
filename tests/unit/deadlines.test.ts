/** Month arithmetic for deadlines and warning periods: a day the target month lacks becomes its last day. */
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/deadlines';

describe('addMonths', () => {
  it('clamps 31 January to the end of February, in common and in leap years', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2100-01-31', 1)).toBe('2100-02-28');
  });

  it('clamps other short months, forwards and backwards', () => {
    expect(addMonths('2025-08-31', 1)).toBe('2025-09-30');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2025-05-31', 6)).toBe('2025-11-30');
  });

  it('keeps the day where the month has it, across years, and ignores a time part', () => {
    expect(addMonths('2025-01-15', 1)).toBe('2025-02-15');
    expect(addMonths('2025-10-31', 3)).toBe('2026-01-31');
    expect(addMonths('2025-11-30', 0)).toBe('2025-11-30');
    expect(addMonths('2025-12-31T23:30:00.000Z', 12)).toBe('2026-12-31');
  });

  it('gives what the calendar of Date gives, for every day of the years tried, and beyond four-digit years', () => {
    const byDate = (iso: string, months: number) => {
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      const target = new Date(Date.UTC(y, m - 1 + months, 1));
      const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      target.setUTCDate(Math.min(d, lastDay));
      return target.toISOString().slice(0, 10);
    };
    const wrong: string[] = [];
    for (let day = Date.UTC(2000, 0, 1); day <= Date.UTC(2100, 11, 31); day += 86_400_000) {
      const iso = new Date(day).toISOString().slice(0, 10);
      for (const months of [-13, -1, 1, 12])
        if (addMonths(iso, months) !== byDate(iso, months)) wrong.push(`${iso} ${months}`);
    }
    expect(wrong).toEqual([]);
    for (const iso of ['0999-12-31', '9999-12-15', '2024-01-00', '2024-13-01'])
      expect(addMonths(iso, 1), iso).toBe(byDate(iso, 1));
  });
});
