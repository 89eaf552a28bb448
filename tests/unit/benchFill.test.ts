/**
 * The bench's fill (src/bench/fill.ts) writes around the rules, so what it stores must be what the
 * app would have written: a chain that verifies, the worklist flags the fill promises, persons
 * sealed with their versions matching their update entries. Small batches, so several batches are
 * prepared while the one before is written.
 */
import { describe, expect, it } from 'vitest';
import { noReasonPersonIds, savePerson, verifyAuditLog } from '../../src/data';
import { ConsentbookDB, rawConnection } from '../../src/data/db';
import { setupAdministrator, signIn } from '../../src/data/auth';
import { fillDatabase, TARGET_AUDIT_ENTRIES } from '../../src/bench/fill';
import { freshDb } from './helpers';

const PERSONS = 200;
const BATCHES = { personBatch: 70, auditBatch: 400 };

describe('the bench fill', { timeout: 120_000 }, () => {
  it('stores a verifying chain, the promised worklist and sealed persons whose versions match their updates', async () => {
    const { db, admin } = await freshDb();
    const filled = await fillDatabase(db, admin, { persons: PERSONS, auditEntries: 2000, ...BATCHES }, () => {});

    const verdict = await verifyAuditLog(db);
    expect(verdict).toMatchObject({ ok: true, count: 2000, keyed: true });
    expect(filled.auditEntries).toBe(2000);
    expect(await db.auditLog.count()).toBe(2000);

    const worklist = await noReasonPersonIds(db);
    expect(filled.expectedWorklist).toBeGreaterThan(0);
    expect(worklist).toHaveLength(filled.expectedWorklist);

    expect(await db.auditLog.where('personId').equals(filled.targetPersonId).count()).toBe(TARGET_AUDIT_ENTRIES);
    // Every person as the app would read them: opened, version 1 + their update entries.
    const persons = await db.persons.toArray();
    expect(persons).toHaveLength(PERSONS);
    const updates = new Map<string, number>();
    await db.auditLog
      .filter((e) => e.action === 'update')
      .each((e) => updates.set(e.personId, (updates.get(e.personId) ?? 0) + 1));
    for (const p of persons) expect(p.version).toBe(1 + (updates.get(p.id) ?? 0));
    expect(persons.find((p) => p.id === filled.targetPersonId)?.version).toBe(TARGET_AUDIT_ENTRIES - 1);
    // Derived fields computed as the app would (the sort key the directory and the list use).
    expect(persons.every((p) => typeof p.sortName === 'string' && p.sortName.length > 0)).toBe(true);

    // Stored sealed: no name in plain.
    const stored = await rawConnection(db).persons.get(filled.targetPersonId);
    expect(stored).toHaveProperty('sealed');
    expect(stored).not.toHaveProperty('lastName');
  });

  it("writes only the entries its story needs with 'fewest', still verifying, in a database without sealing", async () => {
    const plain = new ConsentbookDB(`bench-plain-${Math.random()}`, { sealing: false });
    const admin = await setupAdministrator(plain, { name: 'admin', staffNumber: 'P-1', passphrase: 'correct horse' });
    const before = await plain.auditLog.count();
    const filled = await fillDatabase(plain, admin, { persons: PERSONS, auditEntries: 'fewest', ...BATCHES }, () => {});

    const creates = await plain.auditLog.filter((e) => e.action === 'create').count();
    const consents = await plain.auditLog
      .filter((e) => e.action === 'consentGiven' || e.action === 'consentWithdrawn')
      .count();
    const updates = await plain.auditLog.filter((e) => e.action === 'update').count();
    expect(updates).toBe(TARGET_AUDIT_ENTRIES - 2);
    // The controller's letterhead is set through the real command: one 'settingsChanged'.
    expect(filled.auditEntries).toBe(before + 1 + creates + consents + updates);
    expect(await verifyAuditLog(plain)).toMatchObject({ ok: true, count: filled.auditEntries });
    expect(await noReasonPersonIds(plain)).toHaveLength(filled.expectedWorklist);
    expect(await rawConnection(plain).persons.get(filled.targetPersonId)).toHaveProperty('lastName');

    // The bench's save comparison: a save with its reason after signing in again (no person
    // secret is stored here, so none is looked for — its transactions do not reach personKeys).
    const session = await signIn(plain, 'admin', 'correct horse');
    const person = await plain.persons.get(filled.targetPersonId);
    if (!person) throw new Error('the target person is missing');
    const entries = await plain.auditLog.count();
    await savePerson(
      plain,
      session,
      { ...person, phone: '0711 123456' },
      { purposeId: person.purposeId, comment: 'Telefonnummer telefonisch mitgeteilt' },
    );
    expect((await plain.persons.get(person.id))?.phone).toBe('0711 123456');
    expect(await plain.auditLog.count()).toBe(entries + 1);
  });
});
