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
});
