/**
 * Long jobs give the page a task between their steps (src/data/core/nextTask.ts), so no single
 * main-thread task grows with the size of an import or of the book (issue 18, longest_task_ms). The export has no
 * such steps here: its pages are opened and formatted in the open pool's workers (openRows.test.ts).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const turns = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/data/core/nextTask', () => ({
  nextTask: () => {
    turns.count++;
    return Promise.resolve();
  },
}));

import { importPersons } from '../../src/data';
import { newPerson } from '../../src/domain/person';
import { CONTRACT, freshDb } from './helpers';

const persons = (n: number) => Array.from({ length: n }, (_, i) => newPerson('contact', { lastName: `N${i}` }));

describe('taking turns with the page', () => {
  beforeEach(() => {
    turns.count = 0;
  });

  it('an import prepares and seals a chunk at a time, the page getting a task in between', async () => {
    const { db, admin } = await freshDb();
    await importPersons(db, admin, { fileName: 'a.vcf', persons: persons(250) }, CONTRACT);
    expect(turns.count).toBe(4); // five chunks of at most 50
  });
});
