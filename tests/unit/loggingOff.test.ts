// The periods without logging, from the settings entries that switched GDPR support: which way
// each went as the entry states it; across entries from before that state nothing, counted back.
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

describe('loggingOffPeriods with the switches’ stated values', () => {
  const off = (t: string, seq: number) => ({ at: t, seq, gdprSupportDisabled: true });
  const on = (t: string, seq: number) => ({ at: t, seq, gdprSupportDisabled: false });

  it('two devices switching off at about the same time: one period, from the first', () => {
    // Counting back read the second "off" as "on" again: off until the first, then off from the second.
    expect(loggingOffPeriods([off(MAR_3, 1), off(APR_9, 2)], true)).toEqual([{ from: MAR_3, to: null }]);
    expect(loggingOffPeriods([off(MAR_3, 1), off(APR_9, 2), on(MAY_2, 3)], false)).toEqual([
      { from: MAR_3, to: MAY_2 },
    ]);
  });

  it('a log missing its oldest switch: two switches on read as off until the first, not as a period between them', () => {
    // The switch off before March is gone (another device's entry never arrived); two devices then switched on.
    expect(loggingOffPeriods([on(MAR_3, 1), on(APR_9, 2)], false)).toEqual([{ from: null, to: MAR_3 }]);
    expect(loggingOffPeriods([on(MAR_3, 1), on(APR_9, 2), off(MAY_2, 3)], true)).toEqual([
      { from: null, to: MAR_3 },
      { from: MAY_2, to: null },
    ]);
  });

  it('old entries (no value) before new ones: counted back from the oldest stated value, not from the state now', () => {
    const old = at(MAR_3, APR_9);
    // Switched off on two devices in May and June: off since May; the old entries were off, then on.
    expect(loggingOffPeriods([...old, off(MAY_2, 3), off(JUN_1, 4)], true)).toEqual([
      { from: MAR_3, to: APR_9 },
      { from: MAY_2, to: null },
    ]);
    // The oldest stated value is an "on": before it the old entries read on, off.
    expect(loggingOffPeriods([...old, on(MAY_2, 3), on(JUN_1, 4)], false)).toEqual([
      { from: null, to: MAR_3 },
      { from: APR_9, to: MAY_2 },
    ]);
  });

  it('the newest switch made it what it is now: a stated value the settings contradict gives way', () => {
    // Off on two devices, on now by a merge whose entry the log lacks: the period ends at the newest switch.
    expect(loggingOffPeriods([off(MAR_3, 1), off(APR_9, 2)], false)).toEqual([{ from: MAR_3, to: APR_9 }]);
    // On by the log, off now: still off, since the switch off before it — at the newest switch at the latest.
    expect(loggingOffPeriods([off(MAR_3, 1), on(APR_9, 2)], true)).toEqual([{ from: MAR_3, to: null }]);
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
