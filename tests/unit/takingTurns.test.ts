/**
 * Long jobs give the page a task between their steps, so no single main-thread task grows with the
 * size of an import or of the book (issue 18, longest_task_ms). Inside the import's transaction
 * nothing may wait for another task, so its steps are IndexedDB's answers: a chunk's write answered
 * is a task of its own. The export has no such steps here: its pages are opened and formatted in
 * the open pool's workers (openRows.test.ts).
 */
import { describe, expect, it, vi } from 'vitest';

const steps = vi.hoisted(() => [] as string[]);
vi.mock('../../src/data/middleware/presealPersons', async (original) => {
  const actual = await original<typeof import('../../src/data/middleware/presealPersons')>();
  return {
    ...actual,
    presealNewPersons: (...args: Parameters<typeof actual.presealNewPersons>) => {
      steps.push(`sealed ${args[1].length}`);
      return actual.presealNewPersons(...args);
    },
  };
});

import { importPersons } from '../../src/data';
import { UNDER_WAY } from '../../src/data/commands/importPersons';
import { newPerson } from '../../src/domain/person';
import { CONTRACT, freshDb } from './helpers';

const persons = (n: number) => Array.from({ length: n }, (_, i) => newPerson('contact', { lastName: `N${i}` }));

describe('taking turns with the page', () => {
  it('an import seals and writes a chunk at a time, at most UNDER_WAY chunks a task', async () => {
    const { db, admin } = await freshDb();
    await importPersons(db, admin, { fileName: 'a.vcf', persons: persons(520) }, CONTRACT, (done) =>
      steps.push(`written ${done}`),
    );
    const sealed = steps.filter((s) => s.startsWith('sealed'));
    expect(sealed).toEqual([...Array<string>(10).fill('sealed 50'), 'sealed 20']);
    // Chunk k + UNDER_WAY is sealed only after chunk k's write was answered (a task boundary); the
    // first chunk goes alone.
    const sealedAt = (k: number) => steps.map((s, i) => (s.startsWith('sealed') ? i : -1)).filter((i) => i >= 0)[k];
    const writtenAt = (k: number) => steps.indexOf(`written ${Math.min(50 * (k + 1), 520)}`);
    expect(writtenAt(0)).toBeLessThan(sealedAt(1));
    for (let k = 0; k + UNDER_WAY < sealed.length; k++) expect(writtenAt(k)).toBeLessThan(sealedAt(k + UNDER_WAY));
    expect(await db.persons.count()).toBe(520);
  });
});
