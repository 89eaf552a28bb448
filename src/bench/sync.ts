/**
 * The sync figures' steps inside a bench page (issue 19, item 6). run.mjs runs them across two
 * browser profiles — two devices — and the local sync server, and times what a person waits for.
 */
import type { ConsentbookDB } from '../data/db';
import type { Session } from '../data/core/session';
import { savePerson } from '../data/commands/persons';
import { fromBase64, toBase64 } from '../data/core/crypto/passphrase';
import { configureSync, exportBookKey, getSyncStatus, pullBook, startSync, type SyncConfig } from '../data/sync';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Device A: connects the filled book (the first push queues every record) and waits until the
 * outbox is empty and the replication idle; returns the book's key for device B.
 */
export async function connectAndPush(
  db: ConsentbookDB,
  session: Session,
  config: SyncConfig,
  log: (m: string) => void,
): Promise<{ ms: number; key: string }> {
  const t0 = performance.now();
  await configureSync(db, session, config);
  await startSync(db, session);
  let settled = 0;
  for (let i = 0; settled < 3; i++) {
    await pause(1_000);
    const s = getSyncStatus(db);
    settled = s.state === 'synced' && s.pending === 0 ? settled + 1 : 0;
    if (i % 15 === 0) log(`push: ${s.state}, ${s.pending} pending`);
  }
  return { ms: performance.now() - t0, key: toBase64(exportBookKey(db, session)) };
}

/** Device B (empty): pulls the whole book; the milliseconds of the pull. */
export async function joinBook(
  db: ConsentbookDB,
  config: SyncConfig,
  key: string,
  log: (m: string) => void,
): Promise<number> {
  const t0 = performance.now();
  let logged = 0;
  await pullBook(db, config, fromBase64(key), ({ done, total }) => {
    if (done - logged >= 10_000) log(`pull: ${(logged = done)} of ${total}`);
  });
  return performance.now() - t0;
}

/**
 * Device A: renames a person to `lastName` with a reason, as the app saves; returns the wall-clock
 * time (Date.now(), shared with the other device's page on this machine) just before the save.
 */
export async function renameOne(db: ConsentbookDB, session: Session, index: number, lastName: string) {
  const persons = await db.persons
    .where('[natural+purposeId]')
    .equals([1, 'purpose-contract'])
    .limit(index + 2)
    .toArray();
  const person = persons[index + 1]; // [0] may be the report target
  const at = Date.now();
  await savePerson(
    db,
    session,
    { ...person, lastName },
    { purposeId: person.purposeId, comment: 'Name berichtigt' },
    person,
  );
  return at;
}
