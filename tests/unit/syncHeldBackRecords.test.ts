// A member's consent and business transaction held back (user walk of the team sync), against the
// REAL sync server: mia's phone was offline when the administrator took her edit right (which
// governs consents and transactions: rules/permissions.ts); the consent she records, the one she
// withdraws and the transaction she enters arrive on the administrator's device, where the checks
// refuse the records (quarantined) while their audit entries, correctly chained, are applied. The
// Protokoll, the person's Verlauf and the Auskunft mark those entries "zurückgehalten — nicht
// übernommen" — never her consent and transaction recorded while she had the right, which the
// book holds; once a later version of hers is applied, its change is in and the mark goes. The matching by the record the entry names is shown on its own below.
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import { updateUser, type ConsentbookDB } from '../../src/data';
import { recordConsent, withdrawConsent } from '../../src/data/commands/consents';
import { addTransaction } from '../../src/data/commands/transactions';
import { rawConnection } from '../../src/data/db';
import type { Session } from '../../src/data/core/session';
import { startSync, stopSync, syncNow } from '../../src/data/sync';
import { queryAudit } from '../../src/data/queries/audit';
import { collectAccessReport } from '../../src/data/queries/reports';
import { heldBackMark, type HeldBackRecordChange } from '../../src/domain/heldBack';
import type { AuditEntry } from '../../src/domain/audit';
import { anna, drained, enterController, memberMiaOnB, signInSyncing, until, useSyncServer } from './helpers';

const sync = useSyncServer();
const MIA = 'Mias eigene Passphrase';

/** Mia's entries about consents and transactions on `db` (the person's Verlauf), oldest first, with their marks. */
async function miasRecordEntries(db: ConsentbookDB, personId: string, miaId: string): Promise<AuditEntry[]> {
  return (await queryAudit(db, { personId }))
    .filter((e) => e.userId === miaId && /^(consent|transaction):/.test(e.context))
    .reverse();
}

const verbal = (session: Session, db: ConsentbookDB, personId: string, text: string) =>
  recordConsent(db, session, {
    personId,
    purposeIds: ['purpose-advertising'],
    givenAt: '2026-03-01',
    channel: 'verbal',
    channelNote: 'am Telefon',
    text,
    confirmedByUser: true,
  });

const order = (session: Session, db: ConsentbookDB, personId: string, title: string) =>
  addTransaction(db, session, { kind: 'order', date: '2026-03-01', title, personIds: [personId] });

describe('a member’s consent and transaction held back', { timeout: 240_000 }, () => {
  it('their entries are marked where shown; those recorded while she had the right are not', async () => {
    const { a, adminA, b, first } = await sync.twoDevices(anna({ lastName: 'Quasthoff', city: 'Bonn' }));
    const mia = await memberMiaOnB(a, adminA, b, MIA);
    const miaB = await signInSyncing(b, 'mia', MIA);

    // While she may: her consent and her transaction are applied on A.
    const kept = await verbal(miaB, b, first.id, 'Werbung v1');
    const keptOrder = await order(miaB, b, first.id, 'Auftrag 1');
    await until('A holds her consent and transaction', async () => {
      await syncNow(b);
      await syncNow(a);
      return !!(await a.consents.get(kept.id)) && !!(await a.transactions.get(keptOrder.id));
    });

    // Her phone offline; her right taken on A meanwhile; her records then arrive.
    await until('B pushed', drained(b));
    await stopSync(b);
    const refused = await verbal(miaB, b, first.id, 'Werbung v2');
    await withdrawConsent(b, miaB, kept.id, { withdrawnAt: '2026-03-02', note: 'am Telefon widerrufen' });
    const refusedOrder = await order(miaB, b, first.id, 'Auftrag 2');
    await updateUser(a, adminA, mia.id, { permissions: [] });
    await until('A pushed', drained(a));
    await syncNow(a);
    await startSync(b, miaB);
    await until('A refused her records and holds their entries', async () => {
      await syncNow(b);
      await syncNow(a);
      const held = new Set((await readHeldBack(a)).map((q) => q.docId));
      const all = [`consents:${refused.id}`, `consents:${kept.id}`, `transactions:${refusedOrder.id}`];
      return all.every((id) => held.has(id)) && (await miasRecordEntries(a, first.id, mia.id)).length === 5;
    });
    // The book holds neither the consent nor the transaction, nor the withdrawal.
    expect(await a.consents.get(refused.id)).toBeUndefined();
    expect(await a.transactions.get(refusedOrder.id)).toBeUndefined();
    expect((await a.consents.get(kept.id))?.status).toBe('given');

    // The person's Verlauf: only what the book does not hold is marked.
    const marks = (await miasRecordEntries(a, first.id, mia.id)).map((e) => [e.action, e.context, e.heldBack]);
    expect(marks).toEqual([
      ['consentGiven', `consent:${kept.id}`, undefined],
      ['create', `transaction:${keptOrder.id}`, undefined],
      ['consentGiven', `consent:${refused.id}`, 'held'],
      ['consentWithdrawn', `consent:${kept.id}`, 'held'],
      ['create', `transaction:${refusedOrder.id}`, 'held'],
    ]);
    // The whole Protokoll marks them too, and the person's Auskunft.
    const protokoll = (await queryAudit(a)).filter((e) => e.userId === mia.id && e.context.includes(':'));
    expect(protokoll.filter((e) => e.heldBack === 'held').map((e) => e.context)).toEqual([
      `transaction:${refusedOrder.id}`,
      `consent:${kept.id}`,
      `consent:${refused.id}`,
    ]);
    await enterController(a, adminA);
    const report = await collectAccessReport(a, adminA, first.id);
    const reported = report.auditEntries.filter(
      (e) => e.userId === mia.id && /^(consent|transaction):/.test(e.context),
    );
    expect(reported.map((e) => e.heldBack ?? 'applied').sort()).toEqual(['applied', 'applied', 'held', 'held', 'held']);
    expect(reported.find((e) => e.context === `consent:${refused.id}`)?.heldBack).toBe('held');
    // On her own device the records stand: nothing marked there.
    expect((await miasRecordEntries(b, first.id, mia.id)).map((e) => e.heldBack)).toEqual(Array(5).fill(undefined));

    // Her right given back (it holds from her next sign-in): her later version of the consent held
    // back — its withdrawal — is applied, and carries it in: neither of its entries is marked.
    await updateUser(a, adminA, mia.id, { permissions: ['editPersons'] });
    await until('B holds her right again', async () => {
      await syncNow(a);
      await syncNow(b);
      return (await rawConnection(b).users.get(mia.id))?.permissions.includes('editPersons') === true;
    });
    const miaAgain = await signInSyncing(b, 'mia', MIA);
    await withdrawConsent(b, miaAgain, refused.id, { withdrawnAt: '2026-03-03', note: 'per E-Mail widerrufen' });
    await until('A applied her later version', async () => {
      await syncNow(b);
      await syncNow(a);
      const entries = await miasRecordEntries(a, first.id, mia.id);
      return (await a.consents.get(refused.id))?.status === 'withdrawn' && entries.length === 6;
    });
    const after = (await miasRecordEntries(a, first.id, mia.id)).map((e) => [e.action, e.context, e.heldBack]);
    expect(after.slice(2)).toEqual([
      ['consentGiven', `consent:${refused.id}`, undefined],
      ['consentWithdrawn', `consent:${kept.id}`, 'held'],
      ['create', `transaction:${refusedOrder.id}`, 'held'],
      ['consentWithdrawn', `consent:${refused.id}`, undefined],
    ]);
  });
});

describe('which entries a held-back consent or transaction describes', () => {
  const DEVICE = 'phone-1';
  const entry = (extra: Partial<AuditEntry & { origin: string }> = {}): AuditEntry & { origin: string } => ({
    at: '2026-03-02T10:00:00.040Z',
    userId: 'u-mia',
    userName: 'mia',
    staffNumber: 'P-7',
    personId: 'p-1',
    action: 'consentGiven',
    purposeId: '',
    purposeName: '',
    comment: '',
    fieldKeys: [],
    context: 'consent:c-1',
    origin: `${DEVICE}/5`,
    ...extra,
  });
  const change = (extra: Partial<HeldBackRecordChange> = {}): HeldBackRecordChange => ({
    table: 'consents',
    key: 'c-1',
    device: DEVICE,
    author: 'u-mia',
    actions: ['consentGiven'],
    ...extra,
  });

  it('by the record its entry names, the steps the version carries, its author and device — at any time', () => {
    expect(heldBackMark(entry(), [change()])).toBe('held');
    expect(heldBackMark(entry({ at: '2026-01-01T00:00:00.000Z' }), [change()])).toBe('held');
    // Another consent of the person, another step of this one (its withdrawal, applied), another author or device.
    expect(heldBackMark(entry({ context: 'consent:c-2' }), [change()])).toBeUndefined();
    expect(heldBackMark(entry({ action: 'consentWithdrawn' }), [change()])).toBeUndefined();
    expect(heldBackMark(entry({ userId: 'u-anna' }), [change()])).toBeUndefined();
    expect(heldBackMark(entry({ origin: 'tablet/5' }), [change()])).toBeUndefined();
    // A transaction of the same id is another record; the person's own version is not the consent's.
    expect(heldBackMark(entry({ action: 'create', context: 'transaction:c-1' }), [change()])).toBeUndefined();
    const person = { key: 'p-1', device: DEVICE, author: 'u-mia', changedAt: '2026-03-02T10:00:00.000Z' };
    expect(heldBackMark(entry(), [person])).toBeUndefined();
    expect(heldBackMark(entry({ action: 'create', context: 'transaction:t-1' }), [person])).toBeUndefined();
    const tx = change({ table: 'transactions', key: 't-1', actions: ['create', 'update'] });
    expect(heldBackMark(entry({ action: 'create', context: 'transaction:t-1' }), [tx])).toBe('held');
    expect(heldBackMark(entry({ action: 'update', context: 'transaction:t-1' }), [tx])).toBe('held');
    expect(heldBackMark(entry({ action: 'delete', context: 'transaction:t-1' }), [tx])).toBeUndefined();
  });

  it('follows what became of the version: applied later, no mark; dropped, marked so', () => {
    expect(heldBackMark(entry(), [change({ outcome: 'applied' })])).toBeUndefined();
    expect(heldBackMark(entry(), [change({ outcome: 'dropped' })])).toBe('dropped');
  });
});
