/**
 * The Protokoll's Felder column (DPO review): a settings entry says its area and the changed
 * fields' labels, never a raw key or a bare id; recipients, purposes, users and groups by their
 * current names, a recipient removed since as such; the evidence file deleted with a person as
 * what it is; a consent's purpose by name, as the Auskunft names it. No personal value, ever.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/audit';
import { auditEntry } from '../../src/data/middleware/audit';
import type { Session } from '../../src/data/core/session';
import { loadLanguage, t, type Language } from '../../src/i18n/messages';
import { formatDateTime } from '../../src/i18n/locale';
import type { Translate } from '../../src/ui/i18n';
import { actionText, auditNames, fieldsText, NO_NAMES, type AuditNames } from '../../src/ui/audit/entryFields';
import {
  createCampaign,
  createRequest,
  deletePerson,
  extendRequest,
  recordBreach,
  recordCampaignLettersIssued,
  recordCampaignReply,
  recordConsent,
  recordRegisterIssued,
  savePerson,
  updatePurpose,
} from '../../src/data';
import { removeRecipient, saveRecipient } from '../../src/data/commands/recipients';
import { queryAudit } from '../../src/data/queries/audit';
import { listPurposes } from '../../src/data/queries/purposes';
import { readRecipientsById } from '../../src/data/queries/recipients';
import { usersAndGroups } from '../../src/data/queries/users';
import type { ConsentbookDB } from '../../src/data/db';
import { anna, CONTRACT, enterController, freshDb, hostingProcessor, SIGNED_FORM } from './helpers';

beforeAll(() => loadLanguage('en'));

const trOf = (lang: Language): Translate =>
  Object.assign((key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t(lang, key, params), { lang });
const de = trOf('de');
const en = trOf('en');

/** An entry as the data layer makes one (a settings change unless `fields` say otherwise). */
const ADMIN = { userId: 'u-admin', userName: 'admin', staffNumber: 'P-001' } as Session;
const entry = (fields: Partial<AuditEntry>): AuditEntry => ({
  ...auditEntry({ session: ADMIN }, 'settingsChanged', ''),
  ...fields,
});

const RECIPIENT_ID = 'f304bec3-c847-4a1e-9d7e-2b61c0a1e001';
const names: AuditNames = auditNames({
  recipients: [{ id: RECIPIENT_ID, name: 'Hostinghaus GmbH' }],
  purposes: [{ id: 'purpose-advertising', name: 'Werbung' }],
  users: [{ id: 'u-mia', name: 'Mia' }],
  groups: [{ id: 'g-office', name: 'Büro' }],
});

describe('a book setting', () => {
  it('names the controller and its fields in the form’s order, never a key', () => {
    const keys = ['city', 'country', 'dataProtectionOfficer', 'email', 'name', 'phone', 'postalCode', 'street'];
    const e = entry({ fieldKeys: keys, context: 'settings:controller' });
    expect(fieldsText(de, e, names)).toBe(
      'Verantwortlicher: Name, Straße, PLZ, Ort, Land, E-Mail, Telefon, Datenschutzbeauftragter',
    );
    expect(fieldsText(en, e, names)).toBe(
      'Controller: Name, Street, Postal code, City, Country, E-mail, Phone, Data protection officer',
    );
  });

  it('names the privacy settings, the register’s additions and the sync server’s operator', () => {
    const privacy = entry({ fieldKeys: ['gdprSupportDisabled', 'idleLockMinutes'], context: 'settings:privacy' });
    expect(fieldsText(de, privacy, names)).toBe(
      'Datenschutz-Einstellungen: DSGVO-Programmunterstützung, Automatische Sperre nach (Minuten)',
    );
    const retention = entry({
      fieldKeys: ['backupReminderDays', 'retentionYearsAccountingTransactions'],
      context: 'settings:privacy',
    });
    expect(fieldsText(de, retention, names)).toBe(
      'Datenschutz-Einstellungen: Aufbewahrung von Buchungsbelegen (Jahre), Erinnerung an die Sicherung (Tage)',
    );
    const notes = entry({ fieldKeys: ['activities', 'additionalMeasures'], context: 'settings:registerNotes' });
    expect(fieldsText(de, notes, names)).toBe(
      'Ergänzungen zum Verzeichnis: Verarbeitungstätigkeiten, Weitere Maßnahmen außerhalb der App',
    );
    // One choice: the area says it (the operator's name is the value, which the log does not hold).
    const operator = entry({ fieldKeys: ['recipientId'], context: 'settings:syncOperator' });
    expect(fieldsText(de, operator, names)).toBe('Betreiber des Sync-Servers');
  });

  it('names a recipient by its current name and one removed since as such, never by its id', () => {
    const gone = 'a1b2c3d4-0000-4000-8000-000000000002';
    const e = entry({ fieldKeys: [RECIPIENT_ID, gone], context: 'settings:recipients' });
    expect(fieldsText(de, e, names)).toBe('Empfänger und Auftragsverarbeiter: Hostinghaus GmbH, entfernter Eintrag');
    expect(fieldsText(en, e, names)).toBe('Recipients and processors: Hostinghaus GmbH, removed entry');
    // Before the names are read, or all removed: counted, still no id.
    const both = fieldsText(de, e, NO_NAMES);
    expect(both).toBe('Empfänger und Auftragsverarbeiter: 2 entfernte Einträge');
    expect(both).not.toContain('f304bec3');
  });

  it('shows what a newer version logs as it is: an unknown setting, an unknown field, an unknown area', () => {
    expect(fieldsText(de, entry({ fieldKeys: ['a', 'b'], context: 'settings:newThing' }), names)).toBe(
      'newThing: a, b',
    );
    const controller = entry({ fieldKeys: ['city', 'website'], context: 'settings:controller' });
    expect(fieldsText(de, controller, names)).toBe('Verantwortlicher: Ort, website');
    expect(fieldsText(de, entry({ fieldKeys: ['x'], context: 'future:1' }), names)).toBe('x');
    expect(fieldsText(de, entry({ fieldKeys: ['x'] }), names)).toBe('x');
  });
});

describe('a purpose, a user, a group, a key grant', () => {
  it('names a purpose by its current name, else the name it had, else as a purpose', () => {
    const renamed = entry({ fieldKeys: ['name'], context: 'purpose:purpose-advertising', purposeName: 'Reklame' });
    expect(fieldsText(de, renamed, names)).toBe('Verwendungszweck „Werbung“: Bezeichnung');
    expect(fieldsText(en, renamed, names)).toBe('Purpose “Werbung”: Name');
    const gone = entry({ fieldKeys: ['active', 'retention'], context: 'purpose:p-old', purposeName: 'Messe 2025' });
    expect(fieldsText(de, gone, names)).toBe('Verwendungszweck „Messe 2025“: Aufbewahrung, Aktiv');
    expect(fieldsText(de, entry({ fieldKeys: ['deleted'], context: 'purpose:p-old' }), names)).toBe(
      'Verwendungszweck: gelöscht',
    );
    // A purpose's legitimate interest (basis f) by its label, as the form names it.
    const interest = entry({ fieldKeys: ['legitimateInterest'], context: 'purpose:purpose-advertising' });
    expect(fieldsText(de, interest, names)).toBe('Verwendungszweck „Werbung“: Berechtigtes Interesse');
    expect(fieldsText(en, interest, names)).toBe('Purpose “Werbung”: Legitimate interest');
    const created = ['active', 'createdAt', 'id', 'lawfulBasis', 'name', 'recipients', 'requiresConsent', 'retention'];
    expect(fieldsText(de, entry({ fieldKeys: created, context: 'purpose:purpose-advertising' }), names)).toBe(
      'Verwendungszweck „Werbung“: angelegt',
    );
  });

  it('names users and groups by their current names; one deleted since as a user or a group', () => {
    const changed = entry({ fieldKeys: ['active', 'permissions', 'verifier'], context: 'users:u-mia' });
    expect(fieldsText(de, changed, names)).toBe('Benutzer „Mia“: Aktiv, Einzelrechte, Passphrase');
    expect(fieldsText(en, changed, names)).toBe('User “Mia”: Active, Direct permissions, Passphrase');
    expect(fieldsText(de, entry({ fieldKeys: ['deleted'], context: 'users:u-gone' }), names)).toBe(
      'Benutzer: gelöscht',
    );
    expect(fieldsText(de, entry({ fieldKeys: ['id', 'name', 'permissions'], context: 'groups:g-office' }), names)).toBe(
      'Gruppe „Büro“: angelegt',
    );
    expect(fieldsText(de, entry({ fieldKeys: ['permissions'], context: 'groups:g-gone' }), names)).toBe(
      'Gruppe: Berechtigungen',
    );
  });

  it('says a member’s removal from the team as what happened, not as the record’s fields', () => {
    // team/members.ts removeMember: deactivated, the keys taken, the server account ended, vouched for.
    const keys = ['active', 'dataKey', 'endedAccount', 'keyPair', 'serverAccount', 'vouched'];
    const removal = entry({ fieldKeys: keys, context: 'users:u-mia' });
    expect(fieldsText(de, removal, names)).toBe(
      'Benutzer „Mia“ aus dem Team entfernt (Serverzugang beendet, Schlüssel entzogen, bisherige Änderungen verbürgt)',
    );
    expect(fieldsText(en, removal, names)).toBe(
      'User “Mia” removed from the team (server access ended, keys withdrawn, earlier changes vouched for)',
    );
    // A shared account, which no removal ends; a member deleted since.
    expect(fieldsText(de, entry({ fieldKeys: ['active', 'dataKey', 'keyPair'], context: 'users:u-mia' }), names)).toBe(
      'Benutzer „Mia“ aus dem Team entfernt (Schlüssel entzogen)',
    );
    expect(fieldsText(de, entry({ fieldKeys: keys, context: 'users:u-gone' }), names)).toMatch(
      /^Benutzer aus dem Team entfernt \(/,
    );
    // A member created (with keys and an account), deactivated in the form, rights lowered: as before.
    const created = ['active', 'createdAt', 'dataKey', 'id', 'keyPair', 'name', 'serverAccount', 'verifier'];
    expect(fieldsText(de, entry({ fieldKeys: created, context: 'users:u-mia' }), names)).toBe(
      'Benutzer „Mia“: angelegt',
    );
    expect(fieldsText(de, entry({ fieldKeys: ['active'], context: 'users:u-mia' }), names)).toBe(
      'Benutzer „Mia“: Aktiv',
    );
    expect(fieldsText(de, entry({ fieldKeys: ['permissions', 'vouched'], context: 'users:u-mia' }), names)).toBe(
      'Benutzer „Mia“: Einzelrechte, Verbürgte Änderungen',
    );
  });

  it('names a device’s first tagging of the book a technical step of that device, not a change of settings', () => {
    const bound = entry({ fieldKeys: [], context: 'bookTags:bound' });
    expect(actionText(de, bound)).toBe('Prüfwerte angelegt');
    expect(actionText(en, bound)).toBe('Check values made');
    expect(fieldsText(de, bound, names)).toBe(
      'Prüfwerte der Verwendungszwecke und Einstellungen auf dem Gerät angelegt (es hatte keine: seine erste Anmeldung, oder sie wurden entfernt)',
    );
    // Records found changed outside the app stay a settings change; any other entry its action.
    const found = entry({ fieldKeys: [], context: 'bookTags:purposes/purpose-advertising' });
    expect(actionText(de, found)).toBe('Einstellungen geändert');
    expect(actionText(de, entry({ fieldKeys: ['name'], context: 'users:u-mia' }))).toBe('Einstellungen geändert');
  });

  it('names a member’s refused version an administrator’s device wrote over: whose change, and why', () => {
    const over = (refusal: string) =>
      entry({ action: 'update', personId: 'p1', fieldKeys: ['city'], context: `syncNotTaken:${refusal}:u-mia:mia` });
    expect(actionText(de, over('sync.refused.mayNotChange'))).toBe('Änderung von mia nicht übernommen: Recht entzogen');
    expect(actionText(en, over('sync.refused.mayNotChange'))).toBe('Change by mia not taken over: right taken');
    expect(actionText(de, over('sync.refused.inactiveAuthor'))).toBe(
      'Änderung von mia nicht übernommen: nicht mehr im Team',
    );
    // Another action with such a context is that action.
    expect(actionText(de, { ...over('sync.refused.mayNotChange'), action: 'create' })).toBe(
      actionText(de, entry({ action: 'create' })),
    );
  });

  it('names a key grant by its member and epoch', () => {
    const grant = entry({ fieldKeys: ['keyGrant'], context: 'keyGrants:2:u-mia:key-1' });
    expect(fieldsText(de, grant, names)).toBe('Schlüssel der Epoche 2 für Benutzer „Mia“');
    expect(fieldsText(en, grant, names)).toBe('Key of epoch 2 for user “Mia”');
    // A member deleted since, or an id of another form: a member's key.
    for (const context of ['keyGrants:2:u-gone:key-1', 'keyGrants:odd'])
      expect(fieldsText(de, entry({ fieldKeys: ['keyGrant'], context }), names)).toBe('Schlüssel eines Mitglieds');
  });
});

describe('sync and restore', () => {
  it('says sync was set up without the server’s address, and which backup was restored', () => {
    const sync = fieldsText(de, entry({ context: 'sync:https://user:pw@sync.example.org/book' }), names);
    expect(sync).toBe('Synchronisation eingerichtet');
    const createdAt = '2026-02-01T09:30:00.000Z';
    expect(fieldsText(de, entry({ context: `restore:${createdAt}` }), names)).toBe(
      `Sicherung vom ${formatDateTime('de', createdAt)} wiederhergestellt`,
    );
    const more = entry({ context: `restore:${createdAt}; erased again: 2; sync disconnected` });
    expect(fieldsText(de, more, names)).toBe(
      `Sicherung vom ${formatDateTime('de', createdAt)} wiederhergestellt, 2 seither gelöschte Personen erneut gelöscht, Synchronisation getrennt`,
    );
    expect(fieldsText(de, entry({ context: `restore:${createdAt}; erased again: 1` }), names)).toBe(
      `Sicherung vom ${formatDateTime('de', createdAt)} wiederhergestellt, 1 seither gelöschte Person erneut gelöscht`,
    );
  });
});

describe('a consent’s purposes', () => {
  it('are named as the Auskunft names them; a purpose not found by the entry’s own name, else as a purpose', () => {
    const given = entry({
      action: 'consentGiven',
      personId: 'p1',
      fieldKeys: ['purpose:purpose-advertising', 'purpose:purpose-newsletter', 'purpose:purpose-gone'],
      purposeId: 'purpose-newsletter',
      purposeName: 'Newsletter',
    });
    expect(fieldsText(de, given, names)).toBe('Werbung, Newsletter, Verwendungszweck');
  });
});

describe('stored proof', () => {
  it('names an evidence file, an attachment and a business transaction, never a file’s name', () => {
    const evidence = entry({ action: 'delete', personId: 'p1', context: 'file:file-1' });
    expect(fieldsText(de, evidence, names)).toBe('Nachweis einer Einwilligung');
    expect(fieldsText(en, evidence, names)).toBe('Evidence of a consent');
    expect(fieldsText(de, entry({ action: 'delete', context: 'file:file-2' }), names)).toBe(
      'Anhang eines Geschäftsvorfalls',
    );
    const corrected = entry({ action: 'update', fieldKeys: ['personIds', 'date'], context: 'transaction:tx-1' });
    expect(fieldsText(de, corrected, names)).toBe('Geschäftsvorfall: Datum, Verknüpfte Personen');
  });

  it('names an erased person’s evidence file, whose context went with the person, apart from the tombstone', () => {
    const file = entry({ action: 'delete', personId: 'p1', textKey: 'person', textErased: true });
    expect(fieldsText(de, file, names)).toBe('Nachweis einer Einwilligung');
    const tombstone = entry({ action: 'delete', personId: 'p1', fieldKeys: ['firstName', 'email'] });
    expect(fieldsText(de, tombstone, names)).toBe('Vorname, E-Mail');
    // A tombstone of a person without watched data: no fields, and it is not the file.
    expect(fieldsText(de, entry({ action: 'delete', personId: 'p1', comment: 'Löschung verlangt' }), names)).toBe('');
  });
});

/** The names as the screen reads them (AuditScreen.tsx currentNames). */
async function namesIn(db: ConsentbookDB): Promise<AuditNames> {
  const [recipients, purposes, { users, groups }] = await Promise.all([
    readRecipientsById(db),
    listPurposes(db),
    usersAndGroups(db),
  ]);
  return auditNames({ recipients: recipients.values(), purposes, users, groups });
}

describe('entries as the data layer writes them', () => {
  it('reads the controller, a recipient added and removed, a renamed purpose', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const kept = await saveRecipient(db, admin, hostingProcessor());
    const removed = await saveRecipient(db, admin, hostingProcessor({ name: 'Lettershop AG' }));
    await removeRecipient(db, admin, removed.id);
    const advertising = (await listPurposes(db)).find((p) => p.id === 'purpose-advertising')!;
    await updatePurpose(db, admin, { ...advertising, name: 'Werbung per Post' });
    const log = await queryAudit(db);
    const current = await namesIn(db);
    const shown = log.map((e) => fieldsText(de, e, current));
    expect(shown).toEqual([
      'Verwendungszweck „Werbung per Post“: Bezeichnung',
      'Empfänger und Auftragsverarbeiter: entfernter Eintrag',
      'Empfänger und Auftragsverarbeiter: entfernter Eintrag',
      'Empfänger und Auftragsverarbeiter: Hostinghaus GmbH',
      'Verantwortlicher: Name, Straße, PLZ, Ort, Land, E-Mail',
    ]);
    expect(shown.join()).not.toContain(kept.id);
    expect(shown.join()).not.toContain('München');
  });

  it('names the evidence file deleted with its person', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await recordConsent(db, admin, {
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-03-01',
      channel: 'written',
      text: 'Einwilligung Newsletter, v2',
      confirmedByUser: true,
      ...SIGNED_FORM,
      personId: p.id,
    });
    await deletePerson(db, admin, p.id, { purposeId: '', comment: 'Löschung verlangt' });
    const log = await queryAudit(db);
    const current = await namesIn(db);
    expect(log.map((e) => [e.action, fieldsText(de, e, current)])).toEqual([
      ['delete', expect.stringMatching(/^Anrede, Vorname, Name/)],
      ['delete', 'Nachweis einer Einwilligung'],
      ['consentGiven', 'Werbung'],
      ['create', expect.stringMatching(/^Anrede, Vorname, Name/)],
    ]);
    expect(log.map((e) => fieldsText(de, e, current)).join()).not.toContain('einwilligung.pdf');
  });
});

describe('an entry of "Sonstiges"', () => {
  it("says what was issued or recorded: the register, a campaign's letters or file, a refusal", async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const a = await savePerson(db, admin, anna(), CONTRACT);
    const b = await savePerson(db, admin, anna({ firstName: 'Bea', email: 'bea@example.org' }), CONTRACT);
    const { campaign } = await createCampaign(db, admin, {
      name: 'Newsletter',
      purposeIds: ['purpose-advertising'],
      personIds: [a.id, b.id],
    });
    await recordRegisterIssued(db, admin, 'pdf');
    await recordCampaignLettersIssued(db, admin, campaign.id, 'pdf', 2);
    await recordCampaignLettersIssued(db, admin, campaign.id, 'csv', 1);
    await recordCampaignReply(db, admin, campaign.id, a.id, { type: 'refusal', answeredAt: '2026-05-13' });
    const other = (await queryAudit(db)).filter((e) => e.action === 'other').reverse();
    expect(other.map((e) => fieldsText(de, e, NO_NAMES))).toEqual([
      'Verzeichnis der Verarbeitungstätigkeiten ausgegeben (PDF)',
      'Aktion: Anschreiben ausgegeben (PDF, 2 Personen)',
      'Aktion: Anschreiben ausgegeben (CSV, 1 Person)',
      'Aktion: Einwilligung abgelehnt (Antwort erfasst)',
    ]);
    expect(fieldsText(en, other[0], NO_NAMES)).toBe('Record of processing activities issued (PDF)');
    // One a newer version writes is shown as an empty cell, never as its raw context.
    expect(fieldsText(de, entry({ action: 'other', context: 'future:thing' }), NO_NAMES)).toBe('');
  });
});

describe('a request or a breach', () => {
  it('is logged when entered (who and when: neither record says) and named as what it is, with the fields changed', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const request = await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-11-20' });
    await extendRequest(db, admin, request.id, 2, 'Umfangreiche Unterlagen');
    const breach = await recordBreach(db, admin, {
      knownAt: '2026-11-20T08:00:00.000Z',
      description: 'Tablet verloren',
      dataCategories: '',
      affectedCount: null,
      measures: '',
    });
    const log = (await queryAudit(db)).reverse().slice(1);
    expect(log.map((e) => [e.action, e.personId, e.context])).toEqual([
      ['create', p.id, `request:${request.id}`],
      ['update', p.id, `request:${request.id}`],
      ['create', '', `breach:${breach.id}`],
    ]);
    expect(log.map((e) => fieldsText(de, e, NO_NAMES))).toEqual([
      'Anfrage',
      expect.stringMatching(/^Anfrage: \S/),
      'Datenpanne',
    ]);
    expect(fieldsText(en, log[2], NO_NAMES)).toBe('Data breach');
  });
});
