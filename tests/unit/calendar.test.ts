/**
 * The device's calendar day, not UTC's: dates in forms and file names are the user's own, and so
 * is the "today" the rules judge them by.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localDate, localDateTime } from '../../src/domain/calendar';
import { savePerson } from '../../src/data';
import { recordInformation } from '../../src/data/commands/information';
import { anna, CONTRACT, freshDb } from './helpers';

describe('localDate', () => {
  const zone = process.env.TZ;
  // Far from UTC, so a UTC date would be another day: 00:30 in Auckland is 11:30 the day before in UTC.
  beforeEach(() => {
    process.env.TZ = 'Pacific/Auckland';
  });
  afterEach(() => {
    vi.useRealTimers();
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

  it("judges by the local day: just after midnight, today's information date is not in the future", async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    // Only Date is faked: IndexedDB's timers keep running.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2027, 0, 1, 0, 30) });
    expect(localDate()).toBe('2027-01-01');
    await recordInformation(db, admin, p.id, { informedAt: '2027-01-01', channel: 'letter' });
    expect((await db.persons.get(p.id))?.information?.informedAt).toBe('2027-01-01');
    await expect(
      recordInformation(db, admin, p.id, { informedAt: '2027-01-02', channel: 'letter' }),
    ).rejects.toMatchObject({ messageKey: 'error.informedAtFuture' });
  });
});
