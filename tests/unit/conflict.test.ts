// Resolving a conflict (issue 19, item 3): the fields that differ, and the merge picked per field.
import { describe, expect, it } from 'vitest';
import { conflictingFields, mergeVersions, uncontestedPicks } from '../../src/domain/conflict';
import { newPerson } from '../../src/domain/person';

const base = newPerson('contact', { firstName: 'Anna', lastName: 'Berg', city: 'Bonn', furtherPhones: ['1'] });
const other = { ...base, city: 'Köln', note: 'neu', furtherPhones: ['1', '2'] };

describe('conflict merge', () => {
  it('lists the fields whose values differ, in form order', () => {
    expect(conflictingFields([base, other])).toEqual(['city', 'furtherPhones', 'note']);
    expect(conflictingFields([base, { ...base }])).toEqual([]);
  });

  it('keeps the first version where nothing was picked and takes each picked field from its version', () => {
    const merged = mergeVersions([base, other], { city: 1 });
    expect(merged.city).toBe('Köln');
    expect(merged.note).toBe(base.note);
    expect(merged.furtherPhones).toEqual(['1']);
    const all = mergeVersions([base, other], { city: 0, furtherPhones: 1, note: 1 });
    expect(all).toEqual({ ...base, furtherPhones: ['1', '2'], note: 'neu' });
    // The versions themselves are untouched.
    all.furtherPhones.push('3');
    expect(other.furtherPhones).toEqual(['1', '2']);
  });

  it('refuses a pick of a version that is not there', () => {
    expect(() => mergeVersions([base, other], { city: 2 })).toThrow(/No version 2/);
  });
});

describe('uncontestedPicks', () => {
  it('takes a field changed on one side only from that side; one changed on both stays to choose', () => {
    const fields = ['city', 'phone', 'email'] as const;
    expect(
      uncontestedPicks(fields, [
        ['city', 'phone'],
        ['city', 'email'],
      ]),
    ).toEqual({ phone: 0, email: 1 });
    // Where one side's changes are not known (the version they branched from is compacted away), none is guessed.
    expect(uncontestedPicks(fields, [['city', 'phone'], undefined])).toEqual({});
    expect(uncontestedPicks(fields, [[], []])).toEqual({});
  });
});
