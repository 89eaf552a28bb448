/**
 * An event in the log is proof that something was done: logging it needs what doing it needs
 * (domain/eventRights.ts), checked where events join the log, so no caller can write a forged one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  EventNotPermittedError,
  logEvent,
  signIn,
  verifyAuditLog,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import { writeWith } from '../../src/data/write';
import { rawConnection } from '../../src/data/db';
import { AUDIT_HEAD_KEY } from '../../src/domain/auditChain';
import type { AuditAction, AuditEntry } from '../../src/domain/audit';
import type { EventRight } from '../../src/domain/eventRights';
import { PERMISSIONS, type Permission } from '../../src/domain/user';
import { errorText, type Translate } from '../../src/ui/i18n';
import { t, type MessageKey, type MessageParams } from '../../src/i18n/messages';
import { freshDb } from './helpers';

/** Every event the app logs, with the context it logs it with and what its command requires. */
const EVENTS: [AuditAction, string, EventRight][] = [
  ['accessReport', 'accessReport', 'issueReports'],
  ['portabilityExport', 'portabilityJson', 'issueReports'],
  ['portabilityExport', 'all:export.json', 'issueReports'],
  ['requestClosed', 'access:accessReport', 'editPersons'],
  ['other', 'register:pdf', 'issueReports'],
  ['other', 'campaign:c-1:letters:pdf:3', 'issueReports'],
  ['other', 'campaign:c-1:refused', 'editPersons'],
  ['settingsChanged', 'sync:https://sync.example/book', 'admin'],
];

let db: ConsentbookDB;
const users: Record<'admin' | 'allButReports' | 'allButEdit', Session> = {} as never;

/** A member with every permission but one (and no administrator). */
async function allBut(missing: Permission, name: string): Promise<Session> {
  const permissions = PERMISSIONS.filter((p) => p !== missing);
  await createUser(db, users.admin, { name, staffNumber: name, passphrase: `${name} passphrase`, permissions });
  return signIn(db, name, `${name} passphrase`);
}

beforeAll(async () => {
  const fresh = await freshDb();
  db = fresh.db;
  users.admin = fresh.admin;
  users.allButReports = await allBut('issueReports', 'kim');
  users.allButEdit = await allBut('editPersons', 'lou');
});

/** A member lacking the right (neither member is an administrator), and one holding it. */
function lacking(right: EventRight): Session {
  return right === 'issueReports' ? users.allButReports : users.allButEdit;
}
function holding(right: EventRight): Session {
  if (right === 'admin') return users.admin;
  return right === 'issueReports' ? users.allButEdit : users.allButReports;
}

async function logState() {
  return { count: await db.auditLog.count(), head: (await rawConnection(db).settings.get(AUDIT_HEAD_KEY))?.value };
}

describe('an event is logged only by who may do what it records', () => {
  it.each(EVENTS)('%s (%s) needs %s', async (action, context, right) => {
    const before = await logState();
    const refusal = logEvent(db, lacking(right), action, 'p-1', context);
    await expect(refusal).rejects.toBeInstanceOf(EventNotPermittedError);
    await expect(refusal).rejects.toMatchObject({
      messageKey: right === 'admin' ? 'error.eventAdminOnly' : 'error.eventNotPermitted',
      params: { action, permission: right },
    });
    expect(await logState()).toEqual(before);

    await logEvent(db, holding(right), action, 'p-1', context);
    const after = await logState();
    expect(after.count).toBe(before.count + 1);
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({ action, userId: holding(right).userId });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });

  it('a conflict resolution’s own entry needs the edit permission', async () => {
    const entry = (s: Session): AuditEntry => ({
      at: new Date().toISOString(),
      userId: s.userId,
      userName: s.userName,
      staffNumber: s.staffNumber,
      personId: 'p-1',
      action: 'update',
      purposeId: 'purpose-contract',
      purposeName: '',
      comment: 'zusammengeführt',
      fieldKeys: [],
      context: 'sync:conflict',
    });
    const resolve = (s: Session) =>
      writeWith(db, { session: s, intent: 'edit', resolves: [] }, [db.auditLog], () => db.auditLog.add(entry(s)));
    const before = await logState();
    await expect(resolve(users.allButEdit)).rejects.toMatchObject({ params: { action: 'update' } });
    expect(await logState()).toEqual(before);
    await resolve(users.allButReports);
    expect((await logState()).count).toBe(before.count + 1);
  });

  it('the refusal names the event and the permission in words', async () => {
    const refused = await logEvent(db, users.allButEdit, 'requestClosed', 'p-1', 'access:refused').catch(
      (e: unknown) => e,
    );
    const tr: Translate = Object.assign((key: MessageKey, params?: MessageParams) => t('de', key, params), {
      lang: 'de' as const,
    });
    expect(errorText(tr, refused)).toBe(
      'Das Ereignis „Anfrage abgeschlossen“ darf nur protokollieren, wer die Berechtigung „Personen bearbeiten“ hat.',
    );
  });
});
