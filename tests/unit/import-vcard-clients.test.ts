/**
 * Every real vCard file in tests/fixtures/vcard-clients, card by card, against what the file says
 * (expected values written by hand from reading each file).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parseImportFile, type ImportPreview } from '../../src/formats/import';
import type { Person } from '../../src/domain/person';
import { expectImportedPerson, type ImportedFields } from '../importedPerson';

const DIR = new URL('../fixtures/vcard-clients/', import.meta.url);

function load(name: string): ImportPreview {
  return parseImportFile(name, new Uint8Array(readFileSync(new URL(name, DIR))));
}

/** The note is checked apart where a card has one (by its parts: some are long). */
const expectPerson = (p: Person, expected: ImportedFields) => expectImportedPerson(p, expected, ['note']);

const keys = (p: ImportPreview, i: number) => p.candidates[i].warnings.map((w) => w.messageKey);

describe('real vCard files', () => {
  it('reads every file in the folder without a whole-file error or problems', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.vcf'));
    expect(files.length).toBe(9);
    for (const f of files) {
      const preview = load(f);
      expect(preview.format, f).toBe('vcard');
      expect(preview.encoding, f).toBe('utf-8');
      expect(preview.problems, f).toEqual([]);
      expect(preview.candidates.length, f).toBeGreaterThan(0);
      for (const c of preview.candidates) expect(c.person.source).toBe(`import:${f}`);
    }
  });

  it('Android (2.1, quoted-printable UTF-8 with soft breaks, bare params, photo)', () => {
    const p = load('John_Doe_ANDROID.vcf');
    expect(p.candidates.map((c) => c.line)).toEqual([1, 6, 11, 18, 36, 71]);
    const [c1, c2, c3, c4, c5, c6] = p.candidates.map((c) => c.person);
    expectPerson(c1, { email: 'john.doe@company.com' });
    expectPerson(c2, { email: 'jane.doe@company.com' });
    expectPerson(c3, { lastName: 'Ñ Ñ Ñ Ñ', phone: '123456789' });
    // N spans a soft line break: 8 Ñ on the first line, 3 on the next.
    expectPerson(c4, {
      lastName: Array(11).fill('Ñ').join(' '),
      phone: '123456',
      furtherPhones: ['234567', '3456789', '45678901'],
    });
    // Two NOTE properties, each over three soft-broken lines.
    const note = 'Ñ Ñ Ñ Ñ Ñ Ñ Ñ ÑÑ Ñ Ñ Ñ Ñ Ñ Ñ ÑÑ Ñ Ñ Ñ Ñ';
    expect(c4.note).toBe(`${note}\n\n${note}`);
    // CELL;PREF 123456 and WORK 123456 are one number; WORK;FAX is the fax.
    expectPerson(c5, {
      lastName: 'Ñ Ñ',
      firstName: 'Ñ Ñ Ñ',
      phone: '123456',
      fax: '123456',
      email: 'bob@company.com',
      organisation: 'Ñ'.repeat(12),
    });
    expect(p.candidates[4].warnings).toEqual([
      { messageKey: 'import.warning.extraEmail', params: { email: 'Ñ'.repeat(14) } },
      { messageKey: 'import.warning.photoSkipped' },
      { messageKey: 'import.warning.webSkipped' },
    ]);
    // ORG over four soft-broken lines ending in a blank line.
    expectPerson(c6, {
      lastName: 'ÑÑÑÑ',
      phone: '55556666',
      email: 'henry@company.com',
      organisation: 'Ñ'.repeat(44),
    });
  });

  it('Evolution (3.0, folded lines, TYPE=WORK,VOICE, escaped commas, PO box)', () => {
    const p = load('John_Doe_EVOLUTION.vcf');
    expect(p.candidates).toHaveLength(1);
    const c = p.candidates[0].person;
    expectPerson(c, {
      salutation: 'Mr.',
      firstName: 'John Richter, James',
      lastName: 'Doe',
      street: '15 Crescent moon drive, ASB-123',
      postalCode: '12345',
      city: 'Albaney',
      country: 'United States of America',
      phone: '905-666-1234',
      furtherPhones: ['905-555-1234'],
      email: 'john.doe@ibm.com',
      organisation: 'IBM',
      position: 'Money Counter',
    });
    expect(
      c.note.startsWith('THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS'),
    ).toBe(true);
    expect(c.note).toContain('WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED');
    expect(c.note).toContain('SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)');
    expect(c.note.endsWith('ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.')).toBe(true);
    // What the person has no field for is named, not dropped without a word (the birthday among them).
    expect(keys(p, 0)).toEqual([
      'import.warning.nameSuffix',
      'import.warning.datesSkipped',
      'import.warning.nicknameSkipped',
      'import.warning.webSkipped',
      'import.warning.messengerSkipped',
      'import.warning.departmentSkipped',
    ]);
    expect(p.candidates[0].warnings[0].params).toEqual({ suffix: 'Sr.' });
  });

  it('Gmail (3.0, whole address in the extended part, \\n in values)', () => {
    const p = load('John_Doe_GMAIL.vcf');
    expect(p.candidates).toHaveLength(1);
    const c = p.candidates[0].person;
    expectPerson(c, {
      salutation: 'Mr.',
      firstName: 'John Richter, James',
      lastName: 'Doe',
      street: 'Crescent moon drive, 555-asd, Nice Area, Albaney, New York 12345, United States of America',
      phone: '905-555-1234',
      furtherPhones: ['905-666-1234'],
      email: 'john.doe@ibm.com',
      organisation: 'IBM',
      position: 'Money Counter',
    });
    expect(c.note.endsWith('SUCH DAMAGE.\nFavotire Color: Blue')).toBe(true);
    expect(c.note).toContain('CONTRIBUTORS "AS IS"');
  });

  it('iPhone (3.0, CR CR LF line ends, grouped item1.EMAIL, type=pref, two addresses, photo)', () => {
    const p = load('John_Doe_IPHONE.vcf');
    expect(p.candidates).toHaveLength(1);
    expectPerson(p.candidates[0].person, {
      salutation: 'Mr.',
      firstName: 'John Richter James',
      lastName: 'Doe',
      street: 'Silicon Alley 5,',
      postalCode: '12345',
      city: 'New York',
      country: 'United States of America',
      phone: '905-555-1234',
      furtherPhones: ['905-666-1234', '905-777-1234', '905-111-1234', '905-222-1234', '905-999-1234'],
      fax: '905-888-1234',
      email: 'john.doe@ibm.com',
      organisation: 'IBM',
      position: 'Money Counter',
    });
    expect(p.candidates[0].warnings).toEqual([
      { messageKey: 'import.warning.nameSuffix', params: { suffix: 'Sr.' } },
      {
        messageKey: 'import.warning.extraAddress',
        params: { address: 'Street4, Building 6, Floor 8, 12345 New York, USA' },
      },
      { messageKey: 'import.warning.photoSkipped' },
      { messageKey: 'import.warning.datesSkipped' },
      { messageKey: 'import.warning.nicknameSkipped' },
      { messageKey: 'import.warning.webSkipped' },
      { messageKey: 'import.warning.departmentSkipped' },
    ]);
  });

  it('Mac Address Book (3.0, escaped comma in N and ADR, \\: in values)', () => {
    const p = load('John_Doe_MAC_ADDRESS_BOOK.vcf');
    expect(p.candidates).toHaveLength(1);
    const c = p.candidates[0].person;
    expectPerson(c, {
      salutation: 'Mr.',
      firstName: 'John Richter,James',
      lastName: 'Doe',
      street: 'Silicon Alley 5,',
      postalCode: '12345',
      city: 'New York',
      country: 'United States of America',
      phone: '905-777-1234',
      furtherPhones: ['905-666-1234', '905-555-1234', '905-111-1234', '905-222-1234', '905-999-1234'],
      fax: '905-888-1234',
      email: 'john.doe@ibm.com',
      organisation: 'IBM',
      position: 'Money Counter',
    });
    expect(c.note.endsWith('SUCH DAMAGE.\nFavotire Color: Blue')).toBe(true);
  });

  it('MS Outlook (2.1, preferred work address, second address as a warning)', () => {
    const p = load('John_Doe_MS_OUTLOOK.vcf');
    expect(p.candidates).toHaveLength(1);
    const c = p.candidates[0].person;
    expectPerson(c, {
      salutation: 'Mr.',
      firstName: 'John Richter James',
      lastName: 'Doe',
      street: 'Cresent moon drive',
      postalCode: '12345',
      city: 'Albaney',
      country: 'United States of America',
      phone: '(905) 555-1234',
      furtherPhones: ['(905) 666-1234'],
      email: 'john.doe@ibm.cm',
      organisation: 'IBM',
      position: 'Money Counter',
    });
    expect(c.note.startsWith("THIS SOFTWARE IS PROVIDED BY GEORGE EL-HADDAD ''AS IS''")).toBe(true);
    expect(keys(p, 0)).toEqual([
      'import.warning.nameSuffix',
      'import.warning.extraAddress',
      'import.warning.photoSkipped',
      'import.warning.datesSkipped',
      'import.warning.nicknameSkipped',
      'import.warning.webSkipped',
      'import.warning.departmentSkipped',
    ]);
    const second = p.candidates[0].warnings.find((w) => w.messageKey === 'import.warning.extraAddress');
    expect(second?.params?.address).not.toContain(',,');
  });

  it('Outlook 2007 (2.1, quoted-printable note with CRLF, certificate key, fax)', () => {
    const p = load('outlook-2007.vcf');
    expect(p.candidates).toHaveLength(1);
    const c = p.candidates[0].person;
    expectPerson(c, {
      salutation: 'Mr.',
      firstName: 'Michael',
      lastName: 'Angstadt',
      street: '222 Broadway, TheOffice',
      postalCode: '99999',
      city: 'New York',
      country: 'USA',
      phone: '(111) 555-1111',
      furtherPhones: ['(111) 555-2222', '(111) 555-4444'],
      fax: '(111) 555-3333',
      email: 'mike.angstadt@gmail.com',
      organisation: 'TheCompany',
      position: 'TheJobTitle',
    });
    expect(c.note).toBe(
      'This is the NOTE field\nI assume it encodes this text inside a NOTE vCard type.\n' +
        "But I'm not sure because there's text formatting going on here.\nIt does not preserve the formatting",
    );
    expect(p.candidates[0].warnings[0]).toEqual({
      messageKey: 'import.warning.nameSuffix',
      params: { suffix: 'Jr.' },
    });
  });

  it('Gmail multi-contact export: every card', () => {
    const p = load('gmail-list.vcf');
    expect(p.candidates.map((c) => c.line)).toEqual([1, 7, 13]);
    expectPerson(p.candidates[0].person, { firstName: 'Arnold', lastName: 'Smith', email: 'asmithk@gmail.com' });
    expectPerson(p.candidates[1].person, { firstName: 'Chris', lastName: 'Beatle', email: 'chrisy55d@yahoo.com' });
    expectPerson(p.candidates[2].person, { firstName: 'Doug', lastName: 'White', email: 'dwhite@gmail.com' });
    expect(p.fieldsPresent).toEqual(['firstName', 'lastName', 'email']);
  });

  it('RFC 6350 example (4.0, tel: URIs with extension, quoted TYPE list, degrees in the suffix)', () => {
    const p = load('rfc6350-example.vcf');
    expect(p.candidates).toHaveLength(1);
    expectPerson(p.candidates[0].person, {
      title: 'ing. M.Sc.',
      firstName: 'Simon',
      lastName: 'Perreault',
      street: '2875 Laurier, Suite D2-630',
      postalCode: 'G1V 2M2',
      city: 'Quebec',
      country: 'Canada',
      phone: '+1-418-656-9254',
      furtherPhones: ['+1-418-262-6501'],
      email: 'simon.perreault@viagenie.ca',
      organisation: 'Viagenie',
    });
    expect(p.candidates[0].warnings).toEqual([
      { messageKey: 'import.warning.nameSuffix', params: { suffix: 'jr' } },
      { messageKey: 'import.warning.phoneExtension', params: { phone: '+1-418-656-9254', ext: '102' } },
      { messageKey: 'import.warning.datesSkipped' },
      { messageKey: 'import.warning.webSkipped' },
    ]);
  });
});
