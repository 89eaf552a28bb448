/**
 * Issue 15, finding 3: the plain index fields beside a sealed record are covered by its additional
 * data. Changed with raw IndexedDB access (no key needed), they make the record fail to open —
 * loudly, naming table and key, in transactions and in bulk reads alike. Records sealed before
 * (additional data over table and key only) keep opening.
 */
import { describe, expect, it } from 'vitest';
import { liveQuery } from 'dexie';
import {
  addTransaction,
  createRequest,
  recordConsent,
  savePerson,
  SealedRecordError,
  signIn,
  signOut,
  verifyAuditLog,
  type ConsentbookDB,
} from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { openStored } from '../../src/data/directory/bulkRead';
import { aadOf, open, recordAad, seal } from '../../src/data/core/crypto/seal';
import { auditEntry } from '../../src/data/middleware/audit';
import { pendingOf, tagPending } from '../../src/data/commands/restoreLog';
import { isSealed } from '../../src/data/middleware/sealing';
import { queryAudit } from '../../src/data/queries/audit';
import { SEALED_MARK_KEY } from '../../src/domain/settings';
import { t } from '../../src/i18n/messages';
import { fieldsText, NO_NAMES } from '../../src/ui/audit/entryFields';
import { anna, consentToAdvertising, CONTRACT, exportedJson, freshDb, PASSPHRASE, SIGNED_FORM, until } from './helpers';

type Stored = Record<string, unknown> & { sealed: Uint8Array };

async function tamper(db: ConsentbookDB, table: string, key: string, change: Record<string, unknown>) {
  const raw = rawConnection(db).table(table);
  const stored = (await raw.get(key)) as Stored;
  await raw.put({ ...stored, ...change });
}

describe('plain fields are bound to their sealed record', () => {
  it('a changed consent status, request deadline, transaction link or person flag makes the record fail to open', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const other = await savePerson(db, admin, anna({ firstName: 'Ben' }), CONTRACT);
    const consent = await recordConsent(db, admin, {
      ...SIGNED_FORM,
      personId: p.id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-01-02',
      channel: 'written',
      text: 'Werbung per Post',
      confirmedByUser: true,
    });
    const request = await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-02-01' });
    const tx = await addTransaction(db, admin, {
      kind: 'order',
      date: '2026-02-03',
      title: 'Auftrag',
      personIds: [p.id],
    });

    const cases: [string, string, Record<string, unknown>][] = [
      ['consents', consent.id, { status: 'withdrawn' }],
      ['requests', request.id, { dueDate: '2099-12-31' }],
      ['transactions', tx.id, { personIds: [other.id] }],
      ['persons', p.id, { purposeId: 'purpose-advertising' }],
      ['persons', other.id, { updatedAt: '2099-01-01T00:00:00.000Z' }],
    ];
    for (const [table, key, change] of cases) {
      await tamper(db, table, key, change);
      const refused = { name: 'SealedRecordError', table, key, messageKey: 'error.sealedRecord' };
      await expect(db.table(table).get(key), `${table} ${Object.keys(change)[0]}`).rejects.toMatchObject(refused);
      const stored: unknown = await rawConnection(db).table(table).get(key);
      await expect(openStored(db, table, [stored])).rejects.toBeInstanceOf(SealedRecordError);
    }
  });

  it('a record sealed before (additional data over table and key only) still opens', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const raw = rawConnection(db).persons;
    const { sealed, ...plain } = (await raw.get(p.id)) as unknown as Stored;
    const key = db.keyring.personKey(p.id)!;
    const bytes = open(key, sealed, recordAad('persons', p.id, plain));
    await raw.put({ ...plain, sealed: seal(key, bytes, aadOf('persons', p.id)) } as never);
    expect((await db.persons.get(p.id))?.lastName).toBe('Zimmermann');
    const [bulk] = await openStored<{ lastName: string }>(db, 'persons', [await raw.get(p.id)]);
    expect(bulk.lastName).toBe('Zimmermann');
    // Saved again, it is sealed in the new form.
    await savePerson(db, admin, { ...(await db.persons.get(p.id))!, note: 'neu' });
    expect(((await raw.get(p.id)) as unknown as Stored).sealed[0]).toBe(2);
  });
});

/**
 * Records put into a sealed book in plain (raw IndexedDB access, no key needed): a consent planted
 * as given, a person. They are refused on every read path, as a changed sealed record is; with the
 * book's sealing mark deleted as well, the next sign-in seals them — and the Protokoll says so.
 */
const de = Object.assign((key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t('de', key, params), {
  lang: 'de' as const,
});

describe('records put in plain into a sealed book', () => {
  async function plantedConsent(db: ConsentbookDB, personId: string) {
    const planted = {
      id: 'planted-consent',
      personId,
      purposeIds: ['purpose-advertising'],
      status: 'given',
      givenAt: '2026-01-02',
      channel: 'written',
      text: 'nie gegeben',
    };
    await rawConnection(db).table('consents').put(planted);
    return planted;
  }

  it('a consent or person in plain is refused on every read path, naming table and key', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await plantedConsent(db, p.id);
    const refused = { name: 'SealedRecordError', table: 'consents', key: 'planted-consent' };
    await expect(db.consents.get('planted-consent')).rejects.toMatchObject(refused);
    await expect(db.consents.where('personId').equals(p.id).toArray()).rejects.toMatchObject(refused);
    await expect(
      openStored(db, 'consents', [await rawConnection(db).consents.get('planted-consent')]),
    ).rejects.toMatchObject(refused);
    // The export of everything reads its consents and persons in bulk, apart from the middleware.
    await expect(exportedJson(db, admin)).rejects.toMatchObject(refused);

    await rawConnection(db).consents.delete('planted-consent');
    await rawConnection(db)
      .table('persons')
      .put({ ...anna({ firstName: 'Mallory' }), id: 'planted-person', natural: 1 });
    const person = { name: 'SealedRecordError', table: 'persons', key: 'planted-person' };
    await expect(db.persons.get('planted-person')).rejects.toMatchObject(person);
    await expect(exportedJson(db, admin)).rejects.toMatchObject(person);
  });

  it('with the sealing mark deleted, the next sign-in seals them and logs it; the log verifies', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await plantedConsent(db, p.id);
    await rawConnection(db).settings.delete(SEALED_MARK_KEY);
    signOut(db);
    const session = await signIn(db, 'admin', PASSPHRASE);
    expect(await rawConnection(db).settings.get(SEALED_MARK_KEY)).toBeDefined();
    expect(isSealed(await rawConnection(db).consents.get('planted-consent'))).toBe(true);
    const [last] = await queryAudit(db, {});
    expect(last).toMatchObject({ action: 'settingsChanged', context: 'sealed:consents=1', userId: session.userId });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
    expect(fieldsText(de, last, NO_NAMES)).toBe(
      'Verschlüsselung: in Klartext vorgefundene Datensätze versiegelt – Einwilligungen 1',
    );
    // Nothing in plain is left, so a sign-in after that logs nothing more.
    signOut(db);
    await signIn(db, 'admin', PASSPHRASE);
    expect((await queryAudit(db, {}))[0].seq).toBe(last.seq);
  });

  it('log entries put where a restore leaves its own to be chained are not chained, and the log says so', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    // What a restore of another book leaves (restoreLog.ts), and beside it a consent "given" in
    // the name of a user of the planter's choosing.
    const restore = auditEntry({ session: admin }, 'settingsChanged', '', {
      context: 'restore:2026-01-01T00:00:00.000Z',
    });
    const forged = { ...auditEntry({ session: admin }, 'consentGiven', p.id), userName: 'Mia', comment: 'mündlich' };
    await rawConnection(db).settings.put({ key: 'pendingRestoreLog', value: [restore, forged, 'nonsense'] });
    signOut(db);
    const session = await signIn(db, 'admin', PASSPHRASE);
    const [refused, restored] = await queryAudit(db, {});
    expect(restored).toMatchObject({ action: 'settingsChanged', context: restore.context });
    expect(refused).toMatchObject({ action: 'settingsChanged', context: 'pendingRefused:2', userId: session.userId });
    expect(await queryAudit(db, { action: 'consentGiven' })).toEqual([]);
    expect(await rawConnection(db).settings.get('pendingRestoreLog')).toBeUndefined();
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
    expect(fieldsText(de, refused, NO_NAMES)).toBe(
      'Zum Eintragen wartende Protokolleinträge verworfen: 2 (außerhalb der Anwendung gespeichert)',
    );
    // A restore of another book leaves the refusal pending with its own entry: taken as it is then.
    const kept = pendingOf({ value: [restore, forged] }, admin, db.keyring.auditKey());
    expect(kept.map((e) => e.context)).toEqual([restore.context, 'pendingRefused:1']);
    expect(pendingOf({ value: [...kept, forged] }, admin, db.keyring.auditKey()).map((e) => e.context)).toEqual([
      restore.context,
      'pendingRefused:1',
      'pendingRefused:1',
    ]);
  });
  it('a sealing’s waiting entry is chained only with its HMAC under the audit key: one planted without it, or altered, is refused', async () => {
    const { db, admin } = await freshDb();
    const key = db.keyring.auditKey();
    // As the sign-in's sealing leaves it when stopped before chaining it (auth.ts sealLegacyRecords).
    const sealing = auditEntry({ session: admin }, 'settingsChanged', '', { context: 'sealed:consents=2' });
    const tagged = tagPending(sealing, key);
    const planted = auditEntry({ session: admin }, 'settingsChanged', '', { context: 'sealed:persons=7' });
    const altered = { ...tagged, context: 'sealed:consents=9' };
    await rawConnection(db).settings.put({ key: 'pendingRestoreLog', value: [tagged, planted, altered] });
    signOut(db);
    const session = await signIn(db, 'admin', PASSPHRASE);
    const [refused, chained] = await queryAudit(db, {});
    expect(chained).toMatchObject({ action: 'settingsChanged', context: 'sealed:consents=2', userId: admin.userId });
    expect(chained).not.toHaveProperty('pendingMac');
    expect(refused).toMatchObject({ context: 'pendingRefused:2', userId: session.userId });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
    // Without the keys nothing of the kind is taken.
    expect(pendingOf({ value: [tagged] }, admin, undefined).map((e) => e.context)).toEqual(['pendingRefused:1']);
  });
});

describe('the raw connection', () => {
  it('its live queries get records as stored, never what the app’s connection read and opened', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await consentToAdvertising(db, admin, p.id, new TextEncoder().encode('%PDF-1.4 signed'));
    const watched: { unsubscribe(): void }[] = [];
    const watch = <T>(query: () => Promise<T[]>) => {
      const seen: T[][] = [];
      watched.push(liveQuery(query).subscribe((rows) => seen.push(rows)));
      return seen;
    };
    try {
      // The app's connection first (a screen showing consents), then a raw reader of the same table.
      const opened = watch(() => db.consents.toArray());
      await until('the opened consents', () => Promise.resolve(opened.length > 0));
      expect(opened[0].every((c) => c.text === 'v1')).toBe(true);
      const stored = watch(() => rawConnection(db).consents.toArray());
      await until('the stored consents', () => Promise.resolve(stored.length > 0));
      // Dexie's query cache is one per database name: shared, it handed the raw reader the opened
      // consents (the register then counted them as lying unencrypted).
      expect(stored.flat().length).toBe(1);
      expect(stored.flat().every(isSealed)).toBe(true);
    } finally {
      for (const w of watched) w.unsubscribe();
    }
  });
});
