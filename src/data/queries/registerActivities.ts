/**
 * What the register records per purpose (Art. 30(1)(c) GDPR): the natural persons held with it —
 * assigned it, or with a given consent covering it — by kind, and the watched fields filled among
 * them. Every natural person is read once: a page of persons with their consents in one read
 * transaction (one key range of each table, as the export reads), opened in the open pool's
 * workers. A cursor per purpose opened each person on the page's thread with a round trip each;
 * with the log's check it kept the Verzeichnis at 100,000 persons on "Wird geladen …" for ~97 s.
 */
import { WATCHED_FIELDS, type WatchedFieldKey } from '../../domain/fields';
import { normalisedValue } from '../../domain/diff';
import type { Consent } from '../../domain/consent';
import type { Person, PersonKind } from '../../domain/person';
import { rawConnection, type ConsentbookDB } from '../db';
import { loadEveryPersonSecret } from '../directory/bulkRead';
import { nextTask } from '../core/nextTask';

export interface PurposeTally {
  kinds: Map<PersonKind, number>;
  fields: Set<WatchedFieldKey>;
  persons: number;
}

/** How far the tally is: persons read (natural or not) of those stored when it began. */
export interface TallyProgress {
  done: number;
  total: number;
}

const PAGE = 2_000;

function tallyPerson(tally: PurposeTally, person: Person): void {
  tally.persons++;
  tally.kinds.set(person.kind, (tally.kinds.get(person.kind) ?? 0) + 1);
  if (tally.fields.size === WATCHED_FIELDS.length) return;
  for (const { key } of WATCHED_FIELDS) {
    if (!tally.fields.has(key) && normalisedValue(key, person).length > 0) tally.fields.add(key);
  }
}

/** A page of persons after `lastId`, as stored, with the consents of the page's id range, in one read. */
async function readPage(raw: ConsentbookDB, lastId: string | undefined, size: number) {
  return raw.transaction('r', [raw.persons, raw.consents], async () => {
    const persons = await (lastId === undefined ? raw.persons.orderBy('id') : raw.persons.where('id').above(lastId))
      .limit(size)
      .toArray();
    if (persons.length === 0) return { persons, consents: [] as Consent[] };
    const consents = await raw.consents
      .where('personId')
      .between(persons[0].id, persons[persons.length - 1].id, true, true)
      .toArray();
    return { persons, consents };
  });
}

/**
 * The tally of every purpose with persons, by purpose id. Each person is counted once per purpose
 * (assigned it and consented to it: once); legal persons not at all. A consent's status and
 * purposes are plain fields: given consents are read as stored, only persons are opened.
 */
export async function tallyPurposes(
  db: ConsentbookDB,
  { pageSize = PAGE, onProgress }: { pageSize?: number; onProgress?: (p: TallyProgress) => void } = {},
): Promise<Map<string, PurposeTally>> {
  // Read on the app's connection first: a live query watching the caller sees every later change
  // to persons and consents, whatever the reads below (past it, between worker replies) record.
  const [total] = await Promise.all([db.persons.count(), db.consents.count()]);
  const tallies = new Map<string, PurposeTally>();
  const tallyOf = (purposeId: string) => {
    let tally = tallies.get(purposeId);
    if (!tally) tallies.set(purposeId, (tally = { kinds: new Map(), fields: new Set(), persons: 0 }));
    return tally;
  };
  await loadEveryPersonSecret(db);
  const { openPool } = await import('../bulk/openPool');
  const opener = openPool(db);
  const raw = rawConnection(db);
  try {
    let done = 0;
    for (let lastId: string | undefined; ;) {
      const page = await readPage(raw, lastId, pageSize);
      const natural = page.persons.filter((p) => p.natural === 1);
      const consented = new Map<string, Set<string>>();
      for (const c of page.consents) {
        if (c.status !== 'given') continue;
        const ids = consented.get(c.personId) ?? new Set<string>();
        for (const id of c.purposeIds) ids.add(id);
        consented.set(c.personId, ids);
      }
      for (const person of await opener.open<Person>('persons', natural)) {
        const purposes = new Set(consented.get(person.id));
        if (person.purposeId) purposes.add(person.purposeId);
        for (const purposeId of purposes) tallyPerson(tallyOf(purposeId), person);
      }
      done += page.persons.length;
      onProgress?.({ done, total: Math.max(total, done) });
      if (page.persons.length < pageSize) return tallies;
      lastId = page.persons[page.persons.length - 1].id;
      await nextTask();
    }
  } finally {
    opener.close();
  }
}
