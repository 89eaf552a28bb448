/**
 * The import tests' check of a person: every field an import fills, the listed ones as given and
 * every other one empty — so a value that lands in the wrong field fails, not only a missing one.
 */
import { expect } from 'vitest';
import { emptyPersonalData, type Person } from '../src/domain/person';

/** The person's empty personal data (bank accounts aside: no import reads them) and the fields an import adds. */
const { bankAccounts: _notImported, ...personal } = emptyPersonalData();
const EMPTY = { ...personal, organisation: '', position: '', note: '' } satisfies Partial<Person>;

export type ImportedFields = Partial<Pick<Person, keyof typeof EMPTY>>;

/** `except`: fields the test checks apart (a long note by its parts). */
export function expectImportedPerson(
  p: Person,
  expected: ImportedFields,
  except: readonly (keyof typeof EMPTY)[] = [],
): void {
  const keys = (Object.keys(EMPTY) as (keyof typeof EMPTY)[]).filter((k) => !except.includes(k));
  expect(Object.fromEntries(keys.map((k) => [k, p[k]]))).toEqual(
    Object.fromEntries(keys.map((k) => [k, k in expected ? expected[k] : EMPTY[k]])),
  );
}
