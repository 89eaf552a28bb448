/**
 * A recipient narrowed to some purposes (a tax adviser receives the contracts' data, not the
 * newsletter's) is named only where their data is: the notice of a person processed for them, the
 * Verzeichnis' activity, the Auskunft's row. An entry for every purpose — and the sync server's
 * operator, which holds every record — is named everywhere.
 */
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { bookRecipientsFor, storedRecipient, type BookRecipients, type Recipient } from '../../src/domain/recipients';
import { activityRecipientsText, activityTransfersText, bookRecipientsOf } from '../../src/documents/bookRecipients';
import { informationEmail } from '../../src/documents/informationNotice';
import { renderAccessReport } from '../../src/documents/accessReport';
import type { PdfFonts } from '../../src/documents/letter';
import { newPerson } from '../../src/domain/person';
import { DEFAULT_PURPOSES } from '../../src/domain/purpose';
import { loadLanguage } from '../../src/i18n/messages';
import { saveRecipient } from '../../src/data/commands/recipients';
import { readRecipients } from '../../src/data/queries/recipients';
import { rawConnection } from '../../src/data/db';
import { writeWith } from '../../src/data/write';
import { accessReportInput, CONTROLLER, nodePdfFonts } from './sample-data';
import { freshDb, hostingProcessor } from './helpers';

let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

const entry = (id: string, name: string, fields: Partial<Recipient> = {}): Recipient => ({
  ...hostingProcessor(),
  id,
  name,
  ...fields,
});
const HOST = entry('host', 'Hostinghaus GmbH');
const TAX = entry('tax', 'Steuerbüro Klein', {
  role: 'recipient',
  purposeIds: ['purpose-contract', 'purpose-service'],
});
const PRINTER = entry('printer', 'Druckerei Schmidt', {
  country: 'USA',
  transferBasis: 'sccs',
  purposeIds: ['purpose-advertising'],
});
const BOOK: BookRecipients = { recipients: [HOST, TAX, PRINTER], syncServer: null, syncOperatorId: '' };

const names = (book: BookRecipients) => book.recipients.map((r) => r.name);

describe('a recipient narrowed to purposes', () => {
  it('receives only their data; an entry for every purpose and the sync operator receive all', () => {
    expect(names(bookRecipientsFor(BOOK, ['purpose-contract']))).toEqual(['Hostinghaus GmbH', 'Steuerbüro Klein']);
    expect(names(bookRecipientsFor(BOOK, ['purpose-advertising']))).toEqual(['Hostinghaus GmbH', 'Druckerei Schmidt']);
    expect(names(bookRecipientsFor(BOOK, ['purpose-public']))).toEqual(['Hostinghaus GmbH']);
    expect(names(bookRecipientsFor(BOOK, []))).toEqual([]);
    // The operator of the sync server holds every record, whatever its entry names.
    const synced = { ...BOOK, syncServer: 'https://sync.example', syncOperatorId: 'printer' };
    expect(names(bookRecipientsFor(synced, ['purpose-public']))).toEqual(['Hostinghaus GmbH', 'Druckerei Schmidt']);
    // An entry stored before it could be narrowed is for every purpose.
    const { purposeIds: _, ...old } = TAX;
    expect(storedRecipient(old).purposeIds).toEqual([]);
  });

  it('is named in the Verzeichnis only under its purposes’ activities, with its transfer', () => {
    const register = { recipients: [HOST, TAX, PRINTER], syncProcessor: null };
    const contract = bookRecipientsOf(register, 'purpose-contract');
    expect(activityRecipientsText('de', '', contract)).toBe(
      'Auftragsverarbeiter: Hostinghaus GmbH\nEmpfänger laut Abschnitt 3: Steuerbüro Klein',
    );
    expect(activityTransfersText('de', '', contract)).not.toContain('Druckerei');
    const advertising = bookRecipientsOf(register, 'purpose-advertising');
    expect(activityRecipientsText('de', '', advertising)).toBe(
      'Auftragsverarbeiter: Hostinghaus GmbH, Druckerei Schmidt',
    );
    expect(activityTransfersText('de', '', advertising)).toContain('Druckerei Schmidt (USA)');
  });

  it('is named in a notice only for a person processed for its purposes', () => {
    const advertising = DEFAULT_PURPOSES.find((p) => p.id === 'purpose-advertising')!;
    const contract = DEFAULT_PURPOSES.find((p) => p.id === 'purpose-contract')!;
    const notice = (purposes: (typeof advertising)[]) =>
      informationEmail({
        lang: 'de',
        issuedAt: '2026-12-01T09:00:00.000Z',
        controller: CONTROLLER,
        person: newPerson('contact', { firstName: 'Jana', lastName: 'Brandt', email: 'jb@example.org' }),
        purposes,
        consented: true,
        source: 'direct',
        retentionYears: { transactions: 6, accounting: 10 },
        book: BOOK,
      }).body;
    const newsletterOnly = notice([advertising]);
    expect(newsletterOnly).toContain('Hostinghaus GmbH');
    expect(newsletterOnly).toContain('Druckerei Schmidt');
    expect(newsletterOnly).not.toContain('Steuerbüro');
    const both = notice([contract, advertising]);
    expect(both).toContain('Steuerbüro Klein');
  });

  it('is named in the Auskunft in its purposes’ rows only', async () => {
    const input = accessReportInput('Anna', 'Weber', { bookRecipients: BOOK });
    const pdf = await renderAccessReport(input, fonts);
    const { text } = await extractText(pdf.slice(), { mergePages: true });
    const squashed = text.replace(/\s+/g, '');
    const count = (name: string) => squashed.split(name.replace(/\s+/g, '')).length - 1;
    // Two rows (the person's service purpose, the advertising consent) and the address trade's, a
    // consent withdrawn, among the purposes processed for before: the host in each.
    expect(count('Hostinghaus GmbH')).toBe(3);
    expect(count('Steuerbüro Klein')).toBe(1);
    expect(count('Druckerei Schmidt')).toBe(2); // its row's recipients and its transfer
  });

  it('is stored with its purposes and refused with purposes that are no list of ids', async () => {
    const { db, admin } = await freshDb();
    const saved = await saveRecipient(db, admin, { ...TAX, id: '' });
    expect((await readRecipients(db)).find((r) => r.id === saved.id)?.purposeIds).toEqual([
      'purpose-contract',
      'purpose-service',
    ]);
    await expect(
      writeWith(db, { session: admin }, [db.settings], () =>
        db.settings.put({ key: 'recipients', value: { [saved.id]: { ...saved, purposeIds: 'purpose-contract' } } }),
      ),
    ).rejects.toMatchObject({ messageKey: 'error.settingInvalid' });
    expect((await rawConnection(db).settings.get('recipients'))?.value).toMatchObject({
      [saved.id]: { purposeIds: ['purpose-contract', 'purpose-service'] },
    });
  });
});
