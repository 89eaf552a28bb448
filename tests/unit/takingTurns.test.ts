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
import { forEachSecretRun } from '../../src/data/directory/rowReader';
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

  it('the directory packs the secrets held in memory a run at a time, the page getting a task after each', async () => {
    const { db, admin } = await freshDb();
    await importPersons(db, admin, { fileName: 'a.vcf', persons: persons(30) }, CONTRACT);
    await forEachSecretRun(db, () => undefined); // the first build reads them from personKeys
    expect(db.keyring.allPersonsLoaded).toBe(true);
    const steps: string[] = [];
    turns.count = 0;
    const counting = forEachSecretRun(db, () => steps.push(`run after ${turns.count} turns`));
    await counting;
    // One run of 30 (runs hold 6,000), then a turn: 100,000 secrets were one task of ~17 runs.
    expect(steps).toEqual(['run after 0 turns']);
    expect(turns.count).toBe(1);
  });
});
