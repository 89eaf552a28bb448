/** The directory's name order kept by insertion, removal and replacement (src/data/directory/nameOrder.ts). */
import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../src/data/core/derived';
import { byName } from '../../src/data/directory/bucketRows';
import { insertSorted, removeSorted, replaceSorted } from '../../src/data/directory/nameOrder';

const entry = (id: string, sortName: string) => ({ id, sortName }) as DirectoryEntry;

describe('the name order', () => {
  it('stays what a sort gives through random inserts, removals and changes, renames included', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const names = ['müller anna', 'meier bernd', 'schmidt', 'zech', 'abel', 'müller anna'];
    const list: DirectoryEntry[] = [];
    const current = new Map<string, DirectoryEntry>();
    for (let step = 0; step < 2000; step++) {
      const id = `p${random(60)}`;
      const old = current.get(id);
      const next = entry(id, names[random(names.length)]);
      if (!old) insertSorted(list, next);
      else if (random(4) === 0) {
        removeSorted(list, old);
        current.delete(id);
        continue;
      } else replaceSorted(list, old, next);
      current.set(id, next);
    }
    expect(list).toEqual([...current.values()].sort(byName));
    // The very objects held, not equal copies.
    for (const e of list) expect(current.get(e.id)).toBe(e);
  });

  it('keeps the place of a person whose name did not change', () => {
    const list = [entry('a', 'abel'), entry('b', 'berg'), entry('c', 'cohn')];
    const changed = entry('b', 'berg');
    replaceSorted(list, list[1], changed);
    expect(list[1]).toBe(changed);
    expect(list.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    replaceSorted(list, changed, entry('b', 'zorn'));
    expect(list.map((e) => e.id)).toEqual(['a', 'c', 'b']);
  });
});
