/** The person form's working copy: what it takes of the stored person as it arrives live. */
import { describe, expect, it } from 'vitest';
import { newPerson, type Person } from '../../src/domain/person';
import { isDirty, takesStored } from '../../src/ui/person/draft';

const stored = (version: number, city = 'Köln'): Person => ({
  ...newPerson('contact'),
  id: 'p1',
  lastName: 'Zimmermann',
  city,
  version,
});

describe('takesStored', () => {
  it('takes the first arrival', () => {
    expect(takesStored(null, null, stored(1), null)).toBe(true);
  });

  it('follows a change made elsewhere while nothing is edited here', () => {
    const base = stored(1);
    expect(takesStored(base, base, stored(2, 'Bonn'), null)).toBe(true);
  });

  it('keeps the edits typed here when the stored person changes elsewhere (the save rebases them)', () => {
    const base = stored(1);
    const draft = { ...base, city: 'Bonn' };
    expect(isDirty(draft, base)).toBe(true);
    expect(takesStored(draft, base, stored(2, 'Aachen'), null)).toBe(false);
  });

  it('does not take a read from before its own save: what is typed after the save stays', () => {
    // Saved as version 3 (Köln); a read begun before arrives with version 2 (Düren) while the user
    // types Bonn — and also when nothing is typed yet (it would show the old values until the next read).
    const saved = stored(3);
    expect(takesStored({ ...saved, city: 'Bonn' }, saved, stored(2, 'Düren'), 3)).toBe(false);
    expect(takesStored(saved, saved, stored(2, 'Düren'), 3)).toBe(false);
    // The read of the save itself, and later ones, are taken while nothing is edited.
    expect(takesStored(saved, saved, stored(3), 3)).toBe(true);
    expect(takesStored(saved, saved, stored(4, 'Aachen'), 3)).toBe(true);
  });
});

describe('isDirty', () => {
  it('compares values, not the order their keys were stored in (a save returns them in another order than a read)', () => {
    const read = stored(2);
    const returned = Object.fromEntries(Object.entries(read).reverse()) as unknown as Person;
    expect(isDirty(returned, read)).toBe(false);
    expect(isDirty({ ...returned, city: 'Bonn' }, read)).toBe(true);
  });
});
