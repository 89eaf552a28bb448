// The sync server's operator is a processor (Art. 28, 30(1)(d)): an administrator names which
// entered processor it is; the Verzeichnis, the notice and the Auskunft name it with its contract,
// and the book's findings say "Sync-Server-Betreiber ohne Auftragsverarbeitungsvertrag" while sync
// is configured and no contract date is on record.
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectAccessReport, collectProcessingRegister, createUser, savePerson, signIn } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { writeWith } from '../../src/data/write';
import { chooseSyncOperator, saveRecipient } from '../../src/data/commands/recipients';
import { collectBookFindings } from '../../src/data/queries/bookFindings';
import { collectInformationNotice } from '../../src/data/queries/information';
import { Keyring } from '../../src/data/core/crypto/keyring';
import { loadCipher } from '../../src/data/core/crypto/seal';
import { checkDoc } from '../../src/data/sync/check';
import { toDoc } from '../../src/data/sync/docs';
import { bookFindings, syncOperatorFindings } from '../../src/domain/bookFindings';
import type { BookRecipients, Recipient } from '../../src/domain/recipients';
import { EMPTY_CONTROLLER } from '../../src/domain/settings';
import {
  activityRecipientsText,
  bookRecipientsOf,
  noticeRecipientParagraphs,
} from '../../src/documents/bookRecipients';
import { accessReportInput, renderAccessReport } from '../../src/documents/accessReport';
import { informationNoticeInput } from '../../src/documents/informationNotice';
import { processingRegisterJson, renderProcessingRegisterPdf } from '../../src/documents/processingRegister';
import { recipientRows } from '../../src/documents/registerRecipients';
import { loadLanguage } from '../../src/i18n/messages';
import { anna, checkScopeFor, CONTRACT, enterController, freshDb, hostingProcessor, rosterUser } from './helpers';
import { nodePdfFonts } from './sample-data';

const SERVER = 'https://sync.example.org';
const squash = (s: string) => s.replace(/\s+/g, '');

const entry = (fields: Partial<Recipient>): Recipient => hostingProcessor({ id: 'host', ...fields });
const book = (
  recipients: Recipient[],
  syncOperatorId = 'host',
  syncServer: string | null = SERVER,
): BookRecipients => ({
  recipients,
  syncServer,
  syncOperatorId,
});

describe('the finding "Sync-Server-Betreiber ohne Auftragsverarbeitungsvertrag"', () => {
  it('comes with sync configured while no operator is named, or the named one has no contract date', () => {
    expect(syncOperatorFindings(book([], ''))).toEqual([
      { kind: 'syncOperator', server: SERVER, recipientId: '', name: '' },
    ]);
    expect(syncOperatorFindings(book([entry({ contractDate: '' })]))).toEqual([
      { kind: 'syncOperator', server: SERVER, recipientId: 'host', name: 'Hostinghaus GmbH' },
    ]);
    // A named entry removed, or made a recipient since, names nobody.
    expect(syncOperatorFindings(book([], 'host'))).toHaveLength(1);
    expect(syncOperatorFindings(book([entry({ role: 'recipient' })]))).toEqual([
      { kind: 'syncOperator', server: SERVER, recipientId: '', name: '' },
    ]);
  });

  it('goes once the named operator has its contract date, and never comes without sync', () => {
    expect(syncOperatorFindings(book([entry({})]))).toEqual([]);
    expect(syncOperatorFindings(book([entry({ contractDate: '' })], 'host', null))).toEqual([]);
  });

  it("names an operator without a contract once, as the server's operator, not again as a processor", () => {
    const other = entry({ id: 'mail', name: 'Mailer GmbH', contractDate: '' });
    const kinds = bookFindings(EMPTY_CONTROLLER, book([entry({ contractDate: '' }), other])).map((f) => [
      f.kind,
      'recipientId' in f ? f.recipientId : '',
    ]);
    expect(kinds).toEqual([
      ['controller', ''],
      ['contract', 'mail'],
      ['syncOperator', 'host'],
    ]);
    // Without sync the entry's own finding stays.
    expect(
      bookFindings(EMPTY_CONTROLLER, book([entry({ contractDate: '' })], 'host', null)).map((f) => f.kind),
    ).toEqual(['controller', 'contract']);
  });
});

describe("the documents name the sync server's operator and its contract", () => {
  beforeAll(() => loadLanguage('en'));

  it('the Verzeichnis: a row of its own, the activity row with the contract', () => {
    const register = {
      recipients: [entry({}), entry({ id: 'mail', name: 'Mailer GmbH' })],
      syncProcessor: { server: SERVER, operator: entry({}) },
      activities: [],
    };
    expect(recipientRows('de', register)).toEqual([
      [
        `Hostinghaus GmbH, Betreiber des Sync-Servers ${SERVER}`,
        'Auftragsverarbeiter',
        'Deutschland',
        '—',
        'vom 01.03.2025',
      ],
      ['Mailer GmbH', 'Auftragsverarbeiter', 'Deutschland', '—', 'vom 01.03.2025'],
    ]);
    expect(activityRecipientsText('de', '', bookRecipientsOf(register, 'purpose-contract'))).toBe(
      `Auftragsverarbeiter: Mailer GmbH, Hostinghaus GmbH, Betreiber des Sync-Servers ${SERVER} (Auftragsverarbeitungsvertrag vom 01.03.2025)`,
    );
    expect(activityRecipientsText('en', '', book([entry({ contractDate: '' })]))).toBe(
      `Processors: Hostinghaus GmbH, operator of the sync server ${SERVER} (no processing contract recorded)`,
    );
    // None named: the server's row says where to name it.
    const unnamed = { ...register, syncProcessor: { server: SERVER, operator: null } };
    expect(recipientRows('de', unnamed).at(-1)).toEqual([
      `Betreiber des Sync-Servers ${SERVER}`,
      'Auftragsverarbeiter',
      '—',
      '—',
      'kein Vertrag erfasst; Betreiber in den Einstellungen benennen',
    ]);
  });

  it('the notice: who operates the server for us, under which contract — named once', () => {
    const paragraphs = noticeRecipientParagraphs('de', '', book([entry({})]));
    expect(paragraphs).toEqual([
      `Wir gleichen unseren Datenbestand zwischen unseren Geräten über den Server ${SERVER} ab. Ihn betreibt Hostinghaus GmbH in unserem Auftrag und nach unserer Weisung (Auftragsverarbeiter, Art. 28 DSGVO); auf dem Server liegen Ihre Daten nur verschlüsselt. Mit dem Betreiber besteht ein Auftragsverarbeitungsvertrag vom 01.03.2025.`,
    ]);
    const english = noticeRecipientParagraphs('en', '', book([entry({ contractDate: '' })]));
    expect(english).toHaveLength(1);
    expect(english[0]).toContain('It is operated by Hostinghaus GmbH on our behalf');
    expect(english[0]).not.toContain('processing contract');
  });

  it('the register PDF and JSON, the notice and the Auskunft from what the data layer stores', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    await rawConnection(db).settings.put({ key: 'sync', value: { server: SERVER } });
    const host = await saveRecipient(db, admin, entry({ id: '' }));
    await chooseSyncOperator(db, admin, host.id);

    const register = await collectProcessingRegister(db, admin);
    const pdf = await renderProcessingRegisterPdf(register, 'de', nodePdfFonts());
    const text = squash((await extractText(pdf.slice(), { mergePages: true })).text);
    expect(text).toContain(squash('Hostinghaus GmbH, Betreiber des Sync-Servers'));
    expect(text).toContain(squash('(Auftragsverarbeitungsvertrag vom 01.03.2025)'));
    expect(text).not.toContain(squash('Betreiber in den Einstellungen'));
    const json = JSON.parse(processingRegisterJson(register)) as { syncProcessor: unknown };
    expect(json.syncProcessor).toEqual({ server: SERVER, operator: { ...host } });

    const person = await savePerson(db, admin, anna(), CONTRACT);
    const notice = informationNoticeInput(await collectInformationNotice(db, person.id), 'de', '2026-01-01T00:00:00Z');
    expect(notice.book).toEqual({ recipients: [host], syncServer: SERVER, syncOperatorId: host.id });

    const report = await collectAccessReport(db, admin, person.id);
    const access = await renderAccessReport(
      accessReportInput(report, 'de', '2026-03-01T10:00:00.000Z'),
      nodePdfFonts(),
    );
    expect(squash((await extractText(access.slice(), { mergePages: true })).text)).toContain(
      squash(`Hostinghaus GmbH, Betreiber des Sync-Servers ${SERVER} (Auftragsverarbeitungsvertrag vom 01.03.2025)`),
    );
  });
});

describe('naming the operator', () => {
  it('an administrator names an entered processor, logged as a settings change; the finding goes', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    await rawConnection(db).settings.put({ key: 'sync', value: { server: SERVER } });
    expect(await collectBookFindings(db)).toEqual([
      { kind: 'syncOperator', server: SERVER, recipientId: '', name: '' },
    ]);
    const host = await saveRecipient(db, admin, entry({ id: '', contractDate: '' }));
    const tax = await saveRecipient(db, admin, entry({ id: '', name: 'Steuerkanzlei', role: 'recipient' }));
    await expect(chooseSyncOperator(db, admin, tax.id)).rejects.toMatchObject({
      messageKey: 'error.syncOperatorNotProcessor',
    });
    await chooseSyncOperator(db, admin, host.id);
    expect(await collectBookFindings(db)).toEqual([
      { kind: 'syncOperator', server: SERVER, recipientId: host.id, name: 'Hostinghaus GmbH' },
    ]);
    await saveRecipient(db, admin, { ...host, contractDate: '2025-03-01' });
    expect(await collectBookFindings(db)).toEqual([]);
    const logged = (await db.auditLog.toArray()).filter((e) => e.context === 'settings:syncOperator');
    expect(logged.map((e) => [e.action, e.fieldKeys, e.userName])).toEqual([
      ['settingsChanged', ['recipientId'], admin.userName],
    ]);
  });

  it('anyone else is refused by the data layer, even with the right to change the privacy settings', async () => {
    const { db, admin } = await freshDb();
    const host = await saveRecipient(db, admin, entry({ id: '' }));
    await createUser(db, admin, {
      name: 'lea',
      staffNumber: '7',
      passphrase: 'lea passphrase',
      permissions: ['changePrivacySettings'],
    });
    const lea = await signIn(db, 'lea', 'lea passphrase');
    await expect(chooseSyncOperator(db, lea, host.id)).rejects.toMatchObject({
      messageKey: 'error.syncOperatorAdminOnly',
    });
    // A write around the command meets the same rule, and one naming no entry id is refused too.
    await expect(
      writeWith(db, { session: lea }, [db.settings], () =>
        db.settings.put({ key: 'syncOperator', value: { recipientId: host.id } }),
      ),
    ).rejects.toMatchObject({ messageKey: 'error.syncOperatorAdminOnly' });
    await expect(
      writeWith(db, { session: admin }, [db.settings], () =>
        db.settings.put({ key: 'syncOperator', value: { recipientId: 7 } }),
      ),
    ).rejects.toMatchObject({ messageKey: 'error.syncOperatorNotProcessor' });
    expect(await db.settings.get('syncOperator')).toBeUndefined();
  });
});

describe('the choice made on another device', () => {
  beforeAll(loadCipher);

  const user = (id: string, isAdmin: boolean) => rosterUser(id, { isAdmin, permissions: ['changePrivacySettings'] });
  const users = [user('admin', true), user('lea', false)];

  const scopeOf = (keyring: Keyring) => checkScopeFor(keyring, users);

  it('replicates, and is taken from an administrator only (a privacy setting from anyone allowed)', () => {
    const keyring = new Keyring();
    keyring.unlock(new Uint8Array(32).fill(3));
    const doc = (key: string, author: string, value: unknown) =>
      toDoc(keyring, { id: `settings:${key}`, table: 'settings', author, device: 'dev-b' }, { key, value });
    const choice = { recipientId: 'host' };
    expect(checkDoc(scopeOf(keyring), doc('syncOperator', 'admin', choice))).toMatchObject({ kind: 'put' });
    expect(() => checkDoc(scopeOf(keyring), doc('syncOperator', 'lea', choice))).toThrow(/no administrator/);
    expect(checkDoc(scopeOf(keyring), doc('privacy', 'lea', {}))).toMatchObject({ kind: 'put' });
  });
});
