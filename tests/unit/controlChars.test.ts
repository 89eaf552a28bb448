// Invisible control characters — C0/C1 controls and the bidi overrides that show text in another
// order than it is stored — and line breaks outside the note are in no person's field: an import and
// the form take them out, and a write or a document arriving by sync that holds them is refused
// (attacker review: a bell and a right-to-left override survived a vCard import; a name with a
// line break, drawn on one line of a PDF, printed over the field below).
import { describe, expect, it } from 'vitest';
import { lockPerson, savePerson } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { SEALED_TABLES, TableCodec } from '../../src/data/middleware/sealing';
import { parseImportFile } from '../../src/formats/import';
import { newPerson, type Person } from '../../src/domain/person';
import { validatePerson, withoutControls } from '../../src/domain/validation';
import { cleanDraft } from '../../src/ui/person/draft';
import { anna, CONTRACT, freshDb } from './helpers';

const RLO = '\u202e';
const BELL = '\u0007';

describe('control characters in a person', () => {
  it('are a problem of the field holding them; the note alone keeps line breaks', () => {
    const p = { ...newPerson('contact'), lastName: `Mül${RLO}ler`, firstName: `An${BELL}na`, note: 'Zeile 1\nZeile 2' };
    expect(validatePerson(p).map((x) => [x.field, x.messageKey])).toEqual([
      ['firstName', 'validation.controlChars'],
      ['lastName', 'validation.controlChars'],
    ]);
    const twoCities: Person = { ...newPerson('contact'), city: 'Köln\nBonn' };
    expect(validatePerson(twoCities)).toEqual([{ field: 'city', messageKey: 'validation.controlChars' }]);
    expect(withoutControls(`Mül${RLO}ler${BELL}`)).toBe('Müller');
  });

  it('are taken out by an import and by the form before saving', () => {
    const card = `BEGIN:VCARD\r\nVERSION:3.0\r\nN:Mül${RLO}ler;An${BELL}na;;;\r\nFN:Anna Müller\r\nEMAIL:anna@example.org\r\nEND:VCARD\r\n`;
    const [candidate] = parseImportFile('k.vcf', new TextEncoder().encode(card)).candidates;
    expect([candidate.person.lastName, candidate.person.firstName]).toEqual(['Müller', 'Anna']);
    const typed = {
      ...newPerson('contact'),
      lastName: `Mül${RLO}ler`,
      note: `a\n${BELL}b`,
      furtherPhones: [`0221${BELL} 1`],
    };
    const saved = cleanDraft(typed);
    expect([saved.lastName, saved.note, saved.furtherPhones]).toEqual(['Müller', 'a\nb', ['0221 1']]);
    expect(validatePerson(saved)).toEqual([]);
  });

  it('are refused by the data layer, whoever writes', async () => {
    const { db, admin } = await freshDb();
    await expect(savePerson(db, admin, { ...anna(), lastName: `Zimmer${RLO}mann` }, CONTRACT)).rejects.toMatchObject({
      problems: [{ field: 'lastName', messageKey: 'validation.controlChars' }],
    });
    expect(await db.persons.count()).toBe(0);
  });
});

describe('a person stored with control characters before they were refused', () => {
  it('can still be locked or changed in another field; setting one is refused all the same', async () => {
    const { db, admin } = await freshDb();
    const saved = await savePerson(db, admin, anna(), CONTRACT);
    // As an older import stored it: sealed as the app seals, written below its rules.
    const raw = rawConnection(db);
    await raw.open();
    const codec = new TableCodec('persons', SEALED_TABLES.persons, raw.core.table('persons'), db.keyring);
    const stored = (await db.persons.get(saved.id))!;
    await raw.persons.put(codec.encode({ ...stored, lastName: `Zimmer${BELL}mann` }, saved.id) as never);
    expect((await db.persons.get(saved.id))?.lastName).toBe(`Zimmer${BELL}mann`);
    await lockPerson(db, admin, saved.id, 'Widerspruch');
    expect((await db.persons.get(saved.id))?.lock?.reason).toBe('Widerspruch');
    const locked = (await db.persons.get(saved.id))!;
    await expect(savePerson(db, admin, { ...locked, lock: null, city: `Köln${RLO}` }, CONTRACT)).rejects.toMatchObject({
      problems: [{ field: 'city', messageKey: 'validation.controlChars' }],
    });
  });
});
