/**
 * Long jobs give the page a task between their steps (src/data/core/nextTask.ts), so no single
 * main-thread task grows with the size of an import or an export (issue 18, longest_task_ms).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const turns = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/data/core/nextTask', () => ({
  nextTask: () => {
    turns.count++;
    return Promise.resolve();
  },
}));

import { allPortability, importPersons } from '../../src/data';
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

  it('an export hands out a page of persons in turns', async () => {
    const { db, admin } = await freshDb();
    await importPersons(db, admin, { fileName: 'a.vcf', persons: persons(600) }, CONTRACT);
    turns.count = 0;
    const exported = new Set<string>();
    for await (const set of allPortability(db, admin)) exported.add(set.person.id);
    expect(exported.size).toBe(600);
    // One page of 1,000: a turn after every 250 persons handed out.
    expect(turns.count).toBe(2);
  });
});
