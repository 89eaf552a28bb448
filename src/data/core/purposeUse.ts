/**
 * The one rule for "this purpose is in use": a person is held for it, or a consent (given or
 * withdrawn — both are evidence) names it. A purpose in use is never deleted, only deactivated.
 * The enforcement middleware checks it inside the deleting transaction; the settings screen asks
 * it to offer "Löschen" only where deleting can succeed. Each counts through its own reader.
 */
import type { IndexableType } from 'dexie';

/**
 * The persons held for a purpose, by the one persons index that holds it (schema v12): `natural`
 * is always 0 or 1, so they are the keys [0, id] and [1, id].
 */
export const PERSONS_BY_PURPOSE = '[natural+purposeId]';
export const personPurposeKeys = (purposeId: string): [number, string][] => [
  [0, purposeId],
  [1, purposeId],
];

export const PURPOSE_REFERENCES: readonly { table: string; index: string; keys: (id: string) => IndexableType[] }[] = [
  { table: 'persons', index: PERSONS_BY_PURPOSE, keys: personPurposeKeys },
  { table: 'consents', index: 'purposeIds', keys: (id) => [id] },
];

/** How many records of `table` hold one of `keys` in `index` (at least: counting may stop at one). */
export type CountByIndex = (table: string, index: string, keys: IndexableType[]) => Promise<number>;

export async function isPurposeInUse(purposeId: string, count: CountByIndex): Promise<boolean> {
  for (const { table, index, keys } of PURPOSE_REFERENCES)
    if ((await count(table, index, keys(purposeId))) > 0) return true;
  return false;
}
