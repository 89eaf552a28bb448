/**
 * The worklist flags are plain rows no seal covers (core/personStatus.ts): the session's check
 * (commands/worklistCheck.ts) recomputes them from the records as stored and finds rows deleted,
 * changed or planted outside the app, logs how many in the keyed chain and rewrites them.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  addTransaction,
  consentGapPersons,
  createUser,
  noReasonPersonIds,
  savePerson,
  signIn,
  signOut,
  updatePrivacySettings,
  verifyAuditLog,
  withdrawConsent,
} from '../../src/data';
import { rawConnection, type ConsentbookDB } from '../../src/data/db';
import { checkWorklistFlags, worklistCheckOf } from '../../src/data/commands/worklistCheck';
import { logFinding, type FindingKind } from '../../src/data/commands/findings';
import { queryAudit } from '../../src/data/queries/audit';
import type { Session } from '../../src/data/core/session';
import { newPerson } from '../../src/domain/person';
import { t } from '../../src/i18n/messages';
import { auditNames, fieldsText } from '../../src/ui/audit/entryFields';
import { consentToAdvertising, freshDb } from './helpers';

const de = Object.assign((key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t('de', key, params), {
  lang: 'de' as const,
});
const EVIDENCE = new TextEncoder().encode('%PDF-1.4 evidence');

/** One person of each case the flags tell apart, by the name of the case. */
async function bookOfCases(db: ConsentbookDB, admin: Session) {
  // Persons without a purpose exist only where GDPR support was off when they were stored.
  await updatePrivacySettings(db, admin, { gdprSupportDisabled: true });
  const save = (lastName: string, purposeId = '', kind: 'contact' | 'partner' = 'contact') =>
    savePerson(db, admin, newPerson(kind, { lastName, purposeId })).then((p) => p.id);
  const ids = {
    noReason: await save('Ohne'),
    withTransaction: await save('Vorgang'),
    partner: await save('Firma', '', 'partner'),
    gapNone: await save('Werbung-ohne', 'purpose-advertising'),
    gapWithdrawn: await save('Werbung-widerrufen', 'purpose-advertising'),
    consented: await save('Werbung-erteilt', 'purpose-advertising'),
    contract: await save('Vertrag', 'purpose-contract'),
  };
  await updatePrivacySettings(db, admin, { gdprSupportDisabled: false });
  await addTransaction(db, admin, {
    kind: 'contact',
    date: '2026-01-15',
    title: 'Anruf',
    personIds: [ids.withTransaction],
  });
  const withdrawn = await consentToAdvertising(db, admin, ids.gapWithdrawn, EVIDENCE);
  await withdrawConsent(db, admin, withdrawn.id, { withdrawnAt: '2026-02-01', note: 'per E-Mail' });
  await consentToAdvertising(db, admin, ids.consented, EVIDENCE);
  return ids;
}

describe('the worklist flags checked against the records', () => {
  it('a book whose flags agree: nothing repaired, nothing logged', async () => {
    const { db, admin } = await freshDb();
    const ids = await bookOfCases(db, admin);
    expect(await noReasonPersonIds(db)).toEqual([ids.noReason]);
    const entries = (await queryAudit(db, {})).length;
    const check = await checkWorklistFlags(db, admin);
    expect(check).toEqual({ checked: 3, repaired: 0 });
    expect((await queryAudit(db, {})).length).toBe(entries);
  });

  it('rows deleted, changed and planted on disk are found, logged by count and rewritten', async () => {
    const { db, admin } = await freshDb();
    const ids = await bookOfCases(db, admin);
    const lists = async () => ({ noReason: await noReasonPersonIds(db), gaps: await consentGapPersons(db) });
    const before = await lists();
    expect(before.gaps).toEqual(
      new Map([
        [ids.gapNone, 'none'],
        [ids.gapWithdrawn, 'withdrawn'],
      ]),
    );

    const raw = rawConnection(db);
    await raw.personStatus.delete(ids.noReason);
    await raw.personStatus.put({ personId: ids.gapWithdrawn, noReason: 0, consentGap: 'none' });
    await raw.personStatus.put({ personId: ids.consented, noReason: 0, consentGap: 'none' });
    await raw.personStatus.put({ personId: ids.partner, noReason: 1, consentGap: '' });
    expect((await lists()).noReason).toEqual([ids.partner]);

    const check = await checkWorklistFlags(db, admin);
    expect(check.repaired).toBe(4);
    expect(await lists()).toEqual(before);
    const [entry] = await queryAudit(db, {});
    expect(entry).toMatchObject({
      action: 'settingsChanged',
      userId: admin.userId,
      context: 'worklist:4',
      personId: '',
    });
    expect(fieldsText(de, entry, auditNames({ recipients: [], purposes: [], users: [], groups: [] }))).toBe(
      'Prüfliste: von den Daten abweichende Markierungen neu berechnet – Personen: 4',
    );
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
    // Mended: the next check finds nothing.
    expect(await checkWorklistFlags(db, admin)).toMatchObject({ repaired: 0 });
  });

  it('a flag stale only until a save that the check reads again is no difference', async () => {
    const { db, admin } = await freshDb();
    const ids = await bookOfCases(db, admin);
    const raw = rawConnection(db);
    // A planted row for a person the rule flags the same way is no difference at all.
    await raw.personStatus.put({ personId: ids.noReason, noReason: 1, consentGap: '' });
    expect(await checkWorklistFlags(db, admin)).toMatchObject({ repaired: 0 });
    // Flags the app keeps itself follow a change through the app: a consent given ends the gap.
    await consentToAdvertising(db, admin, ids.gapNone, EVIDENCE);
    expect(await checkWorklistFlags(db, admin)).toMatchObject({ repaired: 0 });
    expect([...(await consentGapPersons(db)).keys()]).toEqual([ids.gapWithdrawn]);
  });

  it('a member without any right finds and logs it too', async () => {
    const { db, admin } = await freshDb();
    const ids = await bookOfCases(db, admin);
    await createUser(db, admin, { name: 'lea', staffNumber: 'P-3', passphrase: 'lea passphrase 1' });
    await rawConnection(db).personStatus.delete(ids.noReason);
    signOut(db);
    const lea = await signIn(db, 'lea', 'lea passphrase 1');
    expect(lea.isAdmin).toBe(false);
    expect(await checkWorklistFlags(db, lea)).toMatchObject({ repaired: 1 });
    expect((await queryAudit(db, {}))[0]).toMatchObject({ userId: lea.userId, context: 'worklist:1' });
    expect(await noReasonPersonIds(db)).toEqual([ids.noReason]);
    // The privilege passes a finding's own entry only: another context still needs the right.
    await expect(logFinding(db, lea, 'restore' as FindingKind, 'x')).rejects.toMatchObject({
      name: 'EventNotPermittedError',
    });
  });

  it('runs once a session, shared by the screens that start it; one that failed is tried again', async () => {
    const { db, admin } = await freshDb();
    await bookOfCases(db, admin);
    const flags = rawConnection(db).personStatus;
    const read = vi.spyOn(flags, 'toArray').mockRejectedValueOnce(new Error('disk busy'));
    await expect(worklistCheckOf(db, admin)).rejects.toThrow('disk busy');
    expect(worklistCheckOf(db, admin)).toBe(worklistCheckOf(db, admin));
    await expect(worklistCheckOf(db, admin)).resolves.toMatchObject({ repaired: 0 });
    expect(read).toHaveBeenCalledTimes(2);
    read.mockRestore();
  });
});
