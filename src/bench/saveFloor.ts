/**
 * The save's floor (figures.ts, saveFigures): the records a save stored, written again in raw
 * IndexedDB — no app code — both as the least a save could do and as the app's own requests.
 */
import type { ConsentbookDB } from '../data/db';
import { lastEntry } from '../data/core/auditEntries';
import { AUDIT_HEAD_KEY } from '../domain/auditChain';

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** The save's records as it stored them (sealed, read back untimed), written raw both ways; each timed. */
export async function rawSaves(
  raw: ConsentbookDB,
  idb: IDBDatabase,
  personId: string,
): Promise<{ floorMs: number; sameMs: number }> {
  const [person, entry, head] = await Promise.all([
    raw.persons.get(personId),
    lastEntry(raw),
    raw.settings.get(AUDIT_HEAD_KEY),
  ]);
  if (!person || !entry || !head) throw new Error(`the save of ${personId} is not stored with its entry and head`);
  const { seq: _seq, ...unplaced } = entry;
  const records = { person, entry: unplaced, head };
  const floorMs = await timed(() => rawSave(idb, records, 'floor'));
  const sameMs = await timed(() => rawSave(idb, records, 'sameRequests'));
  return { floorMs, sameMs };
}

/**
 * A save's records in raw IndexedDB. `floor`: the writes alone, the commit requested with them;
 * `sameRequests`: the app's checking reads first, committed once everything is answered.
 */
function rawSave(
  idb: IDBDatabase,
  records: { person: { id: string }; entry: unknown; head: unknown },
  variant: 'floor' | 'sameRequests',
): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['persons', 'auditLog', 'settings'], 'readwrite', { durability: 'strict' });
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
    const persons = tx.objectStore('persons');
    const settings = tx.objectStore('settings');
    if (variant === 'sameRequests') {
      persons.get(records.person.id);
      settings.get(AUDIT_HEAD_KEY);
    }
    persons.put(records.person);
    tx.objectStore('auditLog').add(records.entry);
    settings.put(records.head);
    if (variant === 'floor') tx.commit();
  });
}
