/**
 * A save's requests are issued together (README "What makes the write paths fast"): the person's
 * write and its audit entry go down at once, not one after the other's round trip. An entry must
 * still never outlive its write: a logged write that fails aborts its whole transaction.
 */
import { describe, expect, it } from 'vitest';
import {
  lockPerson,
  openDatabase,
  PersonLockedError,
  ReasonRequiredError,
  savePerson,
  signIn,
  unlockPerson,
  verifyAuditLog,
  type ConsentbookDB,
} from '../../src/data';
import { writeWith } from '../../src/data/write';
import { rawConnection } from '../../src/data/db';
import { AUDIT_HEAD_KEY, chainEntries, type ChainHead } from '../../src/domain/auditChain';
import { auditEntry } from '../../src/data/middleware/audit';
import { anna, CONTRACT, freshDb, idbRequests, PASSPHRASE, tableSpy } from './helpers';

/** Notes when each write below the rules is issued and when it is done. */
const spy = (events: string[]) =>
  // Below enforcement and the outbox, above sealing.
  tableSpy('test-spy', 0, (table, name) => ({
    mutate(req) {
      events.push(`issue ${name}`);
      return table.mutate(req).then((res) => {
        events.push(`done ${name}`);
        return res;
      });
    },
  }));

describe('a save', () => {
  it("issues the person's write and its audit entry together", async () => {
    const { db } = await freshDb();
    const admin = await signIn(db, 'admin', PASSPHRASE);
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    const events: string[] = [];
    const tab = openDatabase(db.name).use(spy(events));
    const session = await signIn(tab, 'admin', PASSPHRASE);
    events.length = 0;
    await savePerson(tab, session, { ...stored, email: 'anna.neu@example.org' }, CONTRACT);
    const at = (e: string) => events.indexOf(e);
    expect(at('issue persons')).toBeGreaterThanOrEqual(0);
    expect(at('issue auditLog')).toBeGreaterThan(at('issue persons'));
    expect(at('issue auditLog')).toBeLessThan(at('done persons'));
    expect((await tab.auditLog.toArray()).map((e) => e.action)).toEqual(['create', 'update']);
    tab.close();
  });

  it('stores nothing of a transaction whose logged write failed, even when the caller catches the error', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    const entries = await db.auditLog.count();
    const other = anna({ id: 'person-other', lastName: 'Andere' });
    await expect(
      writeWith(db, { session: admin, reason: CONTRACT, intent: 'edit' }, [db.persons], async () => {
        // The key exists: the add fails below the rules, after its 'create' entry was made.
        await db.persons.add({ ...stored }).catch(() => undefined);
        await db.persons.put(other);
      }),
    ).rejects.toThrow();
    expect(await db.auditLog.count()).toBe(entries);
    expect(await db.persons.get(other.id)).toBeUndefined();
    expect((await db.persons.get(stored.id))?.version).toBe(stored.version);
  });
});

describe("an update's requests", () => {
  it('without the loaded version: the person and the chain head read, then the person, its entry and the head written: nothing else', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    const requests = await idbRequests(() =>
      savePerson(db, admin, { ...stored, email: 'anna.neu@example.org' }, CONTRACT),
    );
    expect(requests.sort()).toEqual(['auditLog add', 'persons get', 'persons put', 'settings get', 'settings put']);
  });
});

/** Each request as it is made and as its answer arrives, in order. */
async function requestTimeline(fn: () => Promise<unknown>, events: string[] = []): Promise<string[]> {
  const proto = IDBObjectStore.prototype as unknown as Record<string, (...a: unknown[]) => IDBRequest>;
  const methods = ['get', 'getAll', 'put', 'add', 'delete'];
  const originals = methods.map((m) => proto[m]);
  methods.forEach((m, i) => {
    proto[m] = function (this: IDBObjectStore, ...args: unknown[]) {
      const req = originals[i].apply(this, args);
      events.push(`issue ${this.name} ${m}`);
      req.addEventListener('success', () => events.push(`done ${this.name} ${m}`));
      return req;
    };
  });
  try {
    await fn();
  } finally {
    methods.forEach((m, i) => (proto[m] = originals[i]));
  }
  return events;
}

/** Writes below every layer of the app (no Dexie, no event): as another tab or a sync pull would have, unnoticed. */
async function writeUnnoticed(db: ConsentbookDB, writes: Record<string, unknown[]>): Promise<void> {
  const tx = db.backendDB().transaction(Object.keys(writes), 'readwrite');
  for (const [store, values] of Object.entries(writes)) for (const v of values) tx.objectStore(store).put(v);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

const entryCount = (db: ConsentbookDB) => rawConnection(db).auditLog.count();

describe('an update from the version its form loaded', () => {
  it('issues the checks (person, head), the write, its entry and the head in one round trip', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    const events = await requestTimeline(() =>
      savePerson(db, admin, { ...stored, email: 'anna.neu@example.org' }, CONTRACT, stored),
    );
    const issued = events.filter((e) => e.startsWith('issue'));
    expect([...issued].sort()).toEqual([
      'issue auditLog add',
      'issue persons get',
      'issue persons put',
      'issue settings get',
      'issue settings put',
    ]);
    // All made before the first answer; each read before the write of its store.
    expect(events.findIndex((e) => e.startsWith('done'))).toBe(issued.length);
    expect(issued.indexOf('issue persons get')).toBeLessThan(issued.indexOf('issue persons put'));
    expect(issued.indexOf('issue settings get')).toBeLessThan(issued.indexOf('issue settings put'));
    expect((await db.persons.get(stored.id))?.email).toBe('anna.neu@example.org');
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 2 });
  });

  it('is made from the stored version when another one was stored since: its diff names what differs from that', async () => {
    const { db, admin } = await freshDb();
    const first = await savePerson(db, admin, anna(), CONTRACT);
    const raw = rawConnection(db);
    const asFirst = await raw.persons.get(first.id);
    const second = await savePerson(db, admin, { ...first, email: 'anna.zwei@example.org' }, CONTRACT, first);
    // The first version back, stored unnoticed (as a sync pull writes): the form still holds the second.
    await writeUnnoticed(db, { persons: [asFirst] });
    const entries = await entryCount(db);
    const requests = await idbRequests(() =>
      savePerson(db, admin, { ...second, phone: '0711 1234' }, CONTRACT, second),
    );
    // Tried in one round trip, aborted at the check, made again after reading.
    expect(requests.filter((r) => r === 'persons put')).toHaveLength(2);
    const log = await db.auditLog.toArray();
    expect(log).toHaveLength(entries + 1);
    expect(log.at(-1)?.fieldKeys).toEqual(expect.arrayContaining(['email', 'phone']));
    expect(await db.persons.get(first.id)).toMatchObject({ email: 'anna.zwei@example.org', phone: '0711 1234' });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: entries + 1 });
  });

  it('chains onto the stored head when the one this tab last committed was moved unnoticed', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    const raw = rawConnection(db);
    const head = (await raw.settings.get(AUDIT_HEAD_KEY))!.value as ChainHead;
    const event = auditEntry({ session: admin }, 'settingsChanged', '');
    const moved = chainEntries(head, [event], db.keyring.auditKey());
    await writeUnnoticed(db, { auditLog: moved.chained, settings: [{ key: AUDIT_HEAD_KEY, value: moved.head }] });
    const requests = await idbRequests(() =>
      savePerson(db, admin, { ...stored, email: 'anna.neu@example.org' }, CONTRACT, stored),
    );
    expect(requests.filter((r) => r === 'auditLog add')).toHaveLength(2);
    expect((await db.auditLog.toArray()).map((e) => e.action)).toEqual(['create', 'settingsChanged', 'update']);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 3 });
  });

  it('writes nothing, no entry either, when the stored version refuses what the loaded one allowed (locked since)', async () => {
    const { db, admin } = await freshDb();
    const first = await savePerson(db, admin, anna(), CONTRACT);
    await lockPerson(db, admin, first.id, 'Widerspruch geprüft');
    const raw = rawConnection(db);
    const locked = await raw.persons.get(first.id);
    await unlockPerson(db, admin, first.id, 'Prüfung abgeschlossen');
    const unlocked = (await db.persons.get(first.id))!;
    // Locked again unnoticed (as another device's lock pulled by sync): the form holds the unlocked version.
    await writeUnnoticed(db, { persons: [locked] });
    const entries = await entryCount(db);
    const requests = await idbRequests(() =>
      expect(
        savePerson(db, admin, { ...unlocked, email: 'anna.neu@example.org' }, CONTRACT, unlocked),
      ).rejects.toBeInstanceOf(PersonLockedError),
    );
    expect(requests.filter((r) => r === 'persons put')).toHaveLength(1);
    expect(await entryCount(db)).toBe(entries);
    expect(await raw.persons.get(first.id)).toEqual(locked);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: entries });
  });

  it('writes nothing when the loaded version already refuses it (no reason for a watched field)', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    const entries = await entryCount(db);
    const requests = await idbRequests(() =>
      expect(
        savePerson(db, admin, { ...stored, email: 'anna.neu@example.org' }, undefined, stored),
      ).rejects.toBeInstanceOf(ReasonRequiredError),
    );
    expect(requests.filter((r) => r.endsWith('put') || r.endsWith('add'))).toEqual([]);
    expect(await entryCount(db)).toBe(entries);
  });
});

/** Runs `fn`, noting at each commit asked for what `progress` says then. */
async function commitsDuring<T>(progress: () => T, fn: () => Promise<unknown>): Promise<T[]> {
  const proto = IDBTransaction.prototype;
  const original = Reflect.get<IDBTransaction, 'commit'>(proto, 'commit');
  const commits: T[] = [];
  proto.commit = function (this: IDBTransaction) {
    commits.push(progress());
    original.call(this);
  };
  try {
    await fn();
  } finally {
    proto.commit = original;
  }
  return commits;
}

describe("a command's commit", () => {
  it('is asked for once its work is answered, not left to the end of the page’s task', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    let returned = false;
    const events: string[] = [];
    const commits = await commitsDuring(
      () => ({ returned, answers: events.filter((e) => e.startsWith('done')).length }),
      () =>
        requestTimeline(async () => {
          await savePerson(db, admin, { ...stored, email: 'anna.neu@example.org' }, CONTRACT, stored);
          returned = true;
        }, events),
    );
    // Once, with every request answered and before savePerson returned (Dexie asks for none in
    // db.transaction(): its transaction ends by IndexedDB's auto-commit after the page's task).
    expect(commits).toEqual([{ returned: false, answers: 5 }]);
    expect(events.filter((e) => e.startsWith('done'))).toHaveLength(5);
    expect((await db.persons.get(stored.id))?.email).toBe('anna.neu@example.org');
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 2 });
  });

  it("is the outermost command's only: commands inside another's transaction do not end it", async () => {
    const { db, admin } = await freshDb();
    let saved = 0;
    const commits = await commitsDuring(
      () => saved,
      () =>
        writeWith(db, { session: admin, reason: CONTRACT, intent: 'edit' }, [db.persons], async () => {
          await savePerson(db, admin, anna(), CONTRACT);
          saved++;
          await savePerson(db, admin, anna({ id: 'person-other', lastName: 'Andere' }), CONTRACT);
          saved++;
        }),
    );
    // The inner saves left the transaction open (the second could not have written otherwise).
    expect(commits).toEqual([2]);
    expect(await db.persons.count()).toBe(2);
  });

  it('is not asked for when the work is refused: nothing is stored', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    const commits = await commitsDuring(
      () => 1,
      () =>
        expect(savePerson(db, admin, { ...stored, email: 'anna.neu@example.org' }, undefined, stored)).rejects.toThrow(
          ReasonRequiredError,
        ),
    );
    expect(commits).toEqual([]);
    expect((await db.persons.get(stored.id))?.email).toBe(stored.email);
  });
});
