/**
 * What the register records per purpose (Art. 30(1)(c) GDPR): the natural persons held with it —
 * assigned it, or with a given consent covering it — by kind, and the watched fields filled among
 * them. Every person and consent is read once, as stored, a run at a time: a consent's status and
 * purposes and a person's kind and purpose are plain fields; persons are opened (in the open
 * pool's workers) only for the fields, while a purpose may still lack one. A cursor per purpose
 * opened each person on the page's thread with a round trip each; with the log's check it kept
 * the Verzeichnis at 100,000 persons on "Wird geladen …" for ~97 s. The same reads tell how many
 * of these records are sealed (the measure "encryption at rest").
 */
import { WATCHED_FIELDS, type WatchedFieldKey } from '../../domain/fields';
import { normalisedValue } from '../../domain/diff';
import type { Consent } from '../../domain/consent';
import type { Person, PersonKind } from '../../domain/person';
import { rawConnection, type ConsentbookDB } from '../db';
import { loadEveryPersonSecret } from '../directory/bulkRead';
import { tableInRuns } from '../core/tableInRuns';
import { countSealedIn, type SealCount } from './protection';
import type { RecordOpener } from '../bulk/openPool';

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

export interface PurposeTallies {
  byPurpose: Map<string, PurposeTally>;
  /** The persons and consents read, and how many of them are sealed. */
  sealed: { persons: SealCount; consents: SealCount };
}

const RUN = 2_000;

/** The watched fields this person has filled, added to the tally (until it holds every one). */
function tallyFields(tally: PurposeTally, person: Person): void {
  for (const { key } of WATCHED_FIELDS) {
    if (!tally.fields.has(key) && normalisedValue(key, person).length > 0) tally.fields.add(key);
  }
}

const holdsEveryField = (tally: PurposeTally) => tally.fields.size === WATCHED_FIELDS.length;

/** Person id → the purposes their given consents cover. */
async function consentedPurposes(db: ConsentbookDB, run: number) {
  const byPerson = new Map<string, Set<string>>();
  const count: SealCount = { records: 0, sealed: 0 };
  for await (const consents of tableInRuns<Consent>(rawConnection(db).consents, run)) {
    countSealedIn(count, consents);
    for (const c of consents) {
      if (c.status !== 'given') continue;
      const ids = byPerson.get(c.personId) ?? new Set<string>();
      for (const id of c.purposeIds) ids.add(id);
      byPerson.set(c.personId, ids);
    }
  }
  return { byPerson, count };
}

/**
 * The tally of every purpose with persons, by purpose id. Each person is counted once per purpose
 * (assigned it and consented to it: once); legal persons not at all.
 */
export async function tallyPurposes(
  db: ConsentbookDB,
  { run = RUN, onProgress }: { run?: number; onProgress?: (p: TallyProgress) => void } = {},
): Promise<PurposeTallies> {
  // Read on the app's connection first: a live query watching the caller sees every later change
  // to persons and consents, whatever the reads below (past it, between worker replies) record.
  const [total] = await Promise.all([db.persons.count(), db.consents.count()]);
  const consented = consentedPurposes(db, run);
  consented.catch(() => undefined);
  const byPurpose = new Map<string, PurposeTally>();
  const tallyOf = (purposeId: string) => {
    let tally = byPurpose.get(purposeId);
    if (!tally) byPurpose.set(purposeId, (tally = { kinds: new Map(), fields: new Set(), persons: 0 }));
    return tally;
  };
  // Kind and purpose are plain fields: a person is opened only for the fields, and only while
  // one of their purposes may still lack one (after the first few hundred persons, rarely).
  let opener: RecordOpener | undefined;
  const persons: SealCount = { records: 0, sealed: 0 };
  try {
    for await (const stored of tableInRuns<Person>(rawConnection(db).persons, run)) {
      countSealedIn(persons, stored);
      const { byPerson } = await consented;
      const toOpen: Person[] = [];
      const purposesOf = new Map<string, Set<string>>();
      for (const p of stored) {
        if (p.natural !== 1) continue;
        const purposes = new Set(byPerson.get(p.id));
        if (p.purposeId) purposes.add(p.purposeId);
        for (const purposeId of purposes) {
          const tally = tallyOf(purposeId);
          tally.persons++;
          tally.kinds.set(p.kind, (tally.kinds.get(p.kind) ?? 0) + 1);
        }
        if ([...purposes].some((id) => !holdsEveryField(tallyOf(id)))) {
          toOpen.push(p);
          purposesOf.set(p.id, purposes);
        }
      }
      if (toOpen.length > 0) {
        if (!opener) {
          await loadEveryPersonSecret(db);
          opener = (await import('../bulk/openPool')).openPool(db);
        }
        for (const person of await opener.open<Person>('persons', toOpen))
          for (const purposeId of purposesOf.get(person.id) ?? []) tallyFields(tallyOf(purposeId), person);
      }
      onProgress?.({ done: persons.records, total: Math.max(total, persons.records) });
    }
  } finally {
    opener?.close();
  }
  return { byPurpose, sealed: { persons, consents: (await consented).count } };
}
