// The overview (Übersicht): every figure on generated data, with a fixed clock.
import { describe, expect, it } from 'vitest';
import {
  addTransaction,
  createRequest,
  importPersons,
  lockPerson,
  recordBreach,
  recordConsent,
  savePerson,
  setRequestStatus,
  updateBreach,
  updatePrivacySettings,
  withdrawConsent,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import { writeWith } from '../../src/data/write';
import { collectDeadlines, collectPersonOverview } from '../../src/data/queries/overview';
import { recordInformation } from '../../src/data/commands/information';
import { loadWorklist } from '../../src/data/queries/worklist';
import { newPerson } from '../../src/domain/person';
import {
  auditFigure,
  backupFigure,
  breachFigures,
  consentsPerMonth,
  lastMonths,
  requestFigures,
} from '../../src/domain/overview';
import { CONTRACT, freshDb, storesTouched } from './helpers';
import { localDate } from '../../src/domain/calendar';

const NOW = new Date('2026-06-15T12:00:00Z');
const PDF = new TextEncoder().encode('%PDF-1.4 evidence');

function consent(
  db: ConsentbookDB,
  admin: Session,
  personId: string,
  givenAt: string,
  purposeIds = ['purpose-advertising'],
) {
  return recordConsent(db, admin, {
    personId,
    purposeIds,
    givenAt,
    channel: 'written',
    text: 'v1',
    evidenceFile: { name: 'e.pdf', mimeType: 'application/pdf', data: PDF },
    confirmedByUser: true,
  });
}

async function generate() {
  const { db, admin } = await freshDb();
  const contact = (lastName: string, extra = {}) => newPerson('contact', { lastName, ...extra });
  const c1 = await savePerson(db, admin, contact('Eins'), CONTRACT);
  const c2 = await savePerson(db, admin, contact('Zwei'), CONTRACT);
  const c3 = await savePerson(db, admin, contact('Drei'), { purposeId: 'purpose-advertising', comment: 'Newsletter' });
  // Held for Werbung; its consent is withdrawn below: consent missing.
  const c4 = await savePerson(db, admin, contact('Vier'), { purposeId: 'purpose-advertising', comment: 'Newsletter' });
  // No watched data, no purpose: held without any reason (the worklist).
  const w1 = await savePerson(db, admin, newPerson('contact', { organisation: 'Ohne Grund GmbH' }));
  const t1 = await savePerson(db, admin, newPerson('contact', { organisation: 'Mit Vorgang GmbH' }));
  const r1 = await savePerson(db, admin, contact('Alt'), CONTRACT);
  const p1 = await savePerson(db, admin, newPerson('customer', { private: true, lastName: 'Privat' }), CONTRACT);
  const company = await savePerson(
    db,
    admin,
    newPerson('customer', { organisation: 'Firma AG', lastName: 'Firma' }),
    CONTRACT,
  );

  await lockPerson(db, admin, c2.id, 'Art. 18');
  await addTransaction(db, admin, { kind: 'contact', date: '2026-01-10', title: 'Anruf', personIds: [t1.id] });
  // A business letter of 2010 is kept 6 years from the end of 2010: due since 2017-01-01.
  await addTransaction(db, admin, { kind: 'contact', date: '2010-03-01', title: 'Brief', personIds: [r1.id] });

  await consent(db, admin, c3.id, '2026-06-01');
  const withdrawn = await consent(db, admin, c4.id, '2025-07-10');
  await withdrawConsent(db, admin, withdrawn.id, { withdrawnAt: '2026-02-03', note: 'per E-Mail' });
  await consent(db, admin, company.id, '2026-05-05');
  await lockPerson(db, admin, company.id, 'Art. 18');
  await consent(db, admin, c1.id, '2025-05-31'); // before the 12 months shown
  await consent(db, admin, c1.id, '2026-06-20'); // dated after today: not counted yet

  const q1 = await createRequest(db, admin, { personId: c1.id, kind: 'access', receivedAt: '2026-04-10' });
  const q2 = await createRequest(db, admin, { personId: c3.id, kind: 'erasure', receivedAt: '2026-06-01' });
  const q3 = await createRequest(db, admin, { personId: p1.id, kind: 'portability', receivedAt: '2026-05-16' });
  await setRequestStatus(db, admin, q3.id, 'inProgress');
  const q4 = await createRequest(db, admin, { personId: c4.id, kind: 'objection', receivedAt: '2026-03-01' });
  await setRequestStatus(db, admin, q4.id, 'done');

  const breach = (knownAt: string) =>
    recordBreach(db, admin, {
      knownAt,
      description: 'Laptop verloren',
      dataCategories: 'Kontaktdaten',
      affectedCount: 3,
      measures: 'Fernlöschung',
    });
  const nearEnd = await breach('2026-06-12T12:30:00Z'); // 71.5 hours ago: half an hour left
  const fresh = await breach('2026-06-14T12:00:00Z');
  const late = await breach('2026-06-11T12:00:00Z');
  const notified = await breach('2026-06-13T12:00:00Z');
  await updateBreach(db, admin, { ...notified, notifiedAuthorityAt: '2026-06-14T09:00:00Z' });

  await writeWith(db, { session: admin }, [db.settings], () =>
    db.settings.put({ key: 'lastBackup', value: { at: '2026-06-05T09:00:00Z', by: 'admin', auditHead: null } }),
  );
  return { db, admin, ids: { c1, c2, c3, c4, w1, t1, r1, p1, company, q1, q2, q3, nearEnd, fresh, late } };
}

/** Both parts, as the Übersicht shows them side by side. */
async function overviewOf(db: ConsentbookDB, now: Date) {
  return { ...(await collectPersonOverview(db, now)), ...(await collectDeadlines(db, now)) };
}

describe('the Übersicht’s figures (collectPersonOverview, collectDeadlines)', () => {
  it('counts natural persons by state, from indexes', async () => {
    const { db } = await generate();
    const o = await overviewOf(db, NOW);
    expect(o.persons).toEqual({
      natural: 8,
      withPurpose: 6,
      withoutPurpose: 2,
      // c1 and c3; c4's consent was withdrawn, the company is no natural person.
      withValidConsent: 2,
      worklist: 1,
      // c4: held for Werbung, its consent withdrawn (c3's is valid).
      consentMissing: 1,
      // c2; the locked company does not count.
      locked: 1,
      retentionDue: 1,
      // Everyone was entered after this fixed clock's week: no information deadline runs out yet.
      notInformed: 0,
    });
  });

  it('counts the persons not informed whose deadline runs out or is over, as the Prüfliste lists them', async () => {
    const { db, admin } = await freshDb();
    // Entered by hand: Art. 13, due today. Informed: off the list. Imported: the month still runs.
    const due = await savePerson(db, admin, newPerson('contact', { lastName: 'Fällig' }), CONTRACT);
    const informed = await savePerson(db, admin, newPerson('contact', { lastName: 'Informiert' }), CONTRACT);
    const today = new Date().toISOString().slice(0, 10);
    await recordInformation(db, admin, informed.id, { informedAt: today, channel: 'email' });
    await importPersons(
      db,
      admin,
      { fileName: 'k.vcf', persons: [newPerson('contact', { lastName: 'Neu' })] },
      CONTRACT,
    );
    await savePerson(db, admin, newPerson('partner', { organisation: 'Firma AG' }), CONTRACT);
    const o = await overviewOf(db, new Date());
    expect(o.persons.notInformed).toBe(1);
    expect((await loadWorklist(db, 'notInformed', 0, today)).ids).toEqual([due.id]);
  });

  it('shows consents given and withdrawn per month over the last 12 months', async () => {
    const { db } = await generate();
    const o = await overviewOf(db, NOW);
    expect(o.consentsPerMonth.map((m) => m.month)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    const nonZero = o.consentsPerMonth.filter((m) => m.given || m.withdrawn);
    expect(nonZero).toEqual([
      { month: '2025-07', given: 1, withdrawn: 0 },
      { month: '2026-02', given: 0, withdrawn: 1 },
      { month: '2026-05', given: 1, withdrawn: 0 },
      { month: '2026-06', given: 1, withdrawn: 0 },
    ]);
  });

  it('lists open requests with days left, overdue first', async () => {
    const { db, ids } = await generate();
    const o = await overviewOf(db, NOW);
    expect(o.openRequests.map((r) => [r.id, r.daysLeft, r.overdue, r.status])).toEqual([
      [ids.q1.id, -36, true, 'open'],
      [ids.q3.id, 1, false, 'inProgress'],
      [ids.q2.id, 16, false, 'open'],
    ]);
    expect(o.openRequests[0]).toMatchObject({ personId: ids.c1.id, kind: 'access', dueDate: '2026-05-10' });
    expect(o.overdueRequests).toBe(1);
  });

  it('shows the running breach clocks with hours left, one near its end and one past it', async () => {
    const { db, ids } = await generate();
    const o = await overviewOf(db, NOW);
    expect(o.breachClocks.map((b) => [b.id, b.hoursLeft, b.overdue])).toEqual([
      [ids.late.id, -24, true],
      [ids.nearEnd.id, 0.5, false],
      [ids.fresh.id, 48, false],
    ]);
  });

  it('tells the days since the last backup against the reminder', async () => {
    const { db, admin } = await generate();
    let o = await overviewOf(db, NOW);
    expect(o.backup).toEqual({ lastBackupAt: '2026-06-05T09:00:00Z', daysSince: 10, reminderDays: 7, due: true });
    await updatePrivacySettings(db, admin, { backupReminderDays: 14 });
    o = await overviewOf(db, NOW);
    expect(o.backup).toMatchObject({ daysSince: 10, reminderDays: 14, due: false });
  });

  it('reads the clocks apart: requests, breaches and settings only, no person — shown before the persons are counted', async () => {
    const { db } = await generate();
    const deadlines = await storesTouched(() => collectDeadlines(db, NOW));
    expect(deadlines.stores).toEqual(['breaches', 'requests', 'settings']);
    expect(deadlines.result.openRequests).toHaveLength(3);
    expect(deadlines.result.overdueRequests).toBe(1);
    expect(deadlines.result.breachClocks).toHaveLength(3);
    expect(deadlines.result.backup.lastBackupAt).toBe('2026-06-05T09:00:00Z');
  });

  it('works on an empty database: nothing counted, a backup due', async () => {
    const { db } = await freshDb();
    const o = await overviewOf(db, NOW);
    expect(o.persons).toEqual({
      natural: 0,
      withPurpose: 0,
      withoutPurpose: 0,
      withValidConsent: 0,
      worklist: 0,
      consentMissing: 0,
      locked: 0,
      retentionDue: 0,
      notInformed: 0,
    });
    expect(o.consentsPerMonth).toHaveLength(12);
    expect(o.openRequests).toEqual([]);
    expect(o.breachClocks).toEqual([]);
    expect(o.backup).toEqual({ lastBackupAt: null, daysSince: null, reminderDays: 7, due: true });
  });
});

describe('the pure overview figures', () => {
  it('months run across the year boundary, oldest first', () => {
    expect(lastMonths('2026-02-28', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(lastMonths('2026-01-01', 1)).toEqual(['2026-01']);
    expect(localDate(new Date(2026, 11, 31, 23, 59, 59))).toBe('2026-12-31');
  });

  it('counts consents by the month of their dates, within the window and not after today', () => {
    const months = consentsPerMonth(
      [
        { givenAt: '2026-01-31', withdrawnAt: '2026-03-01T10:00:00Z' },
        { givenAt: '2026-01-01T00:00:00Z', withdrawnAt: null },
        { givenAt: '2025-01-15', withdrawnAt: '2026-02-10' },
        { givenAt: '2026-03-20', withdrawnAt: null },
      ],
      '2026-03-15',
      3,
    );
    expect(months).toEqual([
      { month: '2026-01', given: 2, withdrawn: 0 },
      { month: '2026-02', given: 0, withdrawn: 1 },
      { month: '2026-03', given: 0, withdrawn: 1 },
    ]);
  });

  it('requests: closed ones are left out; due today is 0 days left and not overdue', () => {
    const figures = requestFigures(
      [
        { id: 'a', personId: 'p', kind: 'access', status: 'open', dueDate: '2026-03-15' },
        { id: 'b', personId: 'p', kind: 'access', status: 'rejected', dueDate: '2026-01-01' },
        { id: 'c', personId: 'p', kind: 'erasure', status: 'inProgress', dueDate: '2026-03-14' },
      ],
      '2026-03-15',
    );
    expect(figures.map((f) => [f.id, f.daysLeft, f.overdue])).toEqual([
      ['c', -1, true],
      ['a', 0, false],
    ]);
  });

  it('breach clocks: a minute before the end is still running, notified ones stop', () => {
    const now = new Date('2026-03-04T12:00:00Z');
    const figures = breachFigures(
      [
        { id: 'x', knownAt: '2026-03-01T12:01:00Z', notifiedAuthorityAt: null },
        { id: 'y', knownAt: '2026-03-01T11:00:00Z', notifiedAuthorityAt: '2026-03-02T08:00:00Z' },
      ],
      now,
    );
    expect(figures).toHaveLength(1);
    expect(figures[0].hoursLeft).toBeCloseTo(1 / 60, 10);
    expect(figures[0].overdue).toBe(false);
  });

  it('backup and audit figures', () => {
    expect(backupFigure('2026-03-01T10:00:00Z', new Date('2026-03-08T09:59:00Z'), 7)).toEqual({
      lastBackupAt: '2026-03-01T10:00:00Z',
      daysSince: 6,
      reminderDays: 7,
      due: false,
    });
    expect(backupFigure('2026-03-01T10:00:00Z', new Date('2026-03-08T10:00:00Z'), 7).due).toBe(true);
    expect(backupFigure(null, new Date(), 7)).toEqual({
      lastBackupAt: null,
      daysSince: null,
      reminderDays: 7,
      due: true,
    });
    expect(auditFigure({ ok: false, problem: 'changed', seq: 12, count: 40 })).toEqual({
      ok: false,
      entries: 40,
      problem: 'changed',
      seq: 12,
    });
  });
});
