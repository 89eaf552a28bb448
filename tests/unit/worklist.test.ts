import { describe, expect, it } from 'vitest';
import {
  addTransaction,
  consentWithdrawnPersonIds,
  lockPerson,
  noReasonPersonIds,
  recordConsent,
  savePerson,
  updatePrivacySettings,
  withdrawConsent,
} from '../../src/data';
import { newPerson, type PersonKind } from '../../src/domain/person';
import { worklistKinds } from '../../src/domain/worklist';
import { freshDb } from './helpers';

const PDF = new TextEncoder().encode('%PDF-1.4 evidence');

describe('the worklist rule over every combination', () => {
  it('lists exactly the natural persons with no transaction, no purpose and no valid consent', async () => {
    const { db, admin } = await freshDb();
    // Persons without a purpose exist only where GDPR support was off when they were stored.
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: true });
    const expected: string[] = [];
    const expectedWithdrawn: string[] = [];
    const kinds: [PersonKind, boolean][] = [
      ['contact', false],
      ['customer', true],
      ['customer', false],
      ['partner', false],
    ];
    let i = 0;
    for (const [kind, isPrivate] of kinds)
      for (const tx of [false, true])
        for (const purpose of ['', 'purpose-contract', 'purpose-advertising'])
          for (const consent of ['none', 'given', 'withdrawn'] as const)
            for (const locked of [false, true]) {
              const p = await savePerson(
                db,
                admin,
                newPerson(kind, { private: isPrivate, lastName: `P${i++}`, purposeId: purpose }),
              );
              if (tx)
                await addTransaction(db, admin, {
                  kind: 'contact',
                  date: '2026-01-15',
                  title: 'Anruf',
                  personIds: [p.id],
                });
              if (consent !== 'none') {
                const c = await recordConsent(db, admin, {
                  personId: p.id,
                  purposeIds: ['purpose-advertising'],
                  givenAt: '2026-01-01',
                  channel: 'written',
                  text: 'v1',
                  evidenceFile: { name: 'e.pdf', mimeType: 'application/pdf', data: PDF },
                  confirmedByUser: true,
                });
                if (consent === 'withdrawn') await withdrawConsent(db, admin, c.id, { withdrawnAt: '2026-02-01' });
              }
              if (locked) await lockPerson(db, admin, p.id, 'Art. 18');
              const facts = {
                natural: kind === 'contact' || isPrivate,
                hasTransaction: tx,
                hasPurpose: purpose !== '',
                hasValidConsent: consent === 'given',
                hasWithdrawnConsent: consent === 'withdrawn',
                purposeRequiresConsent: purpose === 'purpose-advertising',
                deletableFrom: null,
              };
              const listed = worklistKinds(facts, '2026-11-23', '2026-11-23');
              if (listed.includes('noReason')) expected.push(p.id);
              if (listed.includes('consentWithdrawn')) expectedWithdrawn.push(p.id);
            }
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: false });
    expect(i).toBe(4 * 2 * 3 * 3 * 2);
    expect((await noReasonPersonIds(db)).sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(2 * 2 * 2); // natural kinds x (no consent, withdrawn) x lock
    expect((await consentWithdrawnPersonIds(db)).sort()).toEqual(expectedWithdrawn.sort());
    expect(expectedWithdrawn).toHaveLength(2 * 2 * 2); // natural kinds x transaction x lock
  }, 60_000);
});

describe('the worklist flag follows every change', () => {
  it('through consent, withdrawal, purpose, transaction, erasure and restore', async () => {
    const fresh = await freshDb();
    const db = fresh.db;
    let admin = fresh.admin;
    const { createBackup, restoreBackup, deletePerson, PersonLockedError, signIn } = await import('../../src/data');
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: true });
    const p = await savePerson(db, admin, newPerson('contact', { lastName: 'Ohnegrund' }));
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: false });
    expect(await noReasonPersonIds(db)).toEqual([p.id]);
    const c = await recordConsent(db, admin, {
      personId: p.id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-01-01',
      channel: 'form',
      text: 'v1',
      confirmedByUser: true,
    });
    expect(await noReasonPersonIds(db)).toEqual([]);
    await withdrawConsent(db, admin, c.id, { withdrawnAt: '2026-02-01' });
    expect(await noReasonPersonIds(db)).toEqual([p.id]);
    const backup = await createBackup(db, admin, 'backup passphrase');
    const stored = (await db.persons.get(p.id))!;
    await savePerson(db, admin, { ...stored, purposeId: 'purpose-contract' }, { purposeId: '', comment: 'Vertrag' });
    expect(await noReasonPersonIds(db)).toEqual([]);
    await restoreBackup(db, admin, backup, 'backup passphrase');
    admin = await signIn(db, 'admin', 'correct horse battery');
    expect(await noReasonPersonIds(db)).toEqual([p.id]);
    await addTransaction(db, admin, { kind: 'contact', date: '2026-03-01', title: 'Anruf', personIds: [p.id] });
    expect(await noReasonPersonIds(db)).toEqual([]);
    // No new business transaction for a locked person (Art. 18).
    await lockPerson(db, admin, p.id, 'Art. 18');
    await expect(
      addTransaction(db, admin, { kind: 'order', date: '2026-03-02', title: 'A-2', personIds: [p.id] }),
    ).rejects.toBeInstanceOf(PersonLockedError);
    const other = await savePerson(db, admin, newPerson('partner', { organisation: 'ACME' }));
    await deletePerson(db, admin, other.id);
    expect(await db.personStatus.get(other.id)).toBeUndefined();
  });
});
