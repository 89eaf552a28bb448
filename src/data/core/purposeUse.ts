/**
 * The one rule for "this purpose is in use": a person is held for it, or a consent (given or
 * withdrawn — both are evidence) names it. A purpose in use is never deleted, only deactivated.
 * The enforcement middleware checks it inside the deleting transaction; the settings screen asks
 * it to offer "Löschen" only where deleting can succeed. Each counts through its own reader.
 */
export const PURPOSE_REFERENCES = [
  { table: 'persons', index: 'purposeId' },
  { table: 'consents', index: 'purposeIds' },
] as const;

/** How many records of `table` hold `key` in `index` (at least: counting may stop at one). */
export type CountByIndex = (table: string, index: string, key: string) => Promise<number>;

export async function isPurposeInUse(purposeId: string, count: CountByIndex): Promise<boolean> {
  for (const { table, index } of PURPOSE_REFERENCES) if ((await count(table, index, purposeId)) > 0) return true;
  return false;
}
