// Records of a member removed later, against the REAL sync server (started by the test): a device
// that joins after the removal holds what she wrote while a member — through her own server
// account, which the removal ended and her record names — with nothing quarantined; a document
// forged in her name afterwards, through another member's account, is still refused; removing a
// member of a synced book (every person sent again in the remover's name) needs an administrator.
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import {
  addTransaction,
  createRequest,
  createUser,
  recordConsent,
  removeMember,
  savePerson,
  signIn,
} from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { startSync, stopSync, syncNow } from '../../src/data/sync';
import { anna, CONTRACT, drained, hasEntriesOf, PASSPHRASE, until, useSyncServer, SIGNED_FORM } from './helpers';

const sync = useSyncServer();
const MIA = 'Mias eigene Passphrase';

describe('records of a former member', { timeout: 240_000 }, () => {
  it('reach a device joining after her removal; one forged in her name later does not', async () => {
    const { config, a, adminA, b, adminB, first } = await sync.twoDevices(anna({ lastName: 'Vorher' }));
    const mia = await createUser(a, adminA, {
      name: 'mia',
      staffNumber: 'P-7',
      passphrase: MIA,
      permissions: ['editPersons', 'manageUsers'],
    });
    await until('A pushed', drained(a));
    // Mia writes on her device C, through her own server account.
    const c = await sync.joinByInvitation(a, adminA, 'mia', MIA);
    const consent = await recordConsent(c.db, c.session, {
      personId: first.id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-01-02',
      channel: 'written',
      ...SIGNED_FORM,
      text: 'v1',
      confirmedByUser: true,
    });
    const tx = await addTransaction(c.db, c.session, {
      kind: 'order',
      date: '2026-02-03',
      title: 'Auftrag',
      personIds: [first.id],
    });
    const request = await createRequest(c.db, c.session, {
      personId: first.id,
      kind: 'access',
      receivedAt: '2026-02-01',
    });
    const ulla = await createUser(c.db, c.session, {
      name: 'ulla',
      staffNumber: 'P-9',
      passphrase: 'Ullas eigene Passphrase',
      permissions: ['editPersons'],
    });
    await until('Mia’s records on A and B', async () => {
      await syncNow(c.db);
      await syncNow(a);
      await syncNow(b);
      return (
        !!(await a.transactions.get(tx.id)) &&
        !!(await a.consents.get(consent.id)) &&
        !!(await a.requests.get(request.id)) &&
        !!(await rawConnection(a).users.get(ulla.id)) &&
        (await hasEntriesOf(a, mia.id)) &&
        !!(await b.requests.get(request.id))
      );
    });

    const removal = await removeMember(a, adminA, mia.id);
    expect(removal.serverAccessEnded).toBe(true);
    // Her record names the account the removal ended — sealed whole for the journey, so the
    // server sees no account name of hers in plain.
    expect((await rawConnection(a).users.get(mia.id))?.endedAccount).toBe(mia.serverAccount);
    await syncNow(a);
    await until('A pushed the removal', drained(a));
    const onServer = await (
      await fetch(`${sync.server().url}${config.database}/users:${mia.id}`, { headers: sync.auth() })
    ).text();
    expect(onServer).not.toContain(mia.serverAccount!);
    await until('B took the removal', async () => {
      await syncNow(b);
      return (await rawConnection(b).users.get(mia.id))?.endedAccount === mia.serverAccount;
    });

    // B tampered with: a person saved there goes out in Mia's name, through B's account.
    const forged = anna({ lastName: 'Untergeschoben' });
    await stopSync(b);
    await savePerson(b, adminB, forged, CONTRACT);
    await rawConnection(b)
      .outbox.filter((row) => row.table === 'persons' && row.key === forged.id)
      .modify((row) => {
        row.author = mia.id;
      });
    await startSync(b, adminB);
    await until('B pushed', drained(b));

    const d = await sync.joinByInvitation(a, adminA, 'admin', PASSPHRASE);
    const forgedId = `persons:${forged.id}`;
    await until('D holds Mia’s records and refused the forged one (or more)', async () => {
      await syncNow(d.db);
      const refused = await readHeldBack(d.db);
      const held =
        !!(await d.db.transactions.get(tx.id)) &&
        !!(await d.db.consents.get(consent.id)) &&
        !!(await d.db.requests.get(request.id)) &&
        (await hasEntriesOf(d.db, mia.id));
      return refused.length > 1 || (held && refused.some((q) => q.docId === forgedId));
    });
    expect((await readHeldBack(d.db)).map((q) => [q.docId, q.reason])).toEqual([
      [forgedId, `its author ${mia.id} is not an active user`],
    ]);
    expect(await d.db.persons.get(forged.id)).toBeUndefined();
    expect(await d.db.consents.get(consent.id)).toMatchObject({ id: consent.id });
    expect(await d.db.transactions.get(tx.id)).toMatchObject({ title: 'Auftrag' });
    expect(await d.db.requests.get(request.id)).toMatchObject({ kind: 'access' });
    expect(await rawConnection(d.db).users.get(ulla.id)).toMatchObject({ name: 'ulla', active: true });
    expect(await d.db.persons.get(first.id)).toMatchObject({ lastName: 'Vorher' });
    // Her device's audit segments arrived too.
    expect(await hasEntriesOf(d.db, mia.id)).toBe(true);
  });

  it('a member holding manageUsers but no administrator does not remove one from a synced team', async () => {
    const { a, adminA } = await sync.connectedBook(anna({ lastName: 'Vorher' }));
    const mia = await createUser(a, adminA, {
      name: 'mia',
      staffNumber: 'P-7',
      passphrase: MIA,
      permissions: ['editPersons'],
    });
    await createUser(a, adminA, {
      name: 'verw',
      staffNumber: 'P-8',
      passphrase: 'Verws eigene Passphrase',
      permissions: ['manageUsers'],
    });
    await until('A pushed', drained(a));
    const verw = await signIn(a, 'verw', 'Verws eigene Passphrase');
    await expect(removeMember(a, verw, mia.id)).rejects.toMatchObject({ messageKey: 'error.removeNeedsAdmin' });
    expect(await rawConnection(a).users.get(mia.id)).toMatchObject({ active: true });
    expect(
      await rawConnection(a)
        .outbox.filter((row) => row.table === 'persons')
        .count(),
    ).toBe(0);
    expect(a.keyring.epoch).toBe(1);
  });
});
