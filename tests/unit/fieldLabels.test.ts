// Field keys as people read them (issue 16, item 4): the Auskunft's log never prints a key.
import { beforeAll, describe, expect, it } from 'vitest';
import { fieldKeyLabel, personSourceLabel } from '../../src/domain/fieldLabels';
import { loadLanguage } from '../../src/i18n/messages';

beforeAll(() => loadLanguage('en'));

describe('fieldKeyLabel', () => {
  it('names watched fields, list entries and the purposes a consent covers', () => {
    const names = new Map([['purpose-advertising', 'Werbung']]);
    const purposeName = (id: string) => names.get(id);
    expect(fieldKeyLabel('de', 'email')).toBe('E-Mail');
    expect(fieldKeyLabel('de', 'bankAccounts.0.iban')).toBe('IBAN 1');
    expect(fieldKeyLabel('de', 'bankAccounts.1.holder')).toBe('Kontoinhaber 2');
    expect(fieldKeyLabel('de', 'furtherPhones.1')).toBe('Weitere Nummer 2');
    expect(fieldKeyLabel('de', 'purpose:purpose-advertising', purposeName)).toBe('Werbung');
    // A purpose since deleted: what it was, never its id.
    expect(fieldKeyLabel('de', 'purpose:purpose-gone', purposeName)).toBe('Verwendungszweck');
    expect(fieldKeyLabel('en', 'purposeId')).toBe('Purpose');
  });
});

describe('personSourceLabel', () => {
  it('says where the data came from', () => {
    expect(personSourceLabel('de', 'manual')).toBe('Manuell erfasst');
    expect(personSourceLabel('de', '')).toBe('Manuell erfasst');
    expect(personSourceLabel('en', 'import:karten.vcf')).toBe('Imported from the file “karten.vcf”');
  });
});
