/**
 * Retention duties count from the end of the calendar year (§ 257(5) HGB, § 147(4) AO): the year
 * of a moment such as `updatedAt` is the user's local one, and the register and the Auskunft say so.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { endOfRetention, retentionStatus } from '../../src/domain/retention';
import { loadLanguage, t } from '../../src/i18n/messages';

const SETTINGS = { retentionYearsTransactions: 6, retentionYearsAccountingTransactions: 10 };
const PURPOSE = { id: 'purpose-x', retention: { years: 3, basis: '§ 147 AO' } };

beforeAll(async () => {
  await loadLanguage('en');
});

describe('the end of a retention duty', () => {
  const zone = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'Europe/Berlin';
  });
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('counts from the end of the year: a change on 2 January 2025 kept 3 years ends on 1 January 2029', () => {
    expect(endOfRetention('2025-01-02', 3)).toBe('2029-01-01');
    expect(endOfRetention('2025-12-31', 3)).toBe('2029-01-01');
    const status = retentionStatus(
      { purposeId: PURPOSE.id, updatedAt: '2025-01-02T10:00:00.000Z' },
      PURPOSE,
      [],
      SETTINGS,
    );
    expect(status.deletableFrom).toBe('2029-01-01');
  });

  it('takes the year of the last change on the local calendar: 00:30 on 1 January in Berlin is the new year', () => {
    const newYear = new Date(2025, 0, 1, 0, 30).toISOString();
    expect(newYear).toBe('2024-12-31T23:30:00.000Z');
    expect(endOfRetention(newYear, 3)).toBe('2029-01-01');
    const status = retentionStatus({ purposeId: PURPOSE.id, updatedAt: newYear }, PURPOSE, [], SETTINGS);
    expect(status.duties).toEqual([{ source: 'purpose', sourceId: PURPOSE.id, years: 3, until: '2029-01-01' }]);
    // A transaction's date is a day as typed, whatever the zone.
    const tx = retentionStatus(
      { purposeId: '', updatedAt: newYear },
      undefined,
      [{ id: 'tx-1', kind: 'order', date: '2025-01-01' }],
      SETTINGS,
    );
    expect(tx.deletableFrom).toBe('2036-01-01');
  });
});

describe('the wording says what is computed', () => {
  it('the register: from the end of the year of the last change', () => {
    expect(t('de', 'register.retention.years', { years: 3, basis: '§ 147 AO' })).toBe(
      '3 Jahre ab Ende des Jahres der letzten Änderung (§ 147 AO)',
    );
    expect(t('en', 'register.retention.years', { years: 3, basis: '§ 147 AO' })).toBe(
      '3 years from the end of the year of the last change (§ 147 AO)',
    );
  });

  it('the Auskunft: from the end of the year, deletable from the first free day', () => {
    const purpose = { purpose: 'Kundenbetreuung', years: 3, until: '01.01.2029' };
    expect(t('de', 'ui.rights.retention.purpose', purpose)).toBe(
      'Verwendungszweck „Kundenbetreuung“: Aufbewahrungspflicht 3 Jahre ab Ende des Jahres der letzten Änderung, Löschung ab 01.01.2029',
    );
    expect(t('en', 'ui.rights.retention.purpose', purpose)).toContain(
      '3 years from the end of the year of the last change, erasable from 01.01.2029',
    );
    const tx = { kind: 'Auftrag', title: 'A-1', date: '02.01.2025', years: 10, until: '01.01.2036' };
    expect(t('de', 'ui.rights.retention.transaction', tx)).toContain('10 Jahre ab Ende dieses Jahres');
    expect(t('de', 'ui.rights.retention.transaction', tx)).toContain('Löschung ab 01.01.2036');
    expect(t('en', 'ui.rights.retention.transaction', tx)).toContain('10 years from the end of that year');
  });
});

describe("a purpose's retention", () => {
  it('runs from the last change of the data, not from a later lock or note of being informed', () => {
    const status = retentionStatus(
      { purposeId: PURPOSE.id, updatedAt: '2026-11-30T10:00:00.000Z', changedAt: '2022-03-01T10:00:00.000Z' },
      PURPOSE,
      [],
      SETTINGS,
    );
    expect(status.deletableFrom).toBe('2026-01-01');
    // A record from before the field: its last write stands for the change.
    expect(
      retentionStatus({ purposeId: PURPOSE.id, updatedAt: '2022-03-01T10:00:00.000Z' }, PURPOSE, [], SETTINGS),
    ).toMatchObject({ deletableFrom: '2026-01-01' });
  });
});
