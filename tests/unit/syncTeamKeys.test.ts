// Members and keys, and removing a member (issue 20, items 1 and 2), against the REAL sync server
// started as a process by the test (its pid recorded and ended): a member added on A joins and
// signs in on a new device C with their own server account and key grant and reads the book; a
// removed member's server account ends (C can no longer sync), the book's key epoch advances on the
// remaining devices, new persons' secrets travel under the new epoch only; a change by an author
// without the permission, arriving by replication, is quarantined and not applied.
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import {
  createUser,
  lockPerson,
  openDatabase,
  removeMember,
  savePerson,
  signIn,
  updateUser,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import { rawConnection } from '../../src/data/db';
import type { Permission } from '../../src/domain/user';
import { getSyncStatus, startSync, stopSync, syncNow, type SyncConfig } from '../../src/data/sync';
import { inviteDevice } from '../../src/data/sync/setup';
import { joinBook } from '../../src/data/sync/join';
import { readConfig } from '../../src/data/sync/state';
import { EpochNotHeld, openPersonSecret } from '../../src/data/sync/docs';
import { memberOf } from '../../src/data/team/members';
import { anna, CONTRACT, drained, until, useSyncServer } from './helpers';

const sync = useSyncServer();

async function call(method: string, path: string, as?: { username: string; password: string }) {
  const headers = as
    ? { authorization: `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}` }
    : sync.auth();
  const r = await fetch(sync.server().url + path, { method, headers });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const MIA = 'Mias eigene Passphrase';

/** Until the server holds every grant and user A has (pumped is not yet replicated). */
async function onServer(a: ConsentbookDB, config: SyncConfig): Promise<void> {
  await until('A pushed', drained(a));
  const raw = rawConnection(a);
  const ids = [
    ...(await raw.keyGrants.toCollection().primaryKeys()).map((k) => `keyGrants:${k}`),
    ...(await raw.users.toCollection().primaryKeys()).map((k) => `users:${k}`),
  ];
  for (const id of ids) await until(`${id} on the server`, () => sync.onServer(config, id));
}

/** A connected to a new book, B joined; both hold the book's first key epoch. */
async function team() {
  const book = await sync.twoDevices(anna({ lastName: 'Vorher' }));
  await until('B granted epoch 1', async () => {
    await syncNow(book.b);
    return book.b.keyring.epoch === 1;
  });
  return book;
}

async function personOn(db: ConsentbookDB, id: string) {
  return (await db.persons.get(id)) ?? undefined;
}

type Team = Awaited<ReturnType<typeof team>>;

/** A user made on A with these permissions, once B has them too. */
async function userOnBoth({ a, b, adminA }: Team, name: string, permissions: Permission[]) {
  const user = await createUser(a, adminA, {
    name,
    staffNumber: `P-${name}`,
    passphrase: `${name} passphrase`,
    permissions,
  });
  await until(`${name} on B`, async () => !!(await rawConnection(b).users.get(user.id)));
  return user;
}

/**
 * B tampered with: what `change` writes there offline goes out in another user's name — each
 * outbox row of `table` under one of `authors`' keys is given that author.
 */
async function sentAs(
  { b, adminB }: Team,
  table: string,
  authors: Record<string, string>,
  change: () => Promise<void>,
) {
  await stopSync(b);
  await change();
  await rawConnection(b)
    .outbox.filter((row) => row.table === table && String(row.key) in authors)
    .modify((row) => {
      row.author = authors[String(row.key)];
    });
  await startSync(b, adminB);
  await until('B pushed', drained(b));
}

/** Why A refused the documents, once it refused them all. */
async function refusalsOn(a: ConsentbookDB, docIds: string[]): Promise<Map<string, string>> {
  const reasons = async () =>
    new Map((await readHeldBack(a)).filter((q) => docIds.includes(q.docId)).map((q) => [q.docId, q.reason]));
  await until('A refused them', async () => {
    await syncNow(a);
    return (await reasons()).size === docIds.length;
  });
  return reasons();
}

describe('members and key epochs across devices', { timeout: 240_000 }, () => {
  it('a member added on A joins and signs in on C; removed, C cannot sync and the epoch advanced', async () => {
    const { config, a, b, adminA } = await team();
    expect(a.keyring.epoch).toBe(1);
    expect(b.keyring.epoch).toBe(1);

    // A adds Mia: a key pair whose private key only her passphrase opens, a grant of the book's key
    // sealed to it, and an account of her own on the server.
    const mia = await createUser(a, adminA, {
      name: 'mia',
      staffNumber: 'P-7',
      passphrase: MIA,
      permissions: ['editPersons'],
    });
    expect(mia.keyPair?.publicKey).toBeTruthy();
    expect(mia.serverAccount).toMatch(/^member-/);
    const grants = await rawConnection(a).keyGrants.where('userId').equals(mia.id).toArray();
    expect(grants.map((g) => g.epoch)).toEqual([1]);
    // Nothing of the keys is readable in the grant or the user's record.
    expect(JSON.stringify(grants)).not.toContain(Buffer.from(a.keyring.requireDataKey()).toString('base64'));
    await onServer(a, config);

    // C joins with an invitation and keeps no account of its own; Mia signs in with her passphrase.
    const { code } = await inviteDevice(a, adminA);
    const c = sync.track(openDatabase(`device-c-${crypto.randomUUID()}`));
    await joinBook(c, code, () => undefined, new AbortController().signal);
    const miaC: Session = await signIn(c, 'mia', MIA);
    expect(memberOf(c)?.account?.username).toBe(mia.serverAccount);
    expect(c.keyring.epoch).toBe(1);
    await startSync(c, miaC);
    // C forgot the invitation's account: a member removed later finds no password on it.
    expect((await readConfig(c))?.password).toBe('');
    const before = (await rawConnection(a).persons.toCollection().primaryKeys())[0];
    expect(await personOn(c, before)).toMatchObject({ lastName: 'Vorher' });

    // Mia's change travels under her own account, and arrives on A.
    const hers = anna({ lastName: 'VonMia' });
    await savePerson(c, miaC, hers, CONTRACT);
    await until('Mia’s person on A', async () => !!(await personOn(a, hers.id)));
    const doc = await call('GET', `${config.database}/persons:${hers.id}`);
    expect(doc.body.account).toBe(mia.serverAccount);

    // Removed: her server account ends, epoch 2 starts for A and B, persons are re-wrapped.
    const removal = await removeMember(a, adminA, mia.id);
    expect(removal).toEqual({ epoch: 2, serverAccessEnded: true });
    expect(a.keyring.epoch).toBe(2);
    await syncNow(a);
    await until('A pushed the new epoch', drained(a));
    await until('B received epoch 2', async () => {
      await syncNow(b);
      return b.keyring.epoch === 2;
    });
    expect((await rawConnection(b).users.get(mia.id))?.active).toBe(false);
    expect((await rawConnection(b).users.get(mia.id))?.keyPair).toBeUndefined();
    const personDocs = async () =>
      (
        (await call('GET', `${config.database}/_all_docs?include_docs=true`)).body.rows as {
          doc: { _id: string; key?: string };
        }[]
      )
        .map((r) => r.doc)
        .filter((d) => d._id.startsWith('persons:'));
    // Every person's secret was re-wrapped under epoch 2; no record was sealed again. The grants
    // may reach B before A's replica has pushed every person: wait for the server to hold them.
    await until('the persons re-wrapped on the server', async () =>
      (await personDocs()).every((d) => d.key?.startsWith('2.')),
    );
    const stored = await personDocs();
    expect(stored.length).toBe(2);
    for (const d of stored) expect(d.key).toMatch(/^2\./);

    // A person written after the removal reaches B, whose member holds epoch 2 …
    const after = anna({ lastName: 'Nachher' });
    await savePerson(a, adminA, after, CONTRACT);
    await until('the new person on B', async () => !!(await personOn(b, after.id)));
    expect(await personOn(b, after.id)).toMatchObject({ lastName: 'Nachher' });
    // … but not C: Mia's account is gone (401), C never received epoch 2 and cannot open the new secret.
    expect((await call('GET', config.database, { username: mia.serverAccount!, password: 'x' })).status).toBe(401);
    await until('C’s sync refused', () => Promise.resolve(getSyncStatus(c).errorKey === 'error.sync.accountRefused'));
    expect(c.keyring.epoch).toBe(1);
    expect(await personOn(c, after.id)).toBeUndefined();
    const newDoc = await call('GET', `${config.database}/persons:${after.id}`);
    expect(() => openPersonSecret(c.keyring, after.id, String(newDoc.body.key))).toThrow(EpochNotHeld);
    const security = await call('GET', `${config.database}/_security`);
    expect(JSON.stringify(security.body)).not.toContain(mia.serverAccount!);
  });

  it('a change by an author without the permission, arriving by replication, is quarantined and not applied', async () => {
    const book = await team();
    const reader = await userOnBoth(book, 'leser', []);
    // A person saved on B goes out in the reader's name (who may not edit).
    const forged = anna({ lastName: 'Untergeschoben' });
    await sentAs(book, 'persons', { [forged.id]: reader.id }, async () => {
      await savePerson(book.b, book.adminB, forged, CONTRACT);
    });
    expect(await refusalsOn(book.a, [`persons:${forged.id}`])).toEqual(
      new Map([
        [
          `persons:${forged.id}`,
          `its author ${reader.id} may not change persons (it needs editPersons or lockPersons)`,
        ],
      ]),
    );
    expect(await personOn(book.a, forged.id)).toBeUndefined();
  });

  it('a member who may only lock does not bring in a new person by sending it locked', async () => {
    const book = await team();
    const locker = await userOnBoth(book, 'sperrer', ['lockPersons']);
    const forged = anna({ lastName: 'Gesperrt' });
    await sentAs(book, 'persons', { [forged.id]: locker.id }, async () => {
      await savePerson(book.b, book.adminB, forged, CONTRACT);
      await lockPerson(book.b, book.adminB, forged.id, 'Widerspruch');
    });
    expect(await refusalsOn(book.a, [`persons:${forged.id}`])).toEqual(
      new Map([[`persons:${forged.id}`, `its author ${locker.id} may not change persons`]]),
    );
    expect(await personOn(book.a, forged.id)).toBeUndefined();
  });

  it('nobody raises their own rights by replication: own records change only in passphrase and keys', async () => {
    const book = await team();
    const reader = await userOnBoth(book, 'leser', []);
    const manager = await userOnBoth(book, 'verwalterin', ['manageUsers']);
    // Each user's own record goes out with more rights, in their own name.
    await sentAs(book, 'users', { [reader.id]: reader.id, [manager.id]: manager.id }, async () => {
      await updateUser(book.b, book.adminB, reader.id, { isAdmin: true });
      await updateUser(book.b, book.adminB, manager.id, { permissions: ['manageUsers', 'deletePersons'] });
    });
    expect(await refusalsOn(book.a, [`users:${reader.id}`, `users:${manager.id}`])).toEqual(
      new Map([
        [`users:${reader.id}`, `its author ${reader.id} may not change users (it needs manageUsers)`],
        [`users:${manager.id}`, `its author ${manager.id} raises their own rights`],
      ]),
    );
    expect((await book.a.users.get(reader.id))?.isAdmin).toBe(false);
    expect((await book.a.users.get(manager.id))?.permissions).toEqual(['manageUsers']);
  });
});
