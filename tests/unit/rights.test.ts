import { describe, expect, it } from 'vitest';
import {
  addTransaction,
  collectAccessReport,
  createRequest,
  deletePerson,
  extendRequest,
  PermissionDeniedError,
  ReasonRequiredError,
  RetentionError,
  recordBreach,
  recordConsent,
  recordDocumentIssued,
  savePerson,
  createUser,
  signIn,
} from '../../src/data';
import { breachClock, requestState } from '../../src/domain/requests';
import { addMonths } from '../../src/domain/deadlines';
import { rawConnection } from '../../src/data/db';
import { anna, CONTRACT, enterController, freshDb } from './helpers';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('erasure (Art. 17)', () => {
  it('leaves nothing of the person in any store but the audit tombstone', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(
      db,
      admin,
      anna({ firstName: 'Xaverine', lastName: 'Quellmalz', email: 'xq@quellmalz.example' }),
      CONTRACT,
    );
    await recordConsent(db, admin, {
      personId: p.id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-02-02',
      channel: 'written',
      text: 'v1',
      evidenceFile: { name: 'quellmalz-scan.png', mimeType: 'image/png', data: PNG },
      confirmedByUser: true,
    });
    await deletePerson(db, admin, p.id, { purposeId: 'purpose-contract', comment: 'Antrag auf Löschung' });
    for (const table of db.tables) {
      const dump = JSON.stringify(await table.toArray(), (_k, v: unknown) =>
        v instanceof Uint8Array ? Array.from(v) : v,
      );
      for (const value of ['Xaverine', 'Quellmalz', 'quellmalz', '5550101', 'Lindenweg'])
        expect(dump, `${table.name} holds ${value}`).not.toContain(value);
    }
    expect(await db.consents.count()).toBe(0);
    expect(await db.files.count()).toBe(0);
    // The person's tombstone with the erasure's reason; the evidence file's deletion is logged too,
    // its context (the file's id) sealed under the person's key and gone with it.
    const deletions = await db.auditLog.filter((e) => e.action === 'delete').toArray();
    expect(deletions.map((e) => e.textErased ?? false).sort()).toEqual([false, true]);
    expect(deletions.find((e) => !e.textErased)).toMatchObject({ personId: p.id, comment: 'Antrag auf Löschung' });
    expect(deletions.find((e) => e.textErased)).toMatchObject({ personId: p.id, context: '' });
  });

  it('is refused under a retention duty, naming the date it becomes possible', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await addTransaction(db, admin, { kind: 'order', date: '2026-03-10', title: 'Auftrag 4711', personIds: [p.id] });
    // An order is an accounting record: 10 years from the end of 2026.
    await expect(deletePerson(db, admin, p.id, CONTRACT)).rejects.toMatchObject({
      messageKey: 'error.retention',
      params: { date: '2037-01-01' },
    });
    expect(await db.persons.get(p.id)).toBeDefined();
  });

  it('the retention duty is checked before the reason: without a comment the refusal is the duty', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await addTransaction(db, admin, { kind: 'order', date: '2026-03-10', title: 'Auftrag 4711', personIds: [p.id] });
    await expect(deletePerson(db, admin, p.id)).rejects.toBeInstanceOf(RetentionError);
    const free = await savePerson(db, admin, anna(), CONTRACT);
    await expect(deletePerson(db, admin, free.id)).rejects.toBeInstanceOf(ReasonRequiredError);
    await deletePerson(db, admin, free.id, { purposeId: '', comment: 'Antrag auf Löschung' });
    expect(await db.persons.get(free.id)).toBeUndefined();
  });
});

describe('requests and breaches', () => {
  it('a request is due one month after receipt, extendable by two months', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const r = await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-01-31' });
    expect(r.dueDate).toBe('2026-02-28');
    expect(requestState(r, '2026-03-01')).toEqual({ daysLeft: -1, overdue: true });
    await extendRequest(db, admin, r.id, 2, 'viele Anfragen');
    expect((await db.requests.get(r.id))!.dueDate).toBe('2026-04-30');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('a request from someone not in the book names them, sealed; without a name it is refused', async () => {
    const { db, admin } = await freshDb();
    const r = await createRequest(db, admin, {
      requester: { name: ' Max Muster ', contact: 'max.muster@example.org' },
      kind: 'access',
      receivedAt: '2026-11-20',
    });
    expect(await db.requests.get(r.id)).toMatchObject({
      personId: '',
      requester: { name: 'Max Muster', contact: 'max.muster@example.org' },
      dueDate: '2026-12-20',
    });
    const stored = await rawConnection(db).requests.get(r.id);
    expect(JSON.stringify(stored)).not.toContain('Muster');
    await expect(
      createRequest(db, admin, { requester: { name: ' ', contact: '' }, kind: 'access', receivedAt: '2026-11-20' }),
    ).rejects.toMatchObject({ messageKey: 'error.requestPerson' });
    await expect(createRequest(db, admin, { kind: 'access', receivedAt: '2026-11-20' })).rejects.toMatchObject({
      messageKey: 'error.requestPerson',
    });
  });

  it('issuing an Auskunft is logged and filed with the open request', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const r = await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-11-01' });
    await enterController(db, admin);
    const data = await collectAccessReport(db, admin, p.id);
    // The person entered, then their request (who entered it and when: the request does not say).
    expect(data.auditEntries.map((e) => [e.action, e.context])).toEqual([
      ['create', ''],
      ['create', `request:${r.id}`],
    ]);
    expect(data.auditCheckpoint?.count).toBeGreaterThan(0);
    await recordDocumentIssued(db, admin, p.id, 'accessReport', 'auskunft.pdf');
    expect((await db.requests.get(r.id))!.documents).toHaveLength(1);
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({ action: 'accessReport', personId: p.id });
  });

  it('reports need the permission', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await createUser(db, admin, {
      name: 'lea',
      staffNumber: '7',
      passphrase: 'lea passphrase',
      permissions: ['editPersons'],
    });
    const lea = await signIn(db, 'lea', 'lea passphrase');
    await expect(collectAccessReport(db, lea, p.id)).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('a breach clock runs 72 hours until the authority is notified', async () => {
    const { db, admin } = await freshDb();
    const b = await recordBreach(db, admin, {
      knownAt: '2026-11-20T08:00:00.000Z',
      description: 'Tablet verloren',
      dataCategories: 'Kontaktdaten',
      affectedCount: 120,
      measures: 'Fernlöschung',
    });
    expect(breachClock(b, new Date('2026-11-23T07:00:00.000Z'))).toEqual({
      hoursLeft: 1,
      running: true,
      overdue: false,
    });
    expect(breachClock(b, new Date('2026-11-23T09:00:00.000Z')).overdue).toBe(true);
    expect(breachClock({ ...b, notifiedAuthorityAt: '2026-11-21T00:00:00.000Z' }, new Date('2026-12-01')).running).toBe(
      false,
    );
  });

  it('a breach whose number of people affected is not known yet records it as unknown, never as 0', async () => {
    const { db, admin } = await freshDb();
    const input = {
      knownAt: '2026-11-20T08:00:00.000Z',
      description: 'Mail an falschen Verteiler',
      dataCategories: '',
      measures: '',
    };
    const b = await recordBreach(db, admin, { ...input, affectedCount: null });
    expect((await db.breaches.get(b.id))?.affectedCount).toBeNull();
    for (const affectedCount of [-5, 2.5, Number.NaN])
      await expect(recordBreach(db, admin, { ...input, affectedCount })).rejects.toMatchObject({
        messageKey: 'error.breachCount',
      });
    expect(await db.breaches.count()).toBe(1);
  });
});

describe('bulk erasure from the worklist', () => {
  it('deletes one by one, skips locked and retained persons with reasons, and can be cancelled', async () => {
    const { db, admin } = await freshDb();
    const { erasePersons, lockPerson } = await import('../../src/data');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await savePerson(db, admin, anna({ firstName: `A${i}` }), CONTRACT)).id);
    await lockPerson(db, admin, ids[1], 'Art. 18');
    await addTransaction(db, admin, {
      kind: 'calculation',
      date: '2026-05-05',
      title: 'Angebot',
      personIds: [ids[2]],
    });
    const controller = new AbortController();
    const reason = { purposeId: 'purpose-contract', comment: 'Prüfliste bereinigt' };
    const result = await erasePersons(
      db,
      admin,
      ids,
      reason,
      (done) => done === 4 && controller.abort(),
      controller.signal,
    );
    expect(result.deleted).toEqual([ids[0], ids[3]]);
    expect(result.skippedLocked).toEqual([ids[1]]);
    expect(result.skippedRetention.get(ids[2])).toBe('2033-01-01');
    expect(result.cancelled).toBe(true);
    expect(await db.persons.count()).toBe(4);
    expect(await db.auditLog.filter((e) => e.action === 'delete').count()).toBe(2);
  });
});

describe('locking instead of deleting (issue 16, item 7)', () => {
  it('locks the retained persons of a bulk deletion in one transaction, one log entry each, and leaves locked ones as they were', async () => {
    const { db, admin } = await freshDb();
    const { lockPerson, lockPersons } = await import('../../src/data');
    const { deletionBlocks } = await import('../../src/data/queries/persons');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await savePerson(db, admin, anna({ firstName: `L${i}` }), CONTRACT)).id);
    await lockPerson(db, admin, ids[2], 'Rechtsstreit');
    const before = (await db.persons.get(ids[2]))!.lock;
    const logged = await db.auditLog.count();
    await lockPersons(db, admin, ids, 'Aufbewahrungspflicht');
    expect((await db.persons.get(ids[0]))!.lock?.reason).toBe('Aufbewahrungspflicht');
    expect((await db.persons.get(ids[1]))!.lock?.reason).toBe('Aufbewahrungspflicht');
    expect((await db.persons.get(ids[2]))!.lock).toEqual(before);
    expect(await db.auditLog.count()).toBe(logged + 2);
    expect((await deletionBlocks(db, ids, '2026-01-01')).locked).toEqual(ids);
    await expect(lockPersons(db, admin, ids, '  ')).rejects.toThrow(/reason/);
  });

  it('locks nobody when one of them cannot be locked', async () => {
    const { db, admin } = await freshDb();
    const { lockPersons } = await import('../../src/data');
    const id = (await savePerson(db, admin, anna(), CONTRACT)).id;
    await expect(lockPersons(db, admin, [id, 'no-such-person'], 'Art. 18')).rejects.toThrow();
    expect((await db.persons.get(id))!.lock).toBeFalsy();
  });
});

describe('erasure and campaigns', () => {
  it('removes the erased person from every campaign', async () => {
    const { db, admin } = await freshDb();
    const { createCampaign } = await import('../../src/data/commands/campaigns');
    const a = await savePerson(db, admin, anna({ firstName: 'A' }), CONTRACT);
    const b = await savePerson(db, admin, anna({ firstName: 'B' }), CONTRACT);
    const { campaign } = await createCampaign(db, admin, {
      name: 'Frühjahr',
      purposeIds: ['purpose-advertising'],
      personIds: [a.id, b.id],
    });
    await deletePerson(db, admin, a.id, CONTRACT);
    expect((await db.campaigns.get(campaign.id))!.members.map((m) => m.personId)).toEqual([b.id]);
  });
});

describe('request details', () => {
  it('a refusal needs its reason; filing a report needs only "issueReports"; nothing is logged with GDPR support off', async () => {
    const { db, admin } = await freshDb();
    const { setRequestStatus } = await import('../../src/data/commands/requests');
    const { updatePrivacySettings } = await import('../../src/data/commands/settings');
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const r = await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-11-01' });
    await expect(setRequestStatus(db, admin, r.id, 'rejected')).rejects.toMatchObject({
      messageKey: 'error.rejectionReason',
    });
    await createUser(db, admin, {
      name: 'rita',
      staffNumber: '9',
      passphrase: 'rita passphrase',
      permissions: ['issueReports'],
    });
    const rita = await signIn(db, 'rita', 'rita passphrase');
    await recordDocumentIssued(db, rita, p.id, 'accessReport', 'auskunft-zimmermann-anna.pdf');
    expect((await db.requests.get(r.id))!.documents.map((d) => d.fileName)).toEqual(['auskunft-zimmermann-anna.pdf']);
    // The log keeps the kind, never the file name (it may carry the person's name).
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({ action: 'accessReport', context: 'accessReport' });
    await setRequestStatus(db, admin, r.id, 'rejected', 'Identität nicht nachgewiesen');
    expect((await db.requests.get(r.id))!.statusReason).toBe('Identität nicht nachgewiesen');
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: true });
    const before = await db.auditLog.count();
    await recordDocumentIssued(db, admin, p.id, 'portabilityJson', 'x.json');
    expect(await db.auditLog.count()).toBe(before);
  });
});
