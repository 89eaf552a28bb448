/**
 * A save's requests are issued together (README "What makes the write paths fast"): the person's
 * write and its audit entry go down at once, not one after the other's round trip. An entry must
 * still never outlive its write: a logged write that fails aborts its whole transaction.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase, savePerson, signIn } from '../../src/data';
import { writeWith } from '../../src/data/write';
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
  it('are the person and the chain head read, then the person, its entry and the head written: nothing else', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    const requests = await idbRequests(() =>
      savePerson(db, admin, { ...stored, email: 'anna.neu@example.org' }, CONTRACT),
    );
    expect(requests.sort()).toEqual(['auditLog add', 'persons get', 'persons put', 'settings get', 'settings put']);
  });
});
