/** The device's calendar day, not UTC's: dates in forms and file names are the user's own. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDate, localDateTime } from '../../src/ui/localDate';

describe('localDate', () => {
  const zone = process.env.TZ;
  // Far from UTC, so a UTC date would be another day: 00:30 in Auckland is 11:30 the day before in UTC.
  beforeEach(() => {
    process.env.TZ = 'Pacific/Auckland';
  });
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('gives the local day and minute, where UTC is still on the day before', () => {
    const justAfterMidnight = new Date(2027, 0, 1, 0, 30);
    expect(justAfterMidnight.toISOString().slice(0, 10)).toBe('2026-12-31');
    expect(localDate(justAfterMidnight)).toBe('2027-01-01');
    expect(localDateTime(justAfterMidnight)).toBe('2027-01-01T00:30');
  });

  it('is today when not given a date', () => {
    const before = localDate();
    expect(before).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([before, localDate()]).toContain(localDate(new Date()));
  });
});
