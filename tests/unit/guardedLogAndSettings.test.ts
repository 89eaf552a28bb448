/**
 * Reviewed defects: entries a command logs are events only, with the fields the data layer owns
 * set by it; the chain checkpoints are the sync layer's; every settings key is guarded.
 */
import { describe, expect, it } from 'vitest';
import {
  createUser,
  NotSignedInError,
  PermissionDeniedError,
  queryAudit,
  saveRegisterNotes,
  signIn,
  signOut,
  verifyAuditLog,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import { writeWith } from '../../src/data/write';
import { SYNC_STATE_SETTINGS } from '../../src/data/middleware/outbox';
import type { AuditEntry } from '../../src/domain/audit';
import type { Permission } from '../../src/domain/user';
import { freshDb } from './helpers';

async function withKim(permissions: Permission[] = []): Promise<{ db: ConsentbookDB; admin: Session; kim: Session }> {
  const { db, admin } = await freshDb();
  await createUser(db, admin, { name: 'kim', staffNumber: 'P-042', passphrase: 'kim passphrase', permissions });
  const kim = await signIn(db, 'kim', 'kim passphrase');
  return { db, admin, kim };
}

function event(session: Session, extra: Partial<AuditEntry> & Record<string, unknown>): AuditEntry {
  return {
    at: new Date().toISOString(),
    userId: session.userId,
    userName: session.userName,
    staffNumber: session.staffNumber,
    personId: '',
    action: 'accessReport',
    purposeId: '',
    purposeName: '',
    comment: '',
    fieldKeys: [],
    context: '',
    ...extra,
  };
}

const addEntry = (db: ConsentbookDB, session: Session, e: AuditEntry) =>
  writeWith(db, { session }, [db.auditLog], () => db.auditLog.add(e));

describe('entries logged by commands', () => {
  it('are events only: an action the data layer logs with its write is refused by name', async () => {
    const { db, kim } = await withKim();
    const before = await db.auditLog.count();
    for (const action of ['consentGiven', 'create', 'delete', 'lock', 'import', 'update'] as const)
      await expect(addEntry(db, kim, event(kim, { action, personId: 'p-1' }))).rejects.toMatchObject({
        name: 'RuleError',
        messageKey: 'error.auditNotEvent',
        params: { action },
      });
    expect(await db.auditLog.count()).toBe(before);
  });

  it('get their time and chain fields from the data layer: the log stays readable and verifies', async () => {
    const { db, admin, kim } = await withKim(['issueReports']);
    const start = Date.now();
    await addEntry(
      db,
      kim,
      event(kim, {
        at: '2019-01-01T00:00:00.000Z',
        context: 'accessReport',
        origin: 'dev/1',
        sealedText: new Uint8Array([1, 2, 3]),
        textKey: 'person',
        textErased: true,
        seq: 9999,
        hash: 'f'.repeat(64),
        prevHash: '0'.repeat(64),
        chain: 1,
        device: 'dev',
      }),
    );
    // A settings event naming the GDPR switch would tell a false "since" (readGdprSupport): no field keys.
    await addEntry(db, admin, event(admin, { action: 'settingsChanged', fieldKeys: ['gdprSupportDisabled'] }));
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({ action: 'settingsChanged', fieldKeys: [] });
    const [, last] = await queryAudit(db, { limit: 2 });
    expect(last).toMatchObject({ action: 'accessReport', context: 'accessReport', userName: 'kim' });
    expect(Date.parse(last.at)).toBeGreaterThanOrEqual(start - 1000);
    const stored = (await db.auditLog.toArray()).at(-2) as unknown as Record<string, unknown>;
    expect(stored.origin).toBeUndefined();
    expect(stored.device).toBeUndefined();
    expect(stored.textErased).toBeUndefined();
    expect(stored.seq).not.toBe(9999);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });
});

describe('a conflict resolution’s own entry', () => {
  it('is an update only there, its purpose named as stored', async () => {
    const { db, admin } = await freshDb();
    const contract = await db.purposes.get('purpose-contract');
    const entry = event(admin, {
      action: 'update',
      personId: 'p-1',
      purposeId: 'purpose-contract',
      purposeName: 'Einwilligung liegt vor',
      comment: 'zusammengeführt',
      context: 'sync:conflict',
    });
    await writeWith(db, { session: admin, intent: 'edit', resolves: [] }, [db.auditLog], () => db.auditLog.add(entry));
    const [last] = await queryAudit(db, { limit: 1 });
    expect(last).toMatchObject({ action: 'update', purposeName: contract?.name, context: 'sync:conflict' });
    expect(contract?.name).not.toBe('Einwilligung liegt vor');
  });
});

describe('the chain checkpoints', () => {
  it('are written by the sync layer only: not signed out, not signed in', async () => {
    const { db, admin } = await freshDb();
    await expect(
      writeWith(db, { session: admin }, [db.chainCheckpoints], () =>
        db.chainCheckpoints.add({ id: 'x', device: 'd' } as never),
      ),
    ).rejects.toMatchObject({ messageKey: 'error.internalTable' });
    signOut(db);
    await expect(db.chainCheckpoints.add({ id: 'y', device: 'd' } as never)).rejects.toBeInstanceOf(NotSignedInError);
    expect(await db.chainCheckpoints.count()).toBe(0);
    await signIn(db, 'admin', 'correct horse battery');
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });
});

describe('every settings key is guarded', () => {
  const notes = {
    activities: { 'purpose-advertising': { description: 'Katalog an Frau Muster' } },
    additionalMeasures: '',
  };

  it('the register notes need the permission for the register and are logged with field keys only', async () => {
    const { db, admin, kim } = await withKim();
    await expect(
      writeWith(db, { session: kim }, [db.settings], () => db.settings.put({ key: 'registerNotes', value: notes })),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(await db.settings.get('registerNotes')).toBeUndefined();

    const before = await db.auditLog.count();
    await writeWith(db, { session: admin }, [db.settings], () =>
      db.settings.put({ key: 'registerNotes', value: notes }),
    );
    const entries = await db.auditLog.toArray();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({
      action: 'settingsChanged',
      context: 'settings:registerNotes',
      fieldKeys: ['activities'],
    });
    expect(JSON.stringify(await queryAudit(db, { limit: 1 }))).not.toContain('Muster');

    // The command logs once (the rule's entry), not twice.
    await saveRegisterNotes(db, admin, { ...notes, additionalMeasures: 'BitLocker' });
    const after = await db.auditLog.toArray();
    expect(after).toHaveLength(before + 2);
    expect(after.at(-1)).toMatchObject({ context: 'settings:registerNotes', fieldKeys: ['additionalMeasures'] });
  });

  it('the last backup is written with the backup’s permission, in the writer’s own name', async () => {
    const { db, admin, kim } = await withKim();
    const value = { at: '2026-06-05T09:00:00Z', by: 'kim', auditHead: null };
    await expect(
      writeWith(db, { session: kim }, [db.settings], () => db.settings.put({ key: 'lastBackup', value })),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(
      writeWith(db, { session: admin }, [db.settings], () => db.settings.put({ key: 'lastBackup', value })),
    ).rejects.toMatchObject({ messageKey: 'error.settingInternal', params: { key: 'lastBackup' } });
    expect(await db.settings.get('lastBackup')).toBeUndefined();
    await writeWith(db, { session: admin }, [db.settings], () =>
      db.settings.put({ key: 'lastBackup', value: { ...value, by: 'admin' } }),
    );
    expect((await db.settings.get('lastBackup'))?.value).toMatchObject({ by: 'admin' });
  });

  it('the data layer’s own keys and unknown keys are refused, also for an administrator', async () => {
    const { db, admin } = await freshDb();
    const put = (key: string) =>
      writeWith(db, { session: admin }, [db.settings], () => db.settings.put({ key, value: { x: 1 } }));
    for (const key of [...SYNC_STATE_SETTINGS, 'encryption'])
      await expect(put(key)).rejects.toMatchObject({ messageKey: 'error.settingInternal', params: { key } });
    for (const key of ['anything', 'constructor', 'pendingRestoreLog'])
      await expect(put(key)).rejects.toMatchObject({ messageKey: 'error.settingUnknown', params: { key } });
    await expect(put('auditHead')).rejects.toMatchObject({ messageKey: 'error.auditAppendOnly' });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });
});
