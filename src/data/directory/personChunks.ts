/** Every person, opened a chunk at a time (the directory's full read, the import's duplicate check). */
import type { Person } from '../../domain/person';
import type { SealedRecord } from '../middleware/sealing';
import { rawConnection, type ConsentbookDB } from '../db';

const CHUNK = 2_000;

/**
 * Every person, a chunk at a time; `onChunk` gets the opened persons and the count so far. The
 * chunks are opened in a pool of workers (bulk/openPool.ts), the next one while `onChunk` runs.
 */
export async function forEachPersonChunk(
  db: ConsentbookDB,
  onChunk: (persons: Person[], done: number) => void | Promise<void>,
): Promise<number> {
  const raw = rawConnection(db);
  // Loaded when first needed: only a build without stored directory opens every person.
  const { openPool } = await import('../bulk/openPool');
  const opener = openPool(db);
  const read = async (after: string | undefined) => {
    const rows = (await (after === undefined ? raw.persons.orderBy('id') : raw.persons.where('id').above(after))
      .limit(CHUNK)
      .toArray()) as unknown as (Person | SealedRecord)[];
    const persons = opener.open<Person>('persons', rows);
    // Read ahead: a failure counts when the chunk's turn comes.
    persons.catch(() => undefined);
    return { last: rows.length ? String(rows[rows.length - 1].id) : undefined, persons };
  };
  let done = 0;
  let next = read(undefined);
  try {
    for (;;) {
      const { last, persons } = await next;
      if (last === undefined) return done;
      next = read(last);
      const opened = await persons;
      done += opened.length;
      await onChunk(opened, done);
    }
  } finally {
    next.catch(() => undefined);
    opener.close();
  }
}
