/**
 * A business transaction entered wrongly is corrected or deleted (Art. 16): with a comment that
 * says why (logged with the fields changed), not while a linked person is locked, and never where
 * it proves a consent. The retention duty follows the corrected transaction.
 */
import { describe, expect, it } from 'vitest';
import {
  addTransaction,
  correctTransaction,
  deleteTransaction,
  lockPerson,
  PersonLockedError,
  personRetention,
  queryAudit,
  recordConsent,
  savePerson,
  type TransactionInput,
} from '../../src/data';
import { rawConnection, type ConsentbookDB } from '../../src/data/db';
import type { Session } from '../../src/data/core/session';
import type { BusinessTransaction } from '../../src/domain/transaction';
import { anna, CONTRACT, freshDb } from './helpers';

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

/** Two persons linked by one transaction (`linked`: all but its persons). */
async function twoPersonsWith(linked: Omit<TransactionInput, 'personIds'>) {
  const { db, admin } = await freshDb();
  const p = await savePerson(db, admin, anna(), CONTRACT);
  const q = await savePerson(db, admin, anna({ firstName: 'Ben', lastName: 'Berg' }), CONTRACT);
  const tx = await addTransaction(db, admin, { ...linked, personIds: [p.id, q.id] });
  return { db, admin, p, q, tx };
}

/** The person taken off the transaction, linked by mistake. */
function unlink(db: ConsentbookDB, admin: Session, tx: BusinessTransaction, personId: string) {
  const { kind, date, title } = tx;
  return correctTransaction(
    db,
    admin,
    tx.id,
    { kind, date, title, unlinkPersonId: personId },
    'Falsche Person verknüpft',
  );
}

async function twoPersonsWithAnOrder() {
  const { tx: order, ...rest } = await twoPersonsWith({
    kind: 'order',
    date: '2026-03-10',
    title: 'Auftrag 4711',
    attachment: { name: 'auftrag.pdf', mimeType: 'application/pdf', data: PDF },
  });
  return { ...rest, order };
}

describe('a business transaction in the log', () => {
  it('is logged under each person it names: entered, a person taken off, deleted', async () => {
    const { db, admin, p, q, order } = await twoPersonsWithAnOrder();
    const about = async (personId: string) =>
      (await queryAudit(db, { personId })).filter((e) => e.context === `transaction:${order.id}`);
    for (const id of [p.id, q.id]) expect(await about(id)).toMatchObject([{ action: 'create', fieldKeys: [] }]);
    await unlink(db, admin, order, q.id);
    const unlinked = { action: 'update', fieldKeys: ['personIds'], comment: 'Falsche Person verknüpft' };
    expect((await about(q.id)).map((e) => e.action)).toEqual(['update', 'create']);
    expect((await about(q.id))[0]).toMatchObject(unlinked);
    expect((await about(p.id))[0]).toMatchObject(unlinked);
    await deleteTransaction(db, admin, order.id, 'Doppelt erfasst');
    // Taken off before, q is not named by the deletion.
    expect((await about(p.id)).map((e) => e.action)).toEqual(['delete', 'update', 'create']);
    expect((await about(q.id)).map((e) => e.action)).toEqual(['update', 'create']);
  });
});

describe('correcting a business transaction', () => {
  it('changes its date with a comment; the retention follows; the log names the field and the reason', async () => {
    const { db, admin, p, order } = await twoPersonsWithAnOrder();
    expect((await personRetention(db, p.id)).deletableFrom).toBe('2037-01-01');
    const before = (await queryAudit(db)).length;
    await expect(
      correctTransaction(db, admin, order.id, { kind: 'order', date: '2016-03-10', title: 'Auftrag 4711' }, ' '),
    ).rejects.toMatchObject({ messageKey: 'error.transactionComment' });
    expect((await db.transactions.get(order.id))?.date).toBe('2026-03-10');
    // Saved as it was: nothing to log, and the user is told.
    await expect(
      correctTransaction(db, admin, order.id, { kind: 'order', date: '2026-03-10', title: 'Auftrag 4711 ' }, 'x'),
    ).rejects.toMatchObject({ messageKey: 'error.transactionUnchanged' });

    await correctTransaction(
      db,
      admin,
      order.id,
      { kind: 'order', date: '2016-03-10', title: 'Auftrag 4711' },
      'Datum vertippt (Rechnung vom 10.03.2016)',
    );
    expect((await db.transactions.get(order.id))?.date).toBe('2016-03-10');
    expect((await personRetention(db, p.id)).deletableFrom).toBe('2027-01-01');
    const [entry] = (await queryAudit(db)).slice(0, (await queryAudit(db)).length - before);
    expect(entry).toMatchObject({
      action: 'update',
      context: `transaction:${order.id}`,
      fieldKeys: ['date'],
      comment: 'Datum vertippt (Rechnung vom 10.03.2016)',
    });
  });

  it('takes a person linked by mistake off it, but never its only person', async () => {
    const { db, admin, p, q, order } = await twoPersonsWithAnOrder();
    await unlink(db, admin, order, q.id);
    expect((await db.transactions.get(order.id))?.personIds).toEqual([p.id]);
    expect((await personRetention(db, q.id)).deletableFrom).toBeNull();
    await expect(
      correctTransaction(
        db,
        admin,
        order.id,
        { kind: 'order', date: order.date, title: order.title, unlinkPersonId: p.id },
        'Falsche Person verknüpft',
      ),
    ).rejects.toMatchObject({ messageKey: 'error.transactionLastPerson' });
    expect((await db.transactions.get(order.id))?.personIds).toEqual([p.id]);
  });

  it('deletes one entered by mistake with its attachment, logged with the reason', async () => {
    const { db, admin, p, order } = await twoPersonsWithAnOrder();
    await expect(deleteTransaction(db, admin, order.id, '')).rejects.toMatchObject({
      messageKey: 'error.transactionComment',
    });
    expect(await db.transactions.get(order.id)).toBeDefined();
    await deleteTransaction(db, admin, order.id, 'Doppelt erfasst');
    expect(await db.transactions.get(order.id)).toBeUndefined();
    expect(await rawConnection(db).files.get(order.attachment!.fileId)).toBeUndefined();
    expect((await personRetention(db, p.id)).deletableFrom).toBeNull();
    const log = await queryAudit(db);
    expect(log.find((e) => e.context === `transaction:${order.id}`)).toMatchObject({
      action: 'delete',
      comment: 'Doppelt erfasst',
    });
    await expect(deleteTransaction(db, admin, order.id, 'Doppelt erfasst')).rejects.toMatchObject({
      messageKey: 'error.transactionMissing',
    });
  });

  it('is refused while a linked person is locked', async () => {
    const { db, admin, q, order } = await twoPersonsWithAnOrder();
    await lockPerson(db, admin, q.id, 'Widerspruch nach Art. 21');
    await expect(
      correctTransaction(db, admin, order.id, { kind: 'order', date: order.date, title: 'Neu' }, 'Titel'),
    ).rejects.toBeInstanceOf(PersonLockedError);
    await expect(deleteTransaction(db, admin, order.id, 'Doppelt erfasst')).rejects.toBeInstanceOf(PersonLockedError);
    expect((await db.transactions.get(order.id))?.title).toBe('Auftrag 4711');
  });

  it('keeps a Kontakt that proves a consent as the consent names it', async () => {
    const {
      db,
      admin,
      p,
      q,
      tx: call,
    } = await twoPersonsWith({
      kind: 'contact',
      date: '2026-02-10',
      title: 'Telefonat',
    });
    await recordConsent(db, admin, {
      personId: p.id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-02-10',
      channel: 'verbal',
      text: 'v1',
      channelNote: 'am Telefon',
      evidenceTransactionId: call.id,
      confirmedByUser: true,
    });
    const refused = { messageKey: 'error.transactionIsEvidence' };
    await expect(deleteTransaction(db, admin, call.id, 'weg')).rejects.toMatchObject(refused);
    await expect(
      correctTransaction(db, admin, call.id, { kind: 'order', date: call.date, title: call.title }, 'Art'),
    ).rejects.toMatchObject(refused);
    await expect(
      correctTransaction(
        db,
        admin,
        call.id,
        { kind: 'contact', date: call.date, title: call.title, unlinkPersonId: p.id },
        'falsch',
      ),
    ).rejects.toMatchObject(refused);
    // Its title, date, and a person whose consent it does not prove can be corrected.
    await correctTransaction(
      db,
      admin,
      call.id,
      { kind: 'contact', date: '2026-02-11', title: 'Telefonat Messe', unlinkPersonId: q.id },
      'Datum und Teilnehmer berichtigt',
    );
    expect(await db.transactions.get(call.id)).toMatchObject({ date: '2026-02-11', personIds: [p.id] });
  });
});
