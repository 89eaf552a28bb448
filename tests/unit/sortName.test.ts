import { describe, expect, it } from 'vitest';
import { sortNameOf } from '../../src/domain/person';

/** The sort key as German lower-cases it, by its definition. */
const byLocale = (p: { lastName: string; firstName: string; organisation: string }) =>
  [p.lastName, p.firstName, p.organisation]
    .map((s) => s.trim().toLocaleLowerCase('de'))
    .filter(Boolean)
    .join(' ');

describe('sortNameOf', () => {
  it('is last name, first name, organisation, lower-cased as in German, empty parts left out', () => {
    expect(sortNameOf({ lastName: ' Müller ', firstName: 'Anna', organisation: '' })).toBe('müller anna');
    expect(sortNameOf({ lastName: '', firstName: '', organisation: 'ACME GmbH' })).toBe('acme gmbh');
    expect(sortNameOf({ lastName: '  ', firstName: 'Jo', organisation: 'X' })).toBe('jo x');
    expect(sortNameOf({ lastName: '', firstName: '', organisation: '' })).toBe('');
  });

  it("lower-cases every script as toLocaleLowerCase('de') does", () => {
    const names = ['ÖZTÜRK', 'İlhan', 'IŞIK', 'ΟΔΥΣΣΕΥΣ', 'STRAẞE', 'ŁUKASZ', 'Ǆemal', 'ÆRØ', 'Ἀθῆναι', 'ＡＢＣ', 'Ⅻ'];
    for (const lastName of names)
      for (const firstName of ['', 'ÄNNE', 'Ĳsbrand'])
        expect(sortNameOf({ lastName, firstName, organisation: 'Ärzte eG' })).toBe(
          byLocale({ lastName, firstName, organisation: 'Ärzte eG' }),
        );
  });
});
