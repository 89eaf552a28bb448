/**
 * The worklist flags are derived on each device (core/personStatus.ts) — from its own writes and
 * from what the sync applier brings. The session's check (commands/worklistCheck.ts) must find
 * them agreeing on both devices after changes on either, through the real server: a flag the
 * applier left stale would be "repaired" and logged as found at every session, on every device.
 */
import { describe, expect, it } from 'vitest';
import {
  addTransaction,
  consentGapPersons,
  noReasonPersonIds,
  savePerson,
  updatePrivacySettings,
  updatePurpose,
  withdrawConsent,
} from '../../src/data';
import { checkWorklistFlags } from '../../src/data/commands/worklistCheck';
import type { ConsentbookDB } from '../../src/data/db';
import { newPerson } from '../../src/domain/person';
import { consentToAdvertising, drained, until, useSyncServer } from './helpers';

const sync = useSyncServer();
const EVIDENCE = new TextEncoder().encode('%PDF-1.4 evidence');
const ADVERTISING = { purposeId: 'purpose-advertising', comment: 'Messe' };

const lists = async (db: ConsentbookDB) => ({
  noReason: (await noReasonPersonIds(db)).sort(),
  gaps: [...(await consentGapPersons(db))].sort(),
});

describe('worklist flags on two syncing devices', () => {
  it('agree with each device’s records after changes on either: the check repairs nothing', async () => {
    const { a, adminA, b, adminB } = await sync.twoDevices();
    // On A: a person without a purpose (GDPR support off a moment), one held for Werbung without
    // consent, one with a consent B withdraws, one B links a transaction to.
    await updatePrivacySettings(a, adminA, { gdprSupportDisabled: true });
    const none = await savePerson(a, adminA, newPerson('contact', { lastName: 'Ohne' }));
    const linked = await savePerson(a, adminA, newPerson('contact', { lastName: 'Verknüpft' }));
    await updatePrivacySettings(a, adminA, { gdprSupportDisabled: false });
    const gap = await savePerson(a, adminA, newPerson('contact', { lastName: 'Lücke' }), ADVERTISING);
    const consented = await savePerson(a, adminA, newPerson('contact', { lastName: 'Erteilt' }), ADVERTISING);
    const consent = await consentToAdvertising(a, adminA, consented.id, EVIDENCE);
    await until('A sent everything', drained(a));
    await until('B holds the consent', async () => !!(await b.consents.get(consent.id)));

    await withdrawConsent(b, adminB, consent.id, { withdrawnAt: '2026-02-01', note: 'per E-Mail' });
    await addTransaction(b, adminB, { kind: 'contact', date: '2026-01-15', title: 'Anruf', personIds: [linked.id] });
    await until('B sent everything', drained(b));
    await until('A holds the withdrawal', async () => (await a.consents.get(consent.id))?.status === 'withdrawn');
    await until('A holds the transaction', async () => (await a.transactions.count()) > 0);

    const expected = {
      noReason: [none.id].sort(),
      gaps: [
        [consented.id, 'withdrawn'],
        [gap.id, 'none'],
      ].sort(),
    };
    const devices = [
      [a, adminA],
      [b, adminB],
    ] as const;
    const agree = async (want: typeof expected) => {
      for (const [db, session] of devices) {
        await until('the flags follow', async () => JSON.stringify(await lists(db)) === JSON.stringify(want));
        expect(await checkWorklistFlags(db, session)).toMatchObject({ repaired: 0 });
      }
    };
    await agree(expected);

    // Werbung needs no consent any more, changed on B: no gap on either device.
    const advertising = (await b.purposes.get('purpose-advertising'))!;
    await updatePurpose(b, adminB, {
      ...advertising,
      requiresConsent: false,
      lawfulBasis: 'f',
      legitimateInterest: 'Werbung bei Bestandskunden für ähnliche eigene Produkte',
    });
    await until('B sent everything', drained(b));
    await agree({ noReason: expected.noReason, gaps: [] });
    // The purpose arrived whole: its legitimate interest with it.
    expect((await a.purposes.get('purpose-advertising'))?.legitimateInterest).toBe(
      'Werbung bei Bestandskunden für ähnliche eigene Produkte',
    );
  });
});
