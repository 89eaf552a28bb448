// Sync between two books (devices) through the REAL sync server, started as a process by the test
// (useSyncServer records its pid and ends exactly it): sealed documents both ways, nothing
// personal on the server, offline changes, quarantine, conflicts, audit chains per device.
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import {
  createBackup,
  importPersons,
  queryAudit,
  restoreBackup,
  ReasonRequiredError,
  savePerson,
  signIn,
  verifyAuditLog,
  type ConsentbookDB,
} from '../../src/data';
import { conflictingFields, uncontestedPicks } from '../../src/domain/conflict';
import { rawConnection } from '../../src/data/db';
import { allEntries } from '../../src/data/core/auditEntries';
import {
  conflictVersions,
  listConflicts,
  readSyncConfig,
  resolveConflict,
  startSync,
  stopSync,
  syncNow,
  configureSync,
  exportBookKey,
  type SyncConfig,
} from '../../src/data/sync';
import type { ChainedEntry } from '../../src/domain/auditChain';
import { newPerson, type Person } from '../../src/domain/person';
import { toDoc } from '../../src/data/sync/docs';
import { SYNC_STATE_SETTINGS } from '../../src/data/middleware/outbox';
import { createReader, anna, CONTRACT, freshDb, PASSPHRASE, remoteEntries, until, useSyncServer } from './helpers';

const sync = useSyncServer();
const adminAuth = sync.auth;

async function serverDump(config: SyncConfig): Promise<string> {
  const res = await fetch(`${sync.server().url}${config.database}/_all_docs?include_docs=true&attachments=true`, {
    headers: adminAuth(),
  });
  const text = await res.text();
  // Every body and attachment decoded too: a value must not be there in any form.
  const decoded = [...text.matchAll(/"(?:body|data)":"([A-Za-z0-9+/=]+)"/g)].map((m) =>
    Buffer.from(m[1], 'base64').toString('latin1'),
  );
  return [text, ...decoded].join('\n');
}

/** Device A with a book connected to the server, and device B joined from it. */
const twoDevices = () => sync.twoDevices(anna({ lastName: 'Quendelmeyer', city: 'Wuppertal-Vohwinkel' }));

async function personOn(db: ConsentbookDB, id: string) {
  return db.persons.get(id);
}

describe('sync through the real server', { timeout: 120_000 }, () => {
  it('joins a device and syncs persons both ways; the server holds no personal value; logs verify on both', async () => {
    const { config, a, b, adminA, adminB, first } = await twoDevices();
    expect(await personOn(b, first.id)).toMatchObject({ lastName: 'Quendelmeyer', city: 'Wuppertal-Vohwinkel' });

    const fromB = await savePerson(b, adminB, anna({ firstName: 'Xaverine', lastName: 'Brombeerstrauch' }), CONTRACT);
    await syncNow(b);
    await until('B → A', async () => (await personOn(a, fromB.id))?.lastName === 'Brombeerstrauch');
    const storedA = (await personOn(a, first.id))!;
    await savePerson(a, adminA, { ...storedA, city: 'Ottersberg-Fischerhude' }, CONTRACT);
    await syncNow(a);
    await until('A → B', async () => (await personOn(b, first.id))?.city === 'Ottersberg-Fischerhude');

    await until('all on the server', async () => (await rawConnection(b).outbox.count()) === 0);
    const dump = await serverDump(config);
    for (const value of [
      'Quendelmeyer',
      'Wuppertal',
      'Brombeerstrauch',
      'Xaverine',
      'Ottersberg',
      'anna.zimmermann',
      'Lindenweg',
      'Vertrag geschlossen',
      '5550101',
    ])
      expect(dump).not.toContain(value);
    // Users travel sealed: no name, verifier or wrapped key on the server.
    const user = (await rawConnection(a).users.toArray())[0];
    expect(dump).not.toContain(user.verifier.hash);
    expect(dump).not.toContain(user.dataKey!.data);
    // The connection settings: the address plain (the register names it), the password sealed.
    const stored = JSON.stringify((await rawConnection(a).settings.get('sync'))?.value);
    expect(stored).toContain(config.serverUrl);
    expect(stored).not.toContain(config.password);
    expect(await readHeldBack(a)).toEqual([]);
    expect(await readHeldBack(b)).toEqual([]);

    expect(await verifyAuditLog(a)).toMatchObject({ ok: true });
    expect(await verifyAuditLog(b)).toMatchObject({ ok: true });
    // B holds A's entries (A's chain) and its own.
    const entriesB = await allEntries(rawConnection(b));
    expect(entriesB.some((e) => (e as { origin?: string }).origin)).toBe(true);
    expect(entriesB.some((e) => !(e as { origin?: string }).origin && e.personId === fromB.id)).toBe(true);
  });
});

describe('an imported book', { timeout: 120_000 }, () => {
  const cards = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => newPerson('contact', { firstName: `${tag}${i}`, lastName: `Import${tag}` }));
  const reason = { purposeId: 'purpose-contract', comment: 'Messekontakte 2024' };

  it('syncs to a second device: the entries of its segments pushed first and live, opened there; logs verify on both', async () => {
    const config = await sync.newBook();
    const { db: a, admin: adminA } = await freshDb();
    sync.track(a);
    // Before connecting (the first push reads the log) and after (the outbox, entry by entry).
    await importPersons(a, adminA, { fileName: 'vorher.vcf', persons: cards(70, 'V') }, reason);
    await configureSync(a, adminA, config);
    await startSync(a, adminA);
    await importPersons(a, adminA, { fileName: 'danach.vcf', persons: cards(60, 'D') }, reason);
    expect(await rawConnection(a).auditSegments.count()).toBe(4);
    await syncNow(a);
    await until('A pushed', async () => (await rawConnection(a).outbox.count()) === 0);
    const { db: b } = await sync.join(config, exportBookKey(a, adminA));
    // An empty outbox is A's side only: the last of it may still be on its way through the server
    // when B is up (with its sign-in's PBKDF2 remembered in the unit tests, B is up at once).
    const importedOnB = async () => (await remoteEntries(b)).filter((e) => e.action === 'import');
    await until(
      'B holds all 130',
      async () => (await b.persons.count()) === 130 && (await importedOnB()).length === 130,
    );
    expect(await b.persons.count()).toBe(130);
    const fromA = await importedOnB();
    expect(fromA).toHaveLength(130);
    const segments = await rawConnection(a).auditSegments.orderBy('seq').toArray();
    for (const [segment, file] of [
      [segments[0], 'vorher.vcf'],
      [segments[3], 'danach.vcf'],
    ] as const) {
      const someone = segment.entries[3].personId;
      expect((await queryAudit(b, { personId: someone })).map((e) => [e.action, e.comment, e.context])).toEqual([
        ['import', reason.comment, `import:${file}`],
      ]);
    }
    expect(await verifyAuditLog(a)).toMatchObject({ ok: true });
    expect(await verifyAuditLog(b)).toMatchObject({ ok: true });
  });
});

async function originsOf(db: ConsentbookDB): Promise<string[]> {
  return (await remoteEntries(db)).map((e) => e.origin);
}

describe('offline and interrupted', { timeout: 120_000 }, () => {
  it('a device offline during ten changes gets all ten after reconnecting, once each', async () => {
    const { a, b, adminA } = await twoDevices();
    await stopSync(b);
    const made: Person[] = [];
    for (let i = 0; i < 10; i++)
      made.push(await savePerson(a, adminA, anna({ lastName: `Offlinewechsel${i}` }), CONTRACT));
    await syncNow(a);
    const before = await b.persons.count();
    await startSync(b, await signIn(b, 'admin', PASSPHRASE));
    await until('ten on B', async () => (await b.persons.count()) === before + 10);
    for (const p of made) expect((await personOn(b, p.id))?.lastName).toBe(p.lastName);
    const origins = await originsOf(b);
    expect(new Set(origins).size).toBe(origins.length);
    expect(await verifyAuditLog(b)).toMatchObject({ ok: true });
  });

  it('a pull cut off midway resumes without duplicates or loss; a push or apply repeated after a stop writes nothing twice', async () => {
    const { config, a, b, adminA } = await twoDevices();
    await stopSync(b);
    const made: Person[] = [];
    for (let i = 0; i < 30; i++) made.push(await savePerson(a, adminA, anna({ lastName: `Abbruch${i}` }), CONTRACT));
    await syncNow(a);
    await until('A pushed', async () => (await rawConnection(a).outbox.count()) === 0);
    // B's replica receives part of the changes, then the connection is cut.
    // The engine's PouchDB (its plug-ins are registered on the class by the engine already).
    const Pouch = (await import('pouchdb-core')).default;
    const replica = new Pouch(`consentbook-sync-${b.name}`, { adapter: 'memory' });
    const remote = new Pouch(sync.server().url + config.database, { auth: sync.server().admin });
    await new Promise<void>((resolve) => {
      const rep = replica.replicate.from(remote, { batch_size: 5 });
      rep.catch(() => undefined); // cancelled on purpose
      void rep.on('change', () => {
        rep.cancel();
        resolve();
      });
    });
    await startSync(b, await signIn(b, 'admin', PASSPHRASE));
    await until('all on B', async () => (await Promise.all(made.map((p) => personOn(b, p.id)))).every(Boolean));

    // A stop after the replica accepted a push but before the outbox rows were deleted: the rows
    // are pushed again, and nothing is written twice.
    const p = made[0];
    await savePerson(a, adminA, { ...(await personOn(a, p.id))!, city: 'Zweimalhausen' }, CONTRACT);
    await syncNow(a);
    const revBefore = (await rawConnection(a).syncRevs.get(`persons:${p.id}`))!.rev;
    await rawConnection(a).outbox.add({ table: 'persons', key: p.id, author: adminA.userId });
    await syncNow(a);
    expect((await rawConnection(a).syncRevs.get(`persons:${p.id}`))!.rev).toBe(revBefore);
    expect(await rawConnection(a).outbox.count()).toBe(0);
    await until('change on B', async () => (await personOn(b, p.id))?.city === 'Zweimalhausen');

    // A stop mid-apply (the batch's transaction never committed): the feed is read again from an
    // older checkpoint, and every record and audit entry is still there once.
    const persons = await b.persons.count();
    await stopSync(b);
    await rawConnection(b).settings.put({ key: 'syncCheckpoint', value: 0 });
    await startSync(b, await signIn(b, 'admin', PASSPHRASE));
    await syncNow(b);
    expect(await rawConnection(b).settings.get('syncCheckpoint')).not.toEqual({ key: 'syncCheckpoint', value: 0 });
    expect(await b.persons.count()).toBe(persons);
    const origins = await originsOf(b);
    expect(new Set(origins).size).toBe(origins.length);
    expect(await verifyAuditLog(b)).toMatchObject({ ok: true });
    expect(await verifyAuditLog(a)).toMatchObject({ ok: true });
  });
});

describe('incoming documents are checked', { timeout: 120_000 }, () => {
  it('quarantines a document changed on the server and one whose author may not make the change', async () => {
    const { config, a, b, adminA, first } = await twoDevices();
    const docUrl = `${sync.server().url}${config.database}/persons:${first.id}`;
    const doc = (await (await fetch(docUrl, { headers: adminAuth() })).json()) as Record<string, unknown> & {
      plain: Record<string, unknown>;
    };
    // The server flips a plain field (the kind): the envelope's MAC no longer matches.
    const tampered = { ...doc, plain: { ...doc.plain, kind: 'customer' } };
    const put = await fetch(docUrl, {
      method: 'PUT',
      headers: { ...adminAuth(), 'content-type': 'application/json' },
      body: JSON.stringify(tampered),
    });
    expect(put.status).toBe(201);
    await until('quarantined on B', async () => (await readHeldBack(b)).length > 0);
    expect(await readHeldBack(b)).toEqual([
      expect.objectContaining({
        docId: `persons:${first.id}`,
        type: 'persons',
        reason: expect.stringMatching(/MAC/) as string,
      }),
    ]);
    expect((await personOn(b, first.id))?.kind).toBe(first.kind);

    // A sealed, correctly MACed person written by a user without the edit permission.
    const reader = await createReader(a, adminA);
    await syncNow(a);
    await until('reader on B', async () => !!(await rawConnection(b).users.get(reader.id)));
    const stored = (await rawConnection(a).persons.get(first.id)) as unknown as Record<string, unknown>;
    const secret = (await rawConnection(a).personKeys.get(first.id))!.secret;
    const current = (await (await fetch(docUrl, { headers: adminAuth() })).json()) as { _rev: string };
    const forged = toDoc(
      a.keyring,
      {
        id: `persons:${first.id}`,
        table: 'persons',
        author: reader.id,
        device: 'another-device',
        account: sync.server().admin.username,
      },
      stored,
      secret,
    );
    await fetch(docUrl, {
      method: 'PUT',
      headers: { ...adminAuth(), 'content-type': 'application/json' },
      body: JSON.stringify({ ...forged, _rev: current._rev }),
    });
    await until('second quarantined', async () => (await readHeldBack(b)).length === 2);
    expect((await readHeldBack(b)).map((q) => q.reason)).toContainEqual(
      expect.stringMatching(/may not change persons/),
    );
  });
});

describe('conflicts', { timeout: 120_000 }, () => {
  it('shows the same winner on both, flags the person, and a resolution clears it on both with one audit entry', async () => {
    const { a, b, adminA, adminB, first } = await twoDevices();
    await stopSync(a);
    await stopSync(b);
    // Both change the city; each also changes a field the other leaves alone.
    await savePerson(a, adminA, { ...(await personOn(a, first.id))!, city: 'Aachen', phone: '0241 1234' }, CONTRACT);
    await savePerson(
      b,
      adminB,
      { ...(await personOn(b, first.id))!, city: 'Bamberg', email: 'neu@example.org' },
      CONTRACT,
    );
    await startSync(a, adminA);
    await startSync(b, adminB);
    await until(
      'conflict on both',
      async () => (await listConflicts(a)).length === 1 && (await listConflicts(b)).length === 1,
    );
    await until('same winner', async () => (await personOn(a, first.id))?.city === (await personOn(b, first.id))?.city);
    const winner = (await personOn(a, first.id))!.city;
    expect(['Aachen', 'Bamberg']).toContain(winner);
    expect(await listConflicts(b)).toEqual([{ personId: first.id, versions: 2 }]);
    const versions = await conflictVersions(b, first.id);
    expect(versions.map((v) => v.person?.city).sort()).toEqual(['Aachen', 'Bamberg']);
    expect(versions.find((v) => v.winner)?.person?.city).toBe(winner);
    const shown = versions[0].person!;
    // Against the version both branched from: the city is contested, the phone and the e-mail are not —
    // a resolution starts with each taken from the side that changed it.
    const byCity = (city: string) => versions.findIndex((v) => v.person?.city === city);
    expect(versions[byCity('Aachen')].changed).toEqual(['city', 'phone']);
    expect(versions[byCity('Bamberg')].changed).toEqual(['city', 'email']);
    const fields = conflictingFields(versions.map((v) => v.person!));
    expect(fields).toEqual(['city', 'phone', 'email']);
    expect(
      uncontestedPicks(
        fields,
        versions.map((v) => v.changed),
      ),
    ).toEqual({ phone: byCity('Aachen'), email: byCity('Bamberg') });

    await expect(
      resolveConflict(b, adminB, first.id, { ...shown, city: 'Coburg' }, { ...CONTRACT, comment: ' ' }),
    ).rejects.toBeInstanceOf(ReasonRequiredError);
    const logBefore = await rawConnection(b).auditLog.count();
    await resolveConflict(b, adminB, first.id, { ...shown, city: 'Coburg' }, CONTRACT);
    const added = (await rawConnection(b).auditLog.toArray()).slice(logBefore);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ personId: first.id, action: 'update', fieldKeys: ['city'] });

    await until('resolved on A', async () => (await personOn(a, first.id))?.city === 'Coburg');
    await until(
      'no conflict on both',
      async () => (await listConflicts(a)).length === 0 && (await listConflicts(b)).length === 0,
    );
    const resolution = added[0] as ChainedEntry;
    await until('entry on A', async () => (await remoteEntries(a)).some((e) => e.hash === resolution.hash));
    expect(await verifyAuditLog(a)).toMatchObject({ ok: true });
    expect(await verifyAuditLog(b)).toMatchObject({ ok: true });
  });
});

describe('a restore on a connected device', { timeout: 120_000 }, () => {
  it('disconnects the device: no sync state survives, the team keeps its later changes, nothing goes out', async () => {
    const { a, b, adminA, adminB, first } = await twoDevices();
    const backup = await createBackup(b, adminB, PASSPHRASE);
    // After the backup: a change of B's that reached A, and one still waiting in B's outbox.
    const later = await savePerson(b, adminB, anna({ lastName: 'Nachsicherung' }), CONTRACT);
    await syncNow(b);
    await until('B → A', async () => !!(await personOn(a, later.id)));
    await stopSync(b);
    await savePerson(b, adminB, { ...(await personOn(b, first.id))!, city: 'Wartehausen' }, CONTRACT);
    expect(await rawConnection(b).outbox.count()).toBeGreaterThan(0);

    const result = await restoreBackup(b, adminB, backup, PASSPHRASE);
    expect(result.disconnected).toBe(true);
    const raw = rawConnection(b);
    for (const key of SYNC_STATE_SETTINGS) expect(await raw.settings.get(key)).toBeUndefined();
    expect(await raw.outbox.count()).toBe(0);
    expect(await raw.syncRevs.count()).toBe(0);
    expect(await raw.conflicts.count()).toBe(0);
    expect(await raw.quarantine.count()).toBe(0);

    // Signed in again, the device does not sync, and what it changes stays on it.
    const again = await signIn(b, 'admin', PASSPHRASE);
    expect(await personOn(b, later.id)).toBeUndefined();
    expect(await readSyncConfig(b)).toBeUndefined();
    await startSync(b, again);
    await savePerson(b, again, { ...(await personOn(b, first.id))!, city: 'Inselstadt' }, CONTRACT);
    expect(await raw.outbox.count()).toBe(0);
    expect(await verifyAuditLog(b)).toMatchObject({ ok: true });

    // The team's book is untouched: A keeps B's change made after the backup, and gets none of B's.
    await syncNow(a);
    expect(await personOn(a, later.id)).toMatchObject({ lastName: 'Nachsicherung' });
    expect((await personOn(a, first.id))?.city).toBe('Wuppertal-Vohwinkel');

    // A backup made on a connected device carries no connection to another device.
    const fromA = await createBackup(a, adminA, PASSPHRASE);
    const { db: c, admin: adminC } = await freshDb();
    sync.track(c);
    expect((await restoreBackup(c, adminC, fromA, PASSPHRASE)).disconnected).toBe(false);
    for (const key of SYNC_STATE_SETTINGS) expect(await rawConnection(c).settings.get(key)).toBeUndefined();
    await signIn(c, 'admin', PASSPHRASE);
    expect(await personOn(c, later.id)).toMatchObject({ lastName: 'Nachsicherung' });
  });
});
