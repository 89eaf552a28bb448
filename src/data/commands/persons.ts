/** Commands on persons: save with a reason, lock, unlock, erase. The reason is asked before (queries/persons.ts: pendingChange). */
import { newPerson, type Person, type PersonLock } from '../../domain/person';
import type { ConsentbookDB, StoredPerson } from '../db';
import type { ChangeReason } from '../core/context';
import { RuleError } from '../core/errors';
import type { Session } from '../core/session';
import { deletionBlock, storedPerson } from '../queries/persons';
import { storedValue } from '../middleware/stored';
import { loadedVersionMissed } from '../middleware/loaded';
import { writeWith } from '../write';
import { localDate } from '../../domain/calendar';

/**
 * Creates (empty id) or updates a person; the stored version is returned. `loaded`: the stored
 * version the caller's form was loaded from — the update is then checked against it in the
 * write's own round trip, and written again the careful way when it is not stored any more
 * (middleware/loaded.ts).
 */
export async function savePerson(
  db: ConsentbookDB,
  session: Session,
  person: Person,
  reason?: ChangeReason,
  loaded?: Person | null,
): Promise<StoredPerson> {
  const record: Person = { ...newPerson(person.kind), ...person, id: person.id || crypto.randomUUID() };
  const ctx = { session, reason, intent: 'edit' } as const;
  // An update is sealed inside its transaction by the synchronous cipher (aesGcm.ts, tens of µs):
  // sealing it before with WebCrypto made the save slower (its hops to WebCrypto's thread and the
  // middleware's comparison with what was sealed cost more than the cipher), measured in the bench.
  const update = !!person.id && !!person.version;
  let trans: object | undefined;
  const write = (withLoaded: boolean) =>
    writeWith(
      db,
      withLoaded ? { ...ctx, loaded: new Map([['persons', new Map([[record.id, loaded]])]]) } : ctx,
      [db.persons],
      async (tx) => {
        trans = tx.idbtrans;
        await db.persons.put(record);
        // What the middleware stored (version, dates, derived fields), without reading it back.
        const stored = storedValue(tx.idbtrans, 'persons', record.id) as StoredPerson | undefined;
        if (!stored) throw new Error(`Person ${record.id} was not stored`);
        return stored;
      },
    );
  if (!update || loaded?.id !== record.id || loaded.version !== person.version) return write(false);
  try {
    return await write(true);
  } catch (e) {
    if (!trans || !loadedVersionMissed(trans)) throw e;
    return write(false);
  }
}

export async function lockPerson(db: ConsentbookDB, session: Session, personId: string, reason: string): Promise<void> {
  await lockPersons(db, session, [personId], reason);
}

/**
 * Sperrvermerk (Art. 18) for several persons with one reason, in one transaction — what a bulk
 * deletion offers instead for persons under a retention duty. Persons already locked keep their lock.
 */
export async function lockPersons(
  db: ConsentbookDB,
  session: Session,
  personIds: readonly string[],
  reason: string,
): Promise<void> {
  if (!reason.trim()) throw new RuleError('error.lockReasonRequired', 'A reason for the lock is required');
  await writeWith(
    db,
    { session, intent: 'lock', reason: { purposeId: '', comment: reason.trim() } },
    [db.persons],
    async () => {
      const lock: PersonLock = { at: new Date().toISOString(), byUserId: session.userId, reason: reason.trim() };
      for (const id of personIds) {
        const person = await storedPerson(db, id);
        if (!person.lock) await db.persons.put({ ...person, lock });
      }
    },
  );
}

export async function unlockPerson(
  db: ConsentbookDB,
  session: Session,
  personId: string,
  comment: string,
): Promise<void> {
  if (!comment.trim()) throw new RuleError('error.unlockReasonRequired', 'A reason for removing the lock is required');
  await writeWith(
    db,
    { session, intent: 'unlock', reason: { purposeId: '', comment: comment.trim() } },
    [db.persons],
    async () => {
      const person = await storedPerson(db, personId);
      await db.persons.put({ ...person, lock: null });
    },
  );
}

/**
 * Erasure (Art. 17): the person, their consents and evidence files go; the audit log keeps a
 * tombstone (the delete entry, without personal data). Refused under a retention duty or a lock.
 */
export async function deletePerson(
  db: ConsentbookDB,
  session: Session,
  personId: string,
  reason?: ChangeReason,
): Promise<void> {
  await writeWith(
    db,
    { session, reason, intent: 'erase' },
    [db.persons, db.consents, db.files, db.transactions, db.campaigns],
    async () => {
      const consents = await db.consents.where('personId').equals(personId).toArray();
      // Consents and files first: deleting the person deletes the key their records are sealed with.
      await db.consents.bulkDelete(consents.map((c) => c.id));
      await db.files
        .where('ownerId')
        .anyOf([personId, ...consents.map((c) => c.id)])
        .delete();
      await db.persons.delete(personId);
      // Business records stay (they are kept for their own sake); the link to the person goes.
      await db.transactions
        .where('personIds')
        .equals(personId)
        .modify((tx) => {
          tx.personIds = tx.personIds.filter((id) => id !== personId);
        });
      // Campaigns are few; a scan is cheaper than an index every campaign write must keep.
      await db.campaigns
        .filter((c) => c.members.some((m) => m.personId === personId))
        .modify((c) => {
          c.members = c.members.filter((m) => m.personId !== personId);
        });
    },
  );
}

export interface BulkEraseResult {
  deleted: string[];
  skippedLocked: string[];
  /** Person id → first day deletion becomes possible. */
  skippedRetention: Map<string, string>;
  cancelled: boolean;
}

/**
 * "Ansprechpartner löschen" from the worklist: one transaction per person, so cancelling leaves
 * nobody half-deleted; locked persons and persons under a retention duty are skipped and named.
 */
export async function erasePersons(
  db: ConsentbookDB,
  session: Session,
  personIds: readonly string[],
  reason: ChangeReason,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<BulkEraseResult> {
  const result: BulkEraseResult = { deleted: [], skippedLocked: [], skippedRetention: new Map(), cancelled: false };
  const today = localDate();
  for (const [i, id] of personIds.entries()) {
    if (signal?.aborted) {
      result.cancelled = true;
      break;
    }
    const block = await deletionBlock(db, id, today);
    if (block?.type === 'locked') result.skippedLocked.push(id);
    else if (block?.type === 'retention') result.skippedRetention.set(id, block.until);
    else if (await db.persons.get(id)) {
      await deletePerson(db, session, id, reason);
      result.deleted.push(id);
    }
    onProgress?.(i + 1, personIds.length);
  }
  return result;
}
