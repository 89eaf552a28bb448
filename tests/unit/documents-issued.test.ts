/**
 * Issuing a report or export: its audit entry and its filing with the person's open request are one
 * write, allowed only with "issueReports" — checked in the data layer before anything is stored.
 */
import { describe, expect, it } from 'vitest';
import {
  createRequest,
  createUser,
  PermissionDeniedError,
  recordDocumentIssued,
  savePerson,
  signIn,
  verifyAuditLog,
} from '../../src/data';
import { anna, CONTRACT, freshDb, PASSPHRASE } from './helpers';

async function bookWithRequest() {
  const { db, admin } = await freshDb();
  const p = await savePerson(db, admin, anna(), CONTRACT);
  const r = await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-11-01' });
  return { db, admin, p, r };
}

describe('recording an issued report', () => {
  it('without "issueReports": refused with the named permission error, nothing stored', async () => {
    const { db, admin, p, r } = await bookWithRequest();
    await createUser(db, admin, {
      name: 'emil',
      staffNumber: '7',
      passphrase: 'emil passphrase',
      permissions: ['editPersons'],
    });
    const emil = await signIn(db, 'emil', 'emil passphrase');
    const entries = await db.auditLog.count();
    const error = await recordDocumentIssued(db, emil, p.id, 'accessReport', 'auskunft.pdf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ messageKey: 'error.permissionDenied', permission: 'issueReports' });
    expect(await db.auditLog.count()).toBe(entries);
    expect((await db.requests.get(r.id))!.documents).toEqual([]);

    // Nor is anything stored when the person has no open request to file it with.
    const other = await savePerson(db, admin, anna({ firstName: 'Berta' }), CONTRACT);
    const before = await db.auditLog.count();
    await expect(recordDocumentIssued(db, emil, other.id, 'portabilityJson', 'x.json')).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    expect(await db.auditLog.count()).toBe(before);
  });

  it('with "issueReports": the entry and the request\'s document are both stored, the log verifies', async () => {
    const { db, admin, p, r } = await bookWithRequest();
    await createUser(db, admin, {
      name: 'rita',
      staffNumber: '9',
      passphrase: 'rita passphrase',
      permissions: ['issueReports'],
    });
    const rita = await signIn(db, 'rita', 'rita passphrase');
    const entries = await db.auditLog.count();
    await recordDocumentIssued(db, rita, p.id, 'accessReport', 'auskunft-zimmermann-anna.pdf');
    expect(await db.auditLog.count()).toBe(entries + 1);
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({
      action: 'accessReport',
      personId: p.id,
      context: 'accessReport',
      userName: 'rita',
    });
    expect((await db.requests.get(r.id))!.documents).toMatchObject([
      { kind: 'accessReport', fileName: 'auskunft-zimmermann-anna.pdf' },
    ]);
    await signIn(db, 'admin', PASSPHRASE);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });
});
