// The periods without logging, from the settings entries that switched GDPR support: which way
// each went follows from the state now, counting back.
import { describe, expect, it } from 'vitest';
import { isGdprSwitch, loggingOffPeriods, offPeriodsWithin } from '../../src/domain/loggingOff';

const MAR_3 = '2025-03-03T09:00:00.000Z';
const APR_9 = '2025-04-09T15:30:00.000Z';
const MAY_2 = '2025-05-02T08:00:00.000Z';
const JUN_1 = '2025-06-01T12:00:00.000Z';
const at = (...times: string[]) => times.map((t, i) => ({ at: t, seq: i + 1 }));

describe('loggingOffPeriods', () => {
  it('never switched: no period while on; off without a switch on record: since an unknown time', () => {
    expect(loggingOffPeriods([], false)).toEqual([]);
    expect(loggingOffPeriods([], true)).toEqual([{ from: null, to: null }]);
  });

  it('switched off and on again: one closed period', () => {
    expect(loggingOffPeriods(at(MAR_3, APR_9), false)).toEqual([{ from: MAR_3, to: APR_9 }]);
  });

  it('switched off and never on again: the period is open (to = null)', () => {
    expect(loggingOffPeriods(at(MAR_3), true)).toEqual([{ from: MAR_3, to: null }]);
  });

  it('switched off twice: two periods, the second still open', () => {
    expect(loggingOffPeriods(at(MAR_3, APR_9, MAY_2, JUN_1), false)).toEqual([
      { from: MAR_3, to: APR_9 },
      { from: MAY_2, to: JUN_1 },
    ]);
    expect(loggingOffPeriods(at(MAR_3, APR_9, MAY_2), true)).toEqual([
      { from: MAR_3, to: APR_9 },
      { from: MAY_2, to: null },
    ]);
  });

  it('switched off before the first switch on record: the period has no start (from = null)', () => {
    expect(loggingOffPeriods(at(APR_9), false)).toEqual([{ from: null, to: APR_9 }]);
    expect(loggingOffPeriods(at(APR_9, MAY_2), true)).toEqual([
      { from: null, to: APR_9 },
      { from: MAY_2, to: null },
    ]);
  });

  it('entries out of order: sorted by time, the same instant by sequence number', () => {
    const mixed = [
      { at: JUN_1, seq: 2 },
      { at: MAR_3, seq: 9 },
      { at: MAY_2, seq: 1 },
      { at: APR_9, seq: 4 },
    ];
    expect(loggingOffPeriods(mixed, false)).toEqual([
      { from: MAR_3, to: APR_9 },
      { from: MAY_2, to: JUN_1 },
    ]);
    // Off and on within the same millisecond: the log's order decides.
    expect(
      loggingOffPeriods(
        [
          { at: MAR_3, seq: 8 },
          { at: MAR_3, seq: 7 },
          { at: APR_9, seq: 9 },
        ],
        true,
      ),
    ).toEqual([
      { from: MAR_3, to: MAR_3 },
      { from: APR_9, to: null },
    ]);
  });
});

describe('offPeriodsWithin', () => {
  const periods = [
    { from: null, to: MAR_3 },
    { from: APR_9, to: MAY_2 },
    { from: JUN_1, to: null },
  ];

  it('keeps the periods that overlap the time, an open end reaching on', () => {
    expect(offPeriodsWithin(periods, '2025-04-20T00:00:00.000Z')).toEqual(periods.slice(1));
    expect(offPeriodsWithin(periods, '2025-01-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z')).toEqual(
      periods.slice(0, 1),
    );
    // A period that ended when the time began does not overlap it.
    expect(offPeriodsWithin(periods, MAY_2, JUN_1)).toEqual([]);
  });
});

describe('isGdprSwitch', () => {
  it('is a settings entry naming the key', () => {
    expect(isGdprSwitch({ action: 'settingsChanged', fieldKeys: ['idleLockMinutes', 'gdprSupportDisabled'] })).toBe(
      true,
    );
    expect(isGdprSwitch({ action: 'settingsChanged', fieldKeys: ['idleLockMinutes'] })).toBe(false);
    expect(isGdprSwitch({ action: 'update', fieldKeys: ['gdprSupportDisabled'] })).toBe(false);
  });
});
