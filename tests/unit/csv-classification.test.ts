/**
 * A CSV row's "Art" and "Privat" read back: the values the person export writes in either
 * language, spelled loosely; an unknown value refuses its row by line, name and value.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseKindCell, parsePrivateCell } from '../../src/formats/csv/classification';
import { exportPersonsCsv } from '../../src/formats/csv/write';
import { parseImportFile, remapCsvPreview } from '../../src/formats/import';
import { PERSON_KINDS, newPerson } from '../../src/domain/person';
import { fieldKeyLabel } from '../../src/domain/fieldLabels';
import { loadLanguage, loadLaterMessages, t } from '../../src/i18n/messages';

beforeAll(async () => {
  await loadLanguage('en');
  await loadLaterMessages();
});

const enc = new TextEncoder();

describe('the kind and "Privat" cells', () => {
  it.each(['de', 'en'] as const)('read what the export writes (%s)', (lang) => {
    for (const kind of PERSON_KINDS)
      expect(parseKindCell(t(lang, `kind.${kind}`))).toEqual({ given: true, value: kind });
    expect(parsePrivateCell(t(lang, 'report.yes'))).toEqual({ given: true, value: true });
    expect(parsePrivateCell(t(lang, 'report.no'))).toEqual({ given: true, value: false });
  });

  it('are read whatever the case and spacing, with the usual spellings of yes and no', () => {
    const kind = (v: string) => parseKindCell(v);
    expect(kind(' KUNDE ')).toEqual({ given: true, value: 'customer' });
    expect(kind('business  partner')).toEqual({ given: true, value: 'partner' });
    expect(kind('Gescha\u0308ftspartner')).toEqual({ given: true, value: 'partner' }); // decomposed "ä" (macOS)
    expect(kind('prospect')).toEqual({ given: true, value: 'prospect' });
    const yes = ['ja', 'JA', 'Yes', 'x', 'X', '1', 'true', 'Wahr', 'j', 'y'];
    const no = ['nein', 'NEIN', 'no', 'No', '0', 'false', 'falsch', 'n'];
    for (const v of yes) expect(parsePrivateCell(v), v).toEqual({ given: true, value: true });
    for (const v of no) expect(parsePrivateCell(v), v).toEqual({ given: true, value: false });
  });

  it('an empty cell says nothing; any other value is not understood, never guessed', () => {
    expect(parseKindCell('  ')).toEqual({ given: false });
    expect(parsePrivateCell('')).toEqual({ given: false });
    expect(parseKindCell(' Firma ')).toEqual({ given: true, unknown: 'Firma' });
    expect(parseKindCell('Kunden')).toEqual({ given: true, unknown: 'Kunden' });
    expect(parsePrivateCell('vielleicht')).toEqual({ given: true, unknown: 'vielleicht' });
    expect(parsePrivateCell('-')).toEqual({ given: true, unknown: '-' });
  });
});

describe('a row with a kind or "Privat" not understood', () => {
  const book = [
    newPerson('customer', { organisation: 'Müller KG', email: 'info@mueller.example' }),
    newPerson('partner', { private: true, firstName: 'Petra', lastName: 'Paul' }),
    newPerson('contact', { firstName: 'Anna', lastName: 'Alt' }),
  ];

  it('is refused and named in the preview: line, who, the column and the value', () => {
    const csv = exportPersonsCsv(book, 'de')
      .replace('\r\nKunde;Nein;', '\r\nFirma;Nein;')
      .replace('\r\nGeschäftspartner;Ja;', '\r\nGeschäftspartner;vielleicht;');
    const p = parseImportFile('export.csv', enc.encode(csv));
    expect(p.candidates.map((c) => [c.person.lastName, c.person.kind])).toEqual([['Alt', 'contact']]);
    expect(p.problems).toEqual([
      {
        line: 2,
        field: 'kind',
        name: 'Müller KG',
        messageKey: 'import.problem.unknownKind',
        params: { value: 'Firma' },
      },
      {
        line: 3,
        field: 'private',
        name: 'Paul, Petra',
        messageKey: 'import.problem.unknownPrivate',
        params: { value: 'vielleicht' },
      },
    ]);
    // As the preview words it (FilePreview's problemText).
    const [kindProblem] = p.problems;
    const reason = t('de', kindProblem.messageKey, kindProblem.params);
    expect(
      t('de', 'import.problemAt', {
        line: kindProblem.line,
        reason: `${kindProblem.name} – ${fieldKeyLabel('de', kindProblem.field!)}: ${reason}`,
      }),
    ).toBe(
      'Zeile 2: Müller KG – Art: „Firma“ ist keine bekannte Art (Ansprechpartner, Kunde, Bedarfer, Geschäftspartner); der Eintrag wird nicht importiert.',
    );
  });

  it('in another program’s file, once the user maps a column to Art or Privat', () => {
    const csv = 'Name;Firma;Typ;Privatperson\nAlt;;Ansprechpartner;\n;Müller KG;Customer;nein\nBerg;;Kundin;ja\n';
    const first = parseImportFile('liste.csv', enc.encode(csv), { kind: 'prospect' });
    // Not guessed: the batch's kind for all.
    expect(first.csv!.mapping).toMatchObject({ 2: null, 3: null });
    expect(first.candidates.map((c) => [c.person.kind, c.classification])).toEqual([
      ['prospect', undefined],
      ['prospect', undefined],
      ['prospect', undefined],
    ]);
    const mapped = remapCsvPreview(first, { ...first.csv!.mapping, 2: 'kind', 3: 'private' }, 'liste.csv', {
      kind: 'prospect',
    });
    expect(mapped.candidates.map((c) => [c.line, c.person.kind, c.classification])).toEqual([
      [2, 'contact', { kind: 'contact' }],
      [3, 'customer', { kind: 'customer', private: false }],
    ]);
    expect(mapped.problems.map((x) => [x.line, x.field, x.params?.value])).toEqual([[4, 'kind', 'Kundin']]);
  });
});
