/**
 * The restore's own audit entry belongs to the restored book's chain: sealed and chained with that
 * book's keys, and written with the restore (a backup of this book) or at the first sign-in into
 * the restored book (a backup of another book, whose keys open only with its users' passphrases).
 */
import { describe, expect, it } from 'vitest';
import {
  createBackup,
  queryAudit,
  restoreBackup,
  savePerson,
  signIn,
  verifyAuditLog,
  type ConsentbookDB,
} from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { allEntries } from '../../src/data/core/auditEntries';
import { anna, CONTRACT, freshDb, PASSPHRASE } from './helpers';

const PASS = 'backup passphrase 1';

const restoreEntries = async (db: ConsentbookDB) =>
  (await queryAudit(db, { action: 'settingsChanged' })).filter((e) => e.context.startsWith('restore:'));

describe("the restore's audit entry", () => {
  it("joins the restored book's chain when another book's backup is restored (a new device)", async () => {
    // The new device: a fresh book set up, then the backup of another book restored into it.
    const { db: device, admin: deviceAdmin } = await freshDb();
    const { db: other, admin: otherAdmin } = await freshDb();
    await savePerson(other, otherAdmin, anna(), CONTRACT);
    const file = await createBackup(other, otherAdmin, PASS);
    const entriesInBackup = (await allEntries(rawConnection(other))).length;

    await restoreBackup(device, deviceAdmin, file, PASS);
    // The restored book's keys are not at hand yet: nothing is chained under the replaced book's.
    expect(await allEntries(rawConnection(device))).toHaveLength(entriesInBackup);

    await signIn(device, 'admin', PASSPHRASE);
    expect(await verifyAuditLog(device)).toMatchObject({ ok: true, count: entriesInBackup + 1 });
    const [entry] = await restoreEntries(device);
    expect(entry).toMatchObject({ userName: 'admin', staffNumber: 'P-001', userId: deviceAdmin.userId });
    expect(entry.context).toMatch(/^restore:\d{4}-/);

    // Logged once: a second sign-in writes nothing more.
    await signIn(device, 'admin', PASSPHRASE);
    expect(await restoreEntries(device)).toHaveLength(1);
    expect(await verifyAuditLog(device)).toMatchObject({ ok: true, count: entriesInBackup + 1 });
  });

  it("is written with the restore of this book's own backup, in its transaction", async () => {
    const { db, admin } = await freshDb();
    await savePerson(db, admin, anna(), CONTRACT);
    const file = await createBackup(db, admin, PASS);
    const entriesInBackup = (await allEntries(rawConnection(db))).length;
    await savePerson(db, admin, anna({ firstName: 'Berta' }), CONTRACT);

    await restoreBackup(db, admin, file, PASS);
    // Before anyone signs in again, the entry is there already.
    expect(await allEntries(rawConnection(db))).toHaveLength(entriesInBackup + 1);

    await signIn(db, 'admin', PASSPHRASE);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: entriesInBackup + 1 });
    expect(await restoreEntries(db)).toHaveLength(1);
    await signIn(db, 'admin', PASSPHRASE);
    expect(await restoreEntries(db)).toHaveLength(1);
  });
});
