// Issue 16, item 3: the register's technical measures are read from the state when it is made, never constants.
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  collectProcessingRegister,
  collectUncheckedRegister,
  createBackup,
  savePerson,
  updatePrivacySettings,
  withAuditVerdict,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { measureRows } from '../../src/documents/registerMeasures';
import { BOOK_TAGS_KEY } from '../../src/data/middleware/bookTags';
import { BOOK_SETTING_KEYS } from '../../src/domain/settings';
import { renderProcessingRegisterPdf } from '../../src/documents/processingRegister';
import type { PdfFonts } from '../../src/documents/letter';
import { loadLanguage } from '../../src/i18n/messages';
import { anna, CONTRACT, enterController, freshDb } from './helpers';
import { nodePdfFonts } from './sample-data';

let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

const squash = (s: string) => s.replace(/\s+/g, '');

async function measure(db: ConsentbookDB, admin: Session, label: string, persisted: boolean | null = null) {
  const register = await collectProcessingRegister(db, admin, new Date(), { storagePersisted: persisted });
  const row = measureRows('de', register).find(([name]) => name === label);
  if (!row) throw new Error(`no row ${label}`);
  return row[1];
}

describe('the measures of the Verzeichnis (Art. 30(1)(g))', () => {
  it('a default installation says encryption at rest is active, with the algorithm, per-person keys and the verifier’s iterations', async () => {
    const { db, admin } = await freshDb();
    await savePerson(db, admin, anna(), CONTRACT);
    const register = await collectProcessingRegister(db, admin);
    expect(register.measures.encryptionAtRest).toEqual({
      enabled: true,
      algorithm: 'AES-256-GCM',
      records: 1,
      sealedRecords: 1,
      persons: 1,
      personKeys: 1,
    });
    const stored = (await db.users.toArray())[0];
    expect(register.measures.keyDerivation).toEqual({
      algorithm: 'PBKDF2-SHA-256',
      minIterations: stored.verifier.iterations,
      maxIterations: stored.verifier.iterations,
      wrappedKeys: 1,
    });
    expect(register.measures.auditLog.keyed).toBe(true);
    const atRest = await measure(db, admin, 'Verschlüsselung der gespeicherten Daten');
    expect(atRest).toMatch(/^aktiv: jeder Datensatz einzeln mit AES-256-GCM versiegelt/);
    expect(atRest).toContain('1 Schlüssel für 1 Personen');
    const kdf = await measure(db, admin, 'Schlüsselableitung');
    expect(kdf).toContain(`PBKDF2-SHA-256 (${stored.verifier.iterations.toLocaleString('de-DE')} Iterationen)`);
    expect(await measure(db, admin, 'Protokollierung')).toContain('HMAC-SHA-256');
  });

  it('says what binds the records kept in plain, and what comparing the tags found when it was made', async () => {
    const { db, admin } = await freshDb();
    const integrity = () => measure(db, admin, 'Schutz vor Änderung außerhalb der Anwendung');
    const tagged = (await collectProcessingRegister(db, admin)).measures.bookTags.tagged;
    // Records, not tags: a user's rights carry a tag of their own besides the record's.
    const settings = (await db.settings.bulkGet([...BOOK_SETTING_KEYS])).filter(Boolean).length;
    expect(tagged).toBe((await db.purposes.count()) + settings + (await db.users.count()) + (await db.groups.count()));
    const whole = await integrity();
    expect(whole).toMatch(
      /^Unverschlüsselte Felder \(Zweck, Status, Fristen\) sind an ihren versiegelten Datensatz gebunden\./,
    );
    expect(whole).toContain('Verwendungszwecke, Einstellungen, Benutzer und Gruppen tragen Prüfwerte (HMAC-SHA-256)');
    expect(whole).toContain('außerhalb der Anwendung geänderte Rechte werden bei der Anmeldung nicht gewährt');
    expect(whole).toContain(`Prüfwerte von ${tagged} Datensätzen beim Erstellen verglichen: unverändert.`);
    // A purpose changed on disk since the sign-in: the document says so, not "unverändert".
    const raw = rawConnection(db);
    const advertising = (await raw.purposes.get('purpose-advertising'))!;
    await raw.purposes.put({ ...advertising, lawfulBasis: 'f' });
    expect(await integrity()).toContain(`verglichen: 1 abweichend (außerhalb der Anwendung geändert`);
    await raw.settings.delete(BOOK_TAGS_KEY);
    expect(await integrity()).toContain('Prüfwerte noch nicht angelegt');
  });

  it('a record lying in plain makes the register say encryption is incomplete, or refuse one it reads', async () => {
    const { db, admin } = await freshDb();
    const person = await savePerson(db, admin, anna(), CONTRACT);
    await savePerson(db, admin, anna(), CONTRACT);
    // Written below the sealing layer, as a tampered database would hold it: a data breach the
    // register counts but does not read…
    const raw = rawConnection(db);
    await raw.breaches.put({ id: 'planted-breach', knownAt: '2026-01-01T00:00:00.000Z' } as never);
    const register = await collectProcessingRegister(db, admin);
    expect(register.measures.encryptionAtRest).toMatchObject({ enabled: false, records: 3, sealedRecords: 2 });
    expect(await measure(db, admin, 'Verschlüsselung der gespeicherten Daten')).toBe(
      'unvollständig: 1 von 3 gespeicherten Datensätzen liegen unverschlüsselt vor.',
    );
    // …and a person it reads: the register is not made, and says which record does not open.
    const { sealed: _sealed, ...plain } = (await raw.persons.get(person.id)) as unknown as Record<string, unknown>;
    await raw.persons.put({ ...plain, lastName: 'Klartext' } as never);
    await expect(collectProcessingRegister(db, admin)).rejects.toMatchObject({
      name: 'SealedRecordError',
      table: 'persons',
      key: person.id,
    });
  });

  it('after the idle lock is changed, the register shows the new time', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    expect(await measure(db, admin, 'Automatische Sperre')).toBe('nach 10 Minuten ohne Eingabe');
    await updatePrivacySettings(db, admin, { idleLockMinutes: 3 });
    expect(await measure(db, admin, 'Automatische Sperre')).toBe('nach 3 Minuten ohne Eingabe');
    const pdf = await renderProcessingRegisterPdf(await collectProcessingRegister(db, admin), 'de', fonts);
    const text = squash((await extractText(pdf.slice(), { mergePages: true })).text);
    expect(text).toContain(squash('nach 3 Minuten ohne Eingabe'));
    expect(text).not.toContain(squash('nach 10 Minuten'));
  });

  it('without a backup it says so; after one it names its date', async () => {
    const { db, admin } = await freshDb();
    expect(await measure(db, admin, 'Datensicherung')).toContain('Es wurde noch keine Sicherung erstellt.');
    await createBackup(db, admin, 'backup passphrase');
    const after = await measure(db, admin, 'Datensicherung');
    expect(after).not.toContain('noch keine Sicherung');
    expect(after).toContain(
      `Letzte Sicherung: ${new Date().toLocaleDateString('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric' })}`,
    );
  });

  it('storage says what the browser reported, and names the sync server once sync is configured', async () => {
    const { db, admin } = await freshDb();
    expect(await measure(db, admin, 'Speicherort', true)).toBe(
      'Lokal im Browser des Geräts (IndexedDB); der Browser hat dauerhafte Speicherung zugesagt (keine Löschung bei Speichermangel). Keine Übertragung an einen Server.',
    );
    expect(await measure(db, admin, 'Speicherort', false)).toContain('nicht dauerhaft');
    expect(await measure(db, admin, 'Speicherort', null)).toContain('meldet er nicht');
    await rawConnection(db).settings.put({ key: 'sync', value: { server: 'https://sync.example.org' } });
    const withSync = await measure(db, admin, 'Speicherort', true);
    expect(withSync).toContain('https://sync.example.org');
    expect(withSync).not.toContain('Keine Übertragung');
  });

  it('the log’s row: being verified before its verdict, and a failed check named in the language, with its entry', async () => {
    const { db, admin } = await freshDb();
    await savePerson(db, admin, anna(), CONTRACT);
    const unchecked = await collectUncheckedRegister(db, admin, new Date('2026-06-01T10:00:00Z'));
    const row = (r: Parameters<typeof measureRows>[1], lang: 'de' | 'en' = 'de') =>
      measureRows(lang, r).find(([name]) => name === (lang === 'de' ? 'Protokollierung' : 'Logging'))?.[1];
    expect(row(unchecked)).toMatch(/^Manipulationsgeschütztes Protokoll aller Änderungen \(.+\); wird geprüft …$/);
    const failed = { ...unchecked.measures.auditLog, checkFailed: true };
    expect(row({ ...unchecked, measures: { ...unchecked.measures, auditLog: failed } })).toMatch(
      /\); die Prüfung konnte nicht durchgeführt werden\.$/,
    );
    const broken = withAuditVerdict(unchecked, { ok: false, entries: 12345, problem: 'removed', seq: 7 });
    expect(row(broken)).toBe(
      `Manipulationsgeschütztes Protokoll (${row(unchecked)!.match(/\((.+)\)/)![1]}), 12.345 Einträge; ` +
        'Prüfung am 01.06.2026 fehlgeschlagen. Protokoll verändert: Eintrag 7 wurde entfernt.',
    );
    expect(row(broken, 'en')).toMatch(
      /12,345 entries; verification on .+ failed\. Audit log altered: entry 7 was removed\.$/,
    );
    expect(row(withAuditVerdict(unchecked, { ok: true, entries: 3 }))).toMatch(
      /3 Einträge; Prüfung am 01\.06\.2026: unverändert\.$/,
    );
  });
});
