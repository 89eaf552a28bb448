import { describe, expect, it, vi } from 'vitest';
import {
  backupFileName,
  createBackup,
  openBackup,
  recordConsent,
  restoreBackup,
  savePerson,
  signIn,
  verifyAuditLog,
  type ConsentbookDB,
} from '../../src/data';
import { CURRENT_SCHEMA_VERSION } from '../../src/data/core/schema';
import { rawConnection } from '../../src/data/db';
import { SYNC_CONFIG_KEY } from '../../src/data/middleware/outbox';
import { writeChainCheckpoint } from '../../src/data/sync/checkpoints';
import { anna, CONTRACT, freshDb } from './helpers';
import { realPbkdf2 } from '../pbkdf2Memo';

const PASS = 'backup passphrase 1';
const PDF = new TextEncoder().encode('%PDF-1.4 consent scan');

async function snapshot(db: ConsentbookDB): Promise<string> {
  const all = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const));
  return JSON.stringify(all, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
}

async function populated() {
  const { db, admin } = await freshDb();
  const p = await savePerson(db, admin, anna(), CONTRACT);
  await recordConsent(db, admin, {
    personId: p.id,
    purposeIds: ['purpose-advertising'],
    givenAt: '2026-01-02',
    channel: 'written',
    text: 'v1',
    evidenceFile: { name: 'scan.pdf', mimeType: 'application/pdf', data: PDF },
    confirmedByUser: true,
  });
  return { db, admin, p };
}

describe('backup and restore', () => {
  it('names the file by the local time of the device, not UTC', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      // 22:30 UTC on 1 July is half past midnight on 2 July in Berlin.
      expect(backupFileName(new Date('2026-07-01T22:30:00Z'))).toBe('consentbook-sicherung-2026-07-02-00-30.cbbackup');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('a save while the backup is made does not make the backup unrestorable', async () => {
    const { db, admin, p } = await populated();
    // The save waits for the backup's read and lands while the file is packed and sealed.
    const before = await db.persons.get(p.id);
    // The backup reads through the raw connection: opened first, its read transaction is made
    // within the backup's first microtasks — not after an open that a loaded machine may take
    // longer for than the wait below (the save then came first, and the backup held it).
    await rawConnection(db).open();
    const made = createBackup(db, admin, PASS);
    // Once the backup's read has begun (its transaction holds the tables), a save queues behind it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await savePerson(db, admin, { ...before!, city: 'Bonn' }, CONTRACT);
    const file = await made;
    await restoreBackup(db, admin, file, PASS);
    await signIn(db, 'admin', 'correct horse battery');
    expect((await db.persons.get(p.id))!.city).toBe('Köln');
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });

  it('a full disk does not cost the backup: the file is made, only its date is not recorded', async () => {
    const { db, admin } = await populated();
    const full = vi.spyOn(db.settings, 'put').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    const file = await createBackup(db, admin, PASS);
    full.mockRestore();
    expect(file.byteLength).toBeGreaterThan(0);
    expect(await db.settings.get('lastBackup')).toBeUndefined();
    expect((await openBackup(file, PASS)).tables.persons).toHaveLength(1);
  });

  it('a chosen file says before its passphrase when it was made and whether it is this book’s', async () => {
    const { db, admin } = await populated();
    const file = await createBackup(db, admin, PASS);
    const { describeBackup } = await import('../../src/data/commands/backup');
    const about = describeBackup(db, file);
    expect(about.sameBook).toBe(true);
    expect(Date.parse(about.createdAt)).not.toBeNaN();
    // A new device's own book: the old device's backup is another book's.
    const other = await freshDb();
    expect(describeBackup(other.db, file).sameBook).toBe(false);
    expect(() => describeBackup(db, new TextEncoder().encode('Hallo'))).toThrow(/not a Consentbook backup/);
  });

  it('a restore drops the replaced book’s chain checkpoints: the restored log verifies', async () => {
    const { db, admin, p } = await populated();
    const file = await createBackup(db, admin, PASS);
    await savePerson(db, admin, { ...(await db.persons.get(p.id))!, city: 'Bonn' }, CONTRACT);
    // A book that synced: a signed checkpoint of this device's chain, past the backup's log.
    const raw = rawConnection(db);
    await raw.settings.put({ key: SYNC_CONFIG_KEY, value: { server: 'http://127.0.0.1:1/', database: 'book' } });
    expect(await writeChainCheckpoint(db, admin.userId)).toBeDefined();
    await raw.settings.delete(SYNC_CONFIG_KEY);
    await restoreBackup(db, admin, file, PASS);
    await signIn(db, 'admin', 'correct horse battery');
    expect(await raw.chainCheckpoints.count()).toBe(0);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });

  it('round-trips the whole database, evidence files and a verifying audit log included', async () => {
    const { db, admin, p } = await populated();
    const file = await createBackup(db, admin, PASS);
    expect(new TextDecoder().decode(file)).not.toContain('Zimmermann');
    await savePerson(db, admin, { ...(await db.persons.get(p.id))!, city: 'Bonn' }, CONTRACT);
    await restoreBackup(db, admin, file, PASS, ' Tablet verloren, Stand von gestern ');
    // The restored database has the backup's users and keys: its administrator signs in again.
    await signIn(db, 'admin', 'correct horse battery');
    // The restore's own entry says why.
    const restoredEntry = (await db.auditLog.toArray()).find((e) => e.context.startsWith('restore:'));
    expect(restoredEntry?.comment).toBe('Tablet verloren, Stand von gestern');
    expect((await db.persons.get(p.id))!.city).toBe('Köln');
    expect(new TextDecoder().decode((await db.files.toArray())[0].data)).toBe('%PDF-1.4 consent scan');
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
    expect((await db.settings.get('lastBackup'))?.value).toBeTruthy();
  });

  const damaged: Record<string, [(f: Uint8Array) => Uint8Array, string]> = {
    'a wrong passphrase': [(f) => f, 'backup.wrongPassphrase'],
    'no passphrase': [(f) => f, 'backup.passphraseMissing'],
    'a flipped byte in the content': [
      (f) => {
        const c = f.slice();
        c[c.length - 40] ^= 0x01;
        return c;
      },
      'backup.wrongPassphrase',
    ],
    'a flipped byte in the header': [
      (f) => {
        const c = f.slice();
        c[40] ^= 0x01;
        return c;
      },
      'backup.damaged',
    ],
    'a truncated file': [(f) => f.slice(0, f.length - 100), 'backup.truncated'],
    'a file of a newer version': [
      (f) =>
        new TextEncoder().encode(
          new TextDecoder().decode(f).replace(`"schemaVersion":${CURRENT_SCHEMA_VERSION}`, '"schemaVersion":99'),
        ),
      'backup.newerVersion',
    ],
    'not a backup at all': [() => new TextEncoder().encode('BEGIN:VCARD\nEND:VCARD'), 'backup.notBackup'],
  };
  for (const [what, [mangle, key]] of Object.entries(damaged)) {
    it(`${what} gets a clear error and leaves the database untouched`, async () => {
      // A wrong passphrase is refused by the real derivation, not by a miss in the test's memo.
      if (what === 'a wrong passphrase') realPbkdf2();
      const { db, admin } = await populated();
      const file = mangle(await createBackup(db, admin, PASS));
      const before = await snapshot(db);
      await expect(
        restoreBackup(
          db,
          admin,
          file,
          what === 'a wrong passphrase' ? 'another passphrase' : what === 'no passphrase' ? '' : PASS,
        ),
      ).rejects.toMatchObject({ messageKey: key });
      expect(await snapshot(db)).toBe(before);
    });
  }

  it('checks the structure before anything is written', async () => {
    const { db, admin } = await populated();
    const file = await createBackup(db, admin, PASS);
    const payload = await openBackup(file, PASS);
    expect(payload.tables.persons).toHaveLength(1);
    expect(payload.tables.auditLog.length).toBeGreaterThan(0);
  });
});
