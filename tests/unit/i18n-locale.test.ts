// Dates and numbers in the user's language: calendar days never shift with the time zone; timestamps follow it.
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatTime, localeOf } from '../../src/i18n/locale';

describe('date formatting', () => {
  it('formats a bare calendar day as that day in any time zone', () => {
    expect(formatDate('de', '2025-01-13', 'America/Los_Angeles')).toBe('13.01.2025');
    expect(formatDate('en', '2025-01-13', 'Pacific/Kiritimati')).toBe('13/01/2025');
    expect(formatTime('de', '2025-01-13')).toBe('');
  });

  it('formats timestamps in the given zone', () => {
    expect(formatDateTime('de', '2024-12-31T23:30:00.000Z', 'Europe/Berlin')).toBe('01.01.2025, 00:30');
    expect(formatDate('de', '2024-12-31T23:30:00.000Z', 'Europe/Berlin')).toBe('01.01.2025');
    expect(formatTime('en', '2024-12-31T23:30:00.000Z', 'Europe/Berlin')).toBe('00:30');
  });

  it('passes empty and unparsable values through', () => {
    expect(formatDate('de', '')).toBe('');
    expect(formatDateTime('de', 'unbekannt')).toBe('unbekannt');
  });
});

describe('locale and numbers', () => {
  it('maps each language to its locale', () => {
    expect(localeOf('de')).toBe('de-DE');
    expect(localeOf('en')).toBe('en-GB');
  });

  it('groups digits as the language does', () => {
    expect(formatNumber('de', 25000)).toBe('25.000');
    expect(formatNumber('en', 25000)).toBe('25,000');
    expect(formatNumber('de', 7)).toBe('7');
  });
});
