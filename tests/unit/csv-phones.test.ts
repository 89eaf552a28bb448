/**
 * Phone numbers through the app's own person CSV and back: the export keeps its protection (a
 * spreadsheet would evaluate "+49 30 1234567", so it is written "'+49 30 1234567"), and the import
 * of that file takes exactly that apostrophe away again — the numbers come back as they were, in
 * the preview and in the persons. README "CSV files".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exportPersonsCsv } from '../../src/formats/csv/write';
import { parseImportFile } from '../../src/formats/import';
import { loadLanguage } from '../../src/i18n/messages';
import { samplePerson } from './sample-data';

beforeAll(() => loadLanguage('en'));

const numbers = {
  phone: '+49 30 1234567',
  furtherPhones: ['+49 171 2345678', '0171 2345678', '-30 123'],
  fax: '+49 30 1234568',
};
const person = samplePerson('Paula', 'Plus', numbers);
const phonesOf = (p: { phone: string; furtherPhones: string[]; fax: string }) => ({
  phone: p.phone,
  furtherPhones: p.furtherPhones,
  fax: p.fax,
});

describe('phone numbers exported and imported again', () => {
  it.each(['de', 'en'] as const)('come back as they were (%s)', (lang) => {
    const csv = exportPersonsCsv([person], lang);
    // The export's protection stays: the apostrophe is in the file.
    expect(csv).toContain("'+49 30 1234567");
    expect(csv).toContain("'+49 30 1234568");
    const p = parseImportFile('export.csv', new TextEncoder().encode(csv), { kind: 'customer' });
    expect(p.problems).toEqual([]);
    expect(p.candidates).toHaveLength(1);
    expect(p.candidates[0].notTaken).toEqual([]);
    expect(phonesOf(p.candidates[0].person)).toEqual(numbers);
    // The preview's table shows them so too.
    expect(p.csv!.rows[0].cells).toContain('+49 30 1234567');
    expect(p.csv!.rows[0].cells.join('\n')).not.toContain("'+");
  });
});
