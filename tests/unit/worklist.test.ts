import { describe, expect, it } from 'vitest';
import {
  addTransaction,
  consentGapPersons,
  lockPerson,
  noReasonPersonIds,
  recordConsent,
  savePerson,
  updatePrivacySettings,
  withdrawConsent,
} from '../../src/data';
import { newPerson, type PersonKind } from '../../src/domain/person';
import { consentGap, worklistKinds } from '../../src/domain/worklist';
import { consentToAdvertising, freshDb, SIGNED_FORM } from './helpers';

const PDF = new TextEncoder().encode('%PDF-1.4 evidence');

describe('the worklist rule over every combination', () => {
  it('lists exactly the natural persons with no transaction, no purpose and no valid consent', async () => {
    const { db, admin } = await freshDb();
    // Persons without a purpose exist only where GDPR support was off when they were stored.
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: true });
    const expected: string[] = [];
    const expectedGaps = new Map<string, string>();
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
          // A consent for Werbung: none, given, withdrawn — or given for Adresshandel only.
          for (const consent of ['none', 'given', 'withdrawn', 'givenOther'] as const)
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
                  purposeIds: [consent === 'givenOther' ? 'purpose-address-trade' : 'purpose-advertising'],
                  givenAt: '2026-01-01',
                  channel: 'written',
                  text: 'v1',
                  evidenceFile: { name: 'e.pdf', mimeType: 'application/pdf', data: PDF },
                  confirmedByUser: true,
                });
                if (consent === 'withdrawn')
                  await withdrawConsent(db, admin, c.id, { withdrawnAt: '2026-02-01', note: 'per E-Mail' });
              }
              if (locked) await lockPerson(db, admin, p.id, 'Art. 18');
              const facts = {
                natural: kind === 'contact' || isPrivate,
                hasTransaction: tx,
                hasPurpose: purpose !== '',
                hasValidConsent: consent === 'given' || consent === 'givenOther',
                consentGap: null,
                deletableFrom: null,
              };
              const listed = worklistKinds(facts, '2026-11-23', '2026-11-23');
              if (listed.includes('noReason')) expected.push(p.id);
              // Held for Werbung (needs consent) without a given consent for Werbung itself.
              if (facts.natural && purpose === 'purpose-advertising' && consent !== 'given')
                expectedGaps.set(p.id, consent === 'withdrawn' ? 'withdrawn' : 'none');
            }
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: false });
    expect(i).toBe(4 * 2 * 3 * 4 * 2);
    expect((await noReasonPersonIds(db)).sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(2 * 2 * 2); // natural kinds x (no consent, withdrawn) x lock
    expect(new Map([...(await consentGapPersons(db))].sort())).toEqual(new Map([...expectedGaps].sort()));
    // natural kinds x transaction x (none, withdrawn, other purpose only) x lock
    expect(expectedGaps.size).toBe(2 * 2 * 3 * 2);
    expect([...expectedGaps.values()].filter((g) => g === 'withdrawn')).toHaveLength(2 * 2 * 2);
  }, 120_000);
});

describe('the consent gap', () => {
  const advertising = { id: 'purpose-advertising', requiresConsent: true };
  const contract = { id: 'purpose-contract', requiresConsent: false };
  const held = { natural: 1 as const, purposeId: 'purpose-advertising' };
  const given = (purposeIds: string[]) => ({ status: 'given' as const, purposeIds });
  const withdrawn = (purposeIds: string[]) => ({ status: 'withdrawn' as const, purposeIds });

  it('is "none" without any consent for the purpose, also when another purpose has one', () => {
    expect(consentGap(held, advertising, [])).toBe('none');
    expect(consentGap(held, advertising, [given(['purpose-address-trade'])])).toBe('none');
  });
  it('is "withdrawn" when every consent for the purpose was withdrawn', () => {
    expect(consentGap(held, advertising, [withdrawn(['purpose-advertising'])])).toBe('withdrawn');
    expect(consentGap(held, advertising, [withdrawn(['purpose-advertising']), given(['x'])])).toBe('withdrawn');
  });
  it('is none of them with a given consent for the purpose, for a purpose without consent, or a firm', () => {
    expect(consentGap(held, advertising, [withdrawn(['purpose-advertising']), given(['purpose-advertising'])])).toBe(
      null,
    );
    expect(consentGap({ natural: 1, purposeId: 'purpose-contract' }, contract, [])).toBe(null);
    expect(consentGap({ natural: 0, purposeId: 'purpose-advertising' }, advertising, [])).toBe(null);
    expect(consentGap({ natural: 1, purposeId: '' }, undefined, [])).toBe(null);
  });
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
      ...SIGNED_FORM,
      personId: p.id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-01-01',
      channel: 'form',
      text: 'v1',
      confirmedByUser: true,
    });
    expect(await noReasonPersonIds(db)).toEqual([]);
    await withdrawConsent(db, admin, c.id, { withdrawnAt: '2026-02-01', note: 'per E-Mail' });
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

describe('the consent-gap flag follows every change', () => {
  it('through consent, withdrawal, purpose change and a purpose that starts needing consent', async () => {
    const { db, admin } = await freshDb();
    const { updatePurpose } = await import('../../src/data');
    const p = await savePerson(db, admin, newPerson('contact', { lastName: 'Werbung' }), {
      purposeId: 'purpose-advertising',
      comment: 'Messe',
    });
    expect([...(await consentGapPersons(db))]).toEqual([[p.id, 'none']]);
    const c = await consentToAdvertising(db, admin, p.id, PDF);
    expect(await consentGapPersons(db)).toEqual(new Map());
    await withdrawConsent(db, admin, c.id, { withdrawnAt: '2026-02-01', note: 'per E-Mail' });
    expect([...(await consentGapPersons(db))]).toEqual([[p.id, 'withdrawn']]);
    const stored = (await db.persons.get(p.id))!;
    await savePerson(db, admin, { ...stored, purposeId: 'purpose-contract' }, { purposeId: '', comment: 'Vertrag' });
    expect(await consentGapPersons(db)).toEqual(new Map());
    const contract = (await db.purposes.get('purpose-contract'))!;
    await updatePurpose(db, admin, { ...contract, requiresConsent: true });
    expect([...(await consentGapPersons(db))]).toEqual([[p.id, 'none']]);
  });
});

describe('the status rows', () => {
  it('exist only for persons with a flag: none for a new person without one, dropped with the last flag', async () => {
    const { db, admin } = await freshDb();
    const contract = await savePerson(db, admin, newPerson('contact', { lastName: 'Vertrag' }), {
      purposeId: 'purpose-contract',
      comment: 'Kunde',
    });
    expect(await db.personStatus.get(contract.id)).toBeUndefined();
    const p = await savePerson(db, admin, newPerson('contact', { lastName: 'Werbung' }), {
      purposeId: 'purpose-advertising',
      comment: 'Messe',
    });
    expect(await db.personStatus.get(p.id)).toMatchObject({ noReason: 0, consentGap: 'none' });
    await consentToAdvertising(db, admin, p.id, PDF);
    expect(await db.personStatus.get(p.id)).toBeUndefined();
    expect(await db.personStatus.count()).toBe(0);
  });
});
