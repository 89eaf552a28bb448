/**
 * The rules read privacy settings, purposes and the chain head from a per-connection cache
 * (src/data/middleware/ruleCache.ts): a change made by another connection (another tab) or rolled
 * back must never leave a write judged by a stale value.
 */
import { describe, expect, it } from 'vitest';
import {
  openDatabase,
  savePerson,
  signIn,
  updatePrivacySettings,
  verifyAuditLog,
  type ConsentbookDB,
} from '../../src/data';
import { writeWith } from '../../src/data/write';
import { anna, CONTRACT, freshDb } from './helpers';

async function secondTab(db: ConsentbookDB) {
  const other = openDatabase(db.name);
  return { other, session: await signIn(other, 'admin', 'correct horse battery') };
}

describe('the rules cache', () => {
  it('sees privacy settings changed in another tab at the next write', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT); // the cache now holds "GDPR support on"
    const { other, session } = await secondTab(db);
    await updatePrivacySettings(other, session, { gdprSupportDisabled: true });
    await savePerson(db, admin, { ...p, email: 'other@example.org' }); // no reason: GDPR support is off
    expect((await db.auditLog.toArray()).map((e) => e.action)).toEqual(['create', 'settingsChanged']);
    other.close();
  });

  it('sees a purpose changed in another tab at the next write', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const { other, session } = await secondTab(db);
    const purpose = (await other.purposes.get(CONTRACT.purposeId))!;
    await writeWith(other, { session }, [other.purposes], () =>
      other.purposes.put({ ...purpose, name: 'Vertragserfüllung (geändert)' }),
    );
    await savePerson(db, admin, { ...p, email: 'other@example.org' }, CONTRACT);
    expect((await db.auditLog.toArray()).at(-1)?.purposeName).toBe('Vertragserfüllung (geändert)');
    other.close();
  });

  it('does not keep a privacy change that was rolled back', async () => {
    const { db, admin } = await freshDb();
    await expect(
      writeWith(db, { session: admin }, [db.settings], async () => {
        await db.settings.put({ key: 'privacy', value: { gdprSupportDisabled: true } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await expect(savePerson(db, admin, anna())).rejects.toThrow(); // still needs a reason
  });

  it('chains onto appends of another tab', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const { other, session } = await secondTab(db);
    await savePerson(other, session, { ...(await other.persons.get(p.id))!, city: 'Bonn' }, CONTRACT);
    await savePerson(db, admin, { ...(await db.persons.get(p.id))!, city: 'Köln' }, CONTRACT);
    expect((await verifyAuditLog(db)).ok).toBe(true);
    expect(await db.auditLog.count()).toBe(3);
    other.close();
  });

  it('returns the stored version from a save without reading it back', async () => {
    const { db, admin } = await freshDb();
    const saved = await savePerson(db, admin, anna(), CONTRACT);
    expect(saved).toEqual(await db.persons.get(saved.id));
    expect(saved.version).toBe(1);
  });
});
