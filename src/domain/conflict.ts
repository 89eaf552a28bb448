/**
 * Resolving a conflict between versions of one person (issue 19, item 3): which fields differ, and
 * the merged person made of the version picked per field. Pure: the data layer writes the result.
 */
import { WATCHED_FIELD_KEYS } from './fields';
import type { Person } from './person';

/** The fields a user chooses between: the watched ones, then those of the form not watched. */
export const MERGEABLE_FIELDS = [
  'kind',
  'private',
  ...WATCHED_FIELD_KEYS,
  'organisation',
  'position',
  'note',
  'purposeId',
] as const satisfies readonly (keyof Person)[];

export type MergeableField = (typeof MERGEABLE_FIELDS)[number];

/** Fields whose values are not the same in every version, in form order. */
export function conflictingFields(versions: readonly Person[]): MergeableField[] {
  return MERGEABLE_FIELDS.filter((f) => new Set(versions.map((v) => JSON.stringify(v[f]))).size > 1);
}

/**
 * The merged person: the first version (the one shown until now) with each conflicting field taken
 * from the version picked for it (an index into `versions`; unpicked fields keep the first's).
 */
export function mergeVersions(versions: readonly Person[], picks: Partial<Record<MergeableField, number>>): Person {
  if (versions.length === 0) throw new Error('A conflict has at least one version');
  const merged: Person = structuredClone(versions[0]);
  for (const [field, index] of Object.entries(picks) as [MergeableField, number][]) {
    if (!(index >= 0 && index < versions.length)) throw new Error(`No version ${index} to take ${field} from`);
    Object.assign(merged, { [field]: structuredClone(versions[index][field]) });
  }
  return merged;
}

/**
 * The picks a resolution starts from: a field only one version changed since the version they
 * branched from is taken from that one — keeping the shown value there would silently drop a
 * change nobody contested. `changed[i]`: the fields version i changed (undefined: not known).
 */
export function uncontestedPicks(
  fields: readonly MergeableField[],
  changed: readonly (readonly MergeableField[] | undefined)[],
): Partial<Record<MergeableField, number>> {
  const picks: Partial<Record<MergeableField, number>> = {};
  for (const field of fields) {
    const changers = changed.flatMap((c, i) => (c?.includes(field) ? [i] : []));
    if (changers.length === 1 && changed.every((c) => c !== undefined)) picks[field] = changers[0];
  }
  return picks;
}
