// What the documents claim must hold: an expired retention duty is no reason to keep data; the
// processors and the sync operator are recipients (a third-country one a transfer); with GDPR
// support off nothing claims the log; the Auskunft's "complete overview" holds evidence files,
// attachments, campaigns (and refusals) and the person's own requests.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addTransaction,
  collectAccessReport,
  collectProcessingRegister,
  createCampaign,
  createRequest,
  recordCampaignReply,
  recordConsent,
  savePerson,
  updatePrivacySettings,
  withdrawConsent,
} from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { saveRecipient } from '../../src/data/commands/recipients';
import { collectInformationNotice } from '../../src/data/queries/information';
import {
  accessReportInput as inputFromData,
  renderAccessReport,
  type AccessReportData,
} from '../../src/documents/accessReport';
import { informationNoticeInput, informationNoticeSections } from '../../src/documents/informationNotice';
import type { PdfFonts } from '../../src/documents/letter';
import {
  processingRegisterJson,
  renderProcessingRegisterPdf,
  type ProcessingRegisterJson,
} from '../../src/documents/processingRegister';
import { countryZone } from '../../src/domain/countryZone';
import type { BusinessTransaction } from '../../src/domain/transaction';
import { loadLanguage, t } from '../../src/i18n/messages';
import { formatDateTime } from '../../src/i18n/locale';
import { anna, CONTRACT, enterController, freshDb, hostingProcessor, SIGNED_FORM } from './helpers';
import { accessReportInput, nodePdfFonts, pdfText, squash } from './sample-data';

let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

/** The data layer's gathering for the sample person, with overrides. */
function reportData(overrides: Partial<AccessReportData> = {}): AccessReportData {
  const i = accessReportInput('Ada', 'Lovelace');
  return {
    controller: i.controller,
    person: i.person,
    purposes: i.purposes,
    consents: i.consents,
    transactions: i.transactions,
    auditEntries: i.auditEntries,
    retention: { duties: [], deletableFrom: null },
    auditCheckpoint: undefined,
    campaigns: [],
    requests: [],
    gdprSupport: { disabled: false, since: null },
    bookRecipients: { recipients: [], syncServer: null, syncOperatorId: '' },
    ...overrides,
  };
}

const OLD_CALL: BusinessTransaction = {
  id: 'tx-old',
  kind: 'serviceCall',
  date: '2015-03-02',
  title: 'Servicecall S-12: Altanlage',
  personIds: ['person-1'],
  attachment: null,
  createdAt: '2015-03-02T08:00:00.000Z',
};

describe('retention in the Auskunft: an expired duty is no reason to keep the data', () => {
  const ISSUED = '2025-06-02T10:00:00.000Z';

  it('lists only the duties still running on the day of issue', async () => {
    const base = reportData();
    const data = reportData({
      transactions: [...base.transactions, OLD_CALL],
      retention: {
        duties: [
          { source: 'transaction', sourceId: 'tx-old', years: 6, until: '2022-01-01' },
          { source: 'transaction', sourceId: 'tx-2', years: 6, until: '2032-01-01' },
        ],
        deletableFrom: '2032-01-01',
      },
    });
    const input = inputFromData(data, 'de', ISSUED);
    expect(input.retention.reasons).toHaveLength(1);
    expect(input.retention.reasons[0]).toContain('Servicecall S-77');
    const text = await pdfText(await renderAccessReport(input, fonts));
    expect(text).toContain(squash('frühestens ab dem 01.01.2032 möglich'));
    expect(text).toContain(squash(t('de', 'report.retention.reasons')));
    // The expired call is still shown as a transaction, but not as a reason.
    expect(text).toContain(squash('Servicecall S-12: Altanlage'));
    expect(text).not.toContain(squash('01.01.2022'));
  });

  it('once every duty has run out: no reasons, no "at the earliest", erasure no longer blocked', async () => {
    const data = reportData({
      transactions: [OLD_CALL],
      retention: {
        duties: [{ source: 'transaction', sourceId: 'tx-old', years: 6, until: '2022-01-01' }],
        deletableFrom: '2022-01-01',
      },
    });
    const input = inputFromData(data, 'de', ISSUED);
    expect(input.retention.reasons).toEqual([]);
    const text = await pdfText(await renderAccessReport(input, fonts));
    expect(text).toContain(squash(t('de', 'report.retention.expired', { date: '01.01.2022' })));
    expect(text).not.toContain(squash(t('de', 'report.retention.reasons')));
    expect(text).not.toContain(squash('frühestens'));
    // A duty ending on the day of issue has run out too.
    const onTheDay = inputFromData(
      reportData({
        retention: {
          duties: [{ source: 'transaction', sourceId: 'tx-2', years: 6, until: '2025-06-02' }],
          deletableFrom: '2025-06-02',
        },
      }),
      'en',
      ISSUED,
    );
    const en = await pdfText(await renderAccessReport({ ...onTheDay, timeZone: 'Europe/Berlin' }, fonts));
    expect(en).toContain(squash('The retention periods for your data have run out'));
    expect(en).not.toContain(squash('Reasons for keeping the data'));
  });
});

const HOSTING = hostingProcessor();
const MAILER = hostingProcessor({ name: 'Mailer Inc.', country: 'USA', contractDate: '', transferBasis: 'sccs' });

describe('recipients: processors and the sync operator are recipients, a third-country one a transfer', () => {
  it('tells EU/EEA countries from third countries as people type them', () => {
    for (const c of ['Deutschland', 'DE', 'österreich', 'Irland (Dublin)', 'Norway', 'EU', 'España'])
      expect(countryZone(c), c).toBe('eea');
    for (const c of ['USA', 'Schweiz', 'United Kingdom', 'Indien']) expect(countryZone(c), c).toBe('thirdCountry');
    expect(countryZone('  ')).toBe('unknown');
  });

  it('the Verzeichnis names them for each activity and says "keine" only when there are none', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const text = async () =>
      pdfText(await renderProcessingRegisterPdf(await collectProcessingRegister(db, admin), 'de', fonts));
    // Nobody receives anything: the data stay on the device.
    let all = await text();
    expect(all).toContain(squash('Empfänger keine Weitergabe'));
    expect(all).toContain(squash('Übermittlung in Drittländer keine (die Daten bleiben auf dem Gerät)'));

    await saveRecipient(db, admin, HOSTING);
    all = await text();
    expect(all).not.toContain(squash('keine Weitergabe'));
    expect(all).not.toContain(squash('die Daten bleiben auf dem Gerät'));
    expect(all).toContain(squash('Auftragsverarbeiter: Hostinghaus GmbH'));
    expect(all).toContain(squash(t('de', 'register.activity.noTransfersKnown')));

    await saveRecipient(db, admin, MAILER);
    await rawConnection(db).settings.put({ key: 'sync', value: { server: 'https://sync.example.org' } });
    all = await text();
    expect(all).toContain(
      squash('Auftragsverarbeiter: Hostinghaus GmbH, Mailer Inc., Betreiber des Sync-Servers https://sync.example.org'),
    );
    // The transfer with its basis (Art. 30(1)(e)), in the activity's row and in section 3's table.
    expect(all).toContain(
      squash(
        'Übermittlung in Drittländer An Empfänger außerhalb der EU bzw. des EWR: Mailer Inc. (USA) – Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)',
      ),
    );
    expect(all).toContain(
      squash('Mailer Inc. Auftragsverarbeiter USA Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)'),
    );
    expect(all).not.toContain(squash(t('de', 'register.activity.noTransfersKnown')));
  });

  it('the Auskunft names them beside each purpose’s own recipients', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await saveRecipient(db, admin, HOSTING);
    await rawConnection(db).settings.put({ key: 'sync', value: { server: 'https://sync.example.org' } });
    const data = await collectAccessReport(db, admin, p.id);
    const pdf = await renderAccessReport(inputFromData(data, 'de', '2026-06-01T10:00:00.000Z'), fonts);
    expect(await pdfText(pdf)).toContain(
      squash('Auftragsverarbeiter: Hostinghaus GmbH, Betreiber des Sync-Servers https://sync.example.org'),
    );

    // A transfer to a third country: its basis and the copy on request (Art. 15(2)).
    await saveRecipient(db, admin, { ...MAILER, safeguardsNote: 'Modul 2' });
    const withTransfer = await collectAccessReport(db, admin, p.id);
    const text = await pdfText(
      await renderAccessReport(inputFromData(withTransfer, 'de', '2026-06-01T10:00:00.000Z'), fonts),
    );
    expect(text).toContain(
      squash(
        'An Empfänger außerhalb der EU bzw. des EWR: Mailer Inc. (USA) – Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO), Modul 2 Eine Kopie der Garantien erhalten Sie auf Anfrage.',
      ),
    );
  });

  it('the notice (Art. 13/14) names them, the transfer too, and "no further recipients" only when there are none', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const recipients = async (lang: 'de' | 'en' = 'de') =>
      informationNoticeSections(
        informationNoticeInput(await collectInformationNotice(db, p.id), lang, '2026-06-01T10:00:00.000Z'),
      )
        .find((s) => s.heading === t(lang, 'info.section.recipients'))!
        .paragraphs.join('\n');
    expect(await recipients()).toBe(t('de', 'info.recipientsNone'));

    await rawConnection(db).settings.put({ key: 'sync', value: { server: 'https://sync.example.org' } });
    let text = await recipients();
    expect(text).not.toContain(t('de', 'info.recipientsNone'));
    expect(text).toContain('über den Server https://sync.example.org ab');

    await saveRecipient(db, admin, HOSTING);
    await saveRecipient(db, admin, MAILER);
    text = await recipients();
    expect(text).toContain('(Auftragsverarbeiter, Art. 28 DSGVO): Hostinghaus GmbH, Mailer Inc.');
    expect(text).toContain('Drittland) übermittelt, und zwar an: Mailer Inc. (USA).');
    expect(text).not.toContain('Hostinghaus GmbH (Deutschland)');
    // The basis, the absence of an adequacy decision and how to get a copy (Art. 13(1)(f), 14(1)(f)).
    expect(text).toContain(
      'Mailer Inc. (USA): Ein Angemessenheitsbeschluss der EU-Kommission besteht dafür nicht; die Übermittlung stützt sich auf Standardvertragsklauseln der EU-Kommission (Art. 46 Abs. 2 lit. c DSGVO). Eine Kopie erhalten Sie auf Anfrage bei uns.',
    );
    expect(text).not.toContain('teilen wir Ihnen auf Anfrage mit');
    const en = await recipients('en');
    expect(en).toContain('namely to: Mailer Inc. (USA)');
    expect(en).toContain('Mailer Inc. (USA): there is no adequacy decision');

    await saveRecipient(db, admin, { ...MAILER, name: 'Cloud AG', country: 'Schweiz', transferBasis: 'adequacy' });
    await saveRecipient(db, admin, {
      ...MAILER,
      name: 'Survey Ltd',
      country: 'Indien',
      transferBasis: 'derogation',
      safeguardsNote: 'ausdrückliche Einwilligung nach Art. 49 Abs. 1 lit. a.',
    });
    text = await recipients();
    expect(text).toContain(
      'Cloud AG (Schweiz): Für dieses Land besteht ein Angemessenheitsbeschluss der EU-Kommission (Art. 45 DSGVO).',
    );
    expect(text).toContain(
      'Survey Ltd (Indien): Ein Angemessenheitsbeschluss der EU-Kommission und geeignete Garantien (Art. 46 DSGVO) bestehen dafür nicht; die Übermittlung stützt sich auf eine Ausnahme für bestimmte Fälle (Art. 49 DSGVO). Im Einzelnen: ausdrückliche Einwilligung nach Art. 49 Abs. 1 lit. a.',
    );
  });

  it("the notice names the purposes of the consents given beside the person's own, not a withdrawn one's", async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const consent = {
      givenAt: '2026-03-01',
      channel: 'written' as const,
      text: 'v1',
      confirmedByUser: true,
      ...SIGNED_FORM,
    };
    await recordConsent(db, admin, { ...consent, personId: p.id, purposeIds: ['purpose-advertising'] });
    const withdrawn = await recordConsent(db, admin, {
      ...consent,
      personId: p.id,
      purposeIds: ['purpose-address-trade'],
    });
    await withdrawConsent(db, admin, withdrawn.id, { withdrawnAt: '2026-04-01', note: 'per E-Mail' });
    const data = await collectInformationNotice(db, p.id);
    expect(data.purposes.map((x) => x.id)).toEqual([CONTRACT.purposeId, 'purpose-advertising']);
    expect(data.consented).toBe(true);
    const sections = informationNoticeSections(informationNoticeInput(data, 'de', '2026-06-01T10:00:00.000Z'));
    const text = sections.flatMap((s) => s.paragraphs).join('\n');
    expect(text).toContain('Zweck: Werbung.');
    expect(text).not.toContain('Adresshandel');
    expect(text).toContain('Art. 7 Abs. 3 DSGVO');
  });

  it('an entry stored before the transfer basis existed is named "to be checked", the notice offering to tell on request', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const old = { id: 'old', name: 'Old Cloud Inc.', role: 'processor', country: 'USA', contractDate: '' };
    await rawConnection(db).settings.put({ key: 'recipients', value: { old } });
    const register = await pdfText(
      await renderProcessingRegisterPdf(await collectProcessingRegister(db, admin), 'de', fonts),
    );
    expect(register).toContain(squash('Old Cloud Inc. (USA) – Grundlage nicht erfasst, zu prüfen'));
    const notice = informationNoticeSections(
      informationNoticeInput(await collectInformationNotice(db, p.id), 'de', '2026-06-01T10:00:00.000Z'),
    ).find((s) => s.heading === t('de', 'info.section.recipients'))!;
    expect(notice.paragraphs.join('\n')).toContain(
      'Old Cloud Inc. (USA): Ob für dieses Land ein Angemessenheitsbeschluss der EU-Kommission besteht',
    );
  });
});

describe('GDPR support disabled: no document claims the log', () => {
  it('the Auskunft says logging is off, and since when', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const on = await collectAccessReport(db, admin, p.id);
    expect(on.gdprSupport).toEqual({ disabled: false, since: null, offPeriods: [] });

    await updatePrivacySettings(db, admin, { gdprSupportDisabled: true }, 'Testbetrieb');
    const switched = (await db.auditLog.toArray()).at(-1)!;
    expect(switched.fieldKeys).toEqual(['gdprSupportDisabled']);
    const data = await collectAccessReport(db, admin, p.id);
    expect(data.gdprSupport).toEqual({
      disabled: true,
      since: switched.at,
      offPeriods: [{ from: switched.at, to: null }],
    });

    const input = inputFromData(data, 'de', '2026-06-01T10:00:00.000Z');
    const text = await pdfText(await renderAccessReport({ ...input, timeZone: 'Europe/Berlin' }, fonts));
    expect(text).not.toContain(squash(t('de', 'report.audit.intro')));
    expect(text).not.toContain(squash('das Protokoll aller Verarbeitungen'));
    expect(text).toContain(squash(t('de', 'report.access.introLogOff')));
    expect(text).toContain(squash('ist die Protokollierung ausgeschaltet (DSGVO-Programmunterstützung deaktiviert)'));

    // Without a date on record, it says it is off, without one.
    const undated = await pdfText(
      await renderAccessReport({ ...input, lang: 'en', gdprSupport: { disabled: true, since: null } }, fonts),
    );
    expect(undated).toContain(squash(t('en', 'report.audit.off')));
    expect(undated).not.toContain(squash('Every processing of your data is logged'));
  });

  it('the Verzeichnis does not list "a log of every change" as a measure, but that it is off since the switch', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: true });
    const switched = (await db.auditLog.toArray()).at(-1)!;
    const register = await collectProcessingRegister(db, admin, new Date('2026-06-01T10:00:00Z'));
    const off = { disabled: true, since: switched.at, offPeriods: [{ from: switched.at, to: null }] };
    expect(register.gdprSupport).toEqual(off);
    const text = await pdfText(await renderProcessingRegisterPdf(register, 'de', fonts, 'Europe/Berlin'));
    expect(text).not.toContain(squash('Protokoll aller Änderungen'));
    expect(text).toContain(squash('Protokollierung Ausgeschaltet seit dem'));
    expect(text).toContain(squash('Das bis dahin geführte manipulationsgeschützte Protokoll'));
    expect(text).toContain(squash('Prüfung am 01.06.2026: unverändert'));
    const json = JSON.parse(processingRegisterJson(register)) as ProcessingRegisterJson;
    expect(json.gdprSupport).toEqual(off);

    // Switched on again: logged again, but not "every change" — the period off is named.
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: false });
    const switchedOn = (await db.auditLog.toArray()).at(-1)!;
    const again = await collectProcessingRegister(db, admin, new Date('2026-06-01T10:00:00Z'));
    expect(again.gdprSupport.offPeriods).toEqual([{ from: switched.at, to: switchedOn.at }]);
    const on = await pdfText(await renderProcessingRegisterPdf(again, 'de', fonts, 'Europe/Berlin'));
    expect(on).not.toContain(squash('Protokoll aller Änderungen'));
    expect(on).toContain(squash('Manipulationsgeschütztes Protokoll'));
    expect(on).not.toContain(squash('Ausgeschaltet seit'));
    const period = t('de', 'report.offPeriod.between', {
      from: formatDateTime('de', switched.at, 'Europe/Berlin'),
      to: formatDateTime('de', switchedOn.at, 'Europe/Berlin'),
    });
    expect(on).toContain(squash(t('de', 'register.measures.auditOffPeriods', { periods: period })));
    const onJson = JSON.parse(processingRegisterJson(again)) as ProcessingRegisterJson;
    expect(onJson.gdprSupport.offPeriods).toEqual([{ from: switched.at, to: switchedOn.at }]);
  });

  it('the Auskunft names the period logging was off while the person was stored, not the log of every processing', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    // A period off before the person was stored is not theirs.
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: true });
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: false });
    const before = (await db.auditLog.toArray()).slice(-2).map((e) => e.at);
    const p = await savePerson(db, admin, anna(), CONTRACT);

    await updatePrivacySettings(db, admin, { gdprSupportDisabled: true }, 'Wartung');
    const off = (await db.auditLog.toArray()).at(-1)!;
    // No reason asked while off: the edit is stored, and not logged.
    const edited = await savePerson(db, admin, { ...(await db.persons.get(p.id))!, city: 'Köln' });
    expect(edited.version).toBeGreaterThan(p.version);
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: false }, 'Wartung beendet');
    const on = (await db.auditLog.toArray()).at(-1)!;
    // The edit while off left no entry about the person: only their creation is logged.
    const data = await collectAccessReport(db, admin, p.id);
    expect(data.auditEntries.map((e) => e.action)).toEqual(['create']);
    expect(data.gdprSupport).toEqual({
      disabled: false,
      since: null,
      offPeriods: [
        { from: before[0], to: before[1] },
        { from: off.at, to: on.at },
      ],
    });

    for (const lang of ['de', 'en'] as const) {
      const input = inputFromData(data, lang, '2099-06-01T10:00:00.000Z');
      const text = await pdfText(await renderAccessReport({ ...input, timeZone: 'Europe/Berlin' }, fonts));
      const at = (iso: string) => formatDateTime(lang, iso, 'Europe/Berlin');
      expect(text).toContain(squash(t(lang, 'report.access.introLogGaps')));
      expect(text).not.toContain(squash(t(lang, 'report.access.intro')));
      expect(text).toContain(squash(t(lang, 'report.audit.introGaps')));
      expect(text).not.toContain(squash(t(lang, 'report.audit.intro')));
      expect(text).toContain(squash(t(lang, 'report.audit.offPeriods')));
      expect(text).toContain(squash(t(lang, 'report.offPeriod.between', { from: at(off.at), to: at(on.at) })));
    }
    // A period that ended before the person was stored is not named (the test's fall in one minute: moved back).
    const early = { from: '2020-01-06T09:00:00.000Z', to: '2020-01-07T09:00:00.000Z' };
    const moved = { ...data.gdprSupport, offPeriods: [early, ...data.gdprSupport.offPeriods!.slice(1)] };
    const input = inputFromData({ ...data, gdprSupport: moved }, 'de', '2099-06-01T10:00:00.000Z');
    const text = await pdfText(await renderAccessReport({ ...input, timeZone: 'Europe/Berlin' }, fonts));
    expect(text).toContain(squash(t('de', 'report.audit.offPeriods')));
    expect(text).not.toContain(squash('06.01.2020'));
  });
});

describe('the Auskunft is complete: evidence, attachments, campaigns and refusals, own requests', () => {
  it('names evidence and withdrawal evidence, attachments, campaigns with answers and requests', async () => {
    const base = accessReportInput('Ada', 'Lovelace');
    const input = {
      ...base,
      consents: [
        {
          ...base.consents[1],
          withdrawalEvidence: {
            type: 'file' as const,
            fileId: 'file-9',
            fileName: 'widerruf-mail.eml',
            mimeType: 'message/rfc822',
            size: 2048,
          },
        },
        base.consents[0],
        {
          ...base.consents[0],
          id: 'consent-3',
          givenAt: '2025-01-13T10:00:00.000Z',
          evidence: { type: 'transaction' as const, transactionId: 'tx-2' },
        },
      ],
      transactions: [
        {
          ...base.transactions[0],
          attachment: { fileId: 'file-7', fileName: 'auftrag.pdf', mimeType: 'application/pdf', size: 40_000 },
        },
        base.transactions[1],
      ],
      campaigns: [
        {
          name: 'Frühjahrsaktion 2025',
          createdAt: '2025-03-01T09:00:00.000Z',
          purposeIds: ['purpose-advertising'],
          status: 'refused' as const,
          answeredAt: '2025-03-20',
        },
      ],
      requests: [
        {
          id: 'req-1',
          personId: 'person-1',
          kind: 'access' as const,
          receivedAt: '2025-05-20',
          dueDate: '2025-06-20',
          extension: null,
          status: 'inProgress' as const,
          documents: [],
          note: 'Anruf am Empfang',
          closedAt: null,
          createdAt: '2025-05-20T09:00:00.000Z',
        },
        {
          id: 'req-0',
          personId: 'person-1',
          kind: 'erasure' as const,
          receivedAt: '2025-01-10',
          dueDate: '2025-02-10',
          extension: null,
          status: 'rejected' as const,
          documents: [{ kind: 'letter' as const, issuedAt: '2025-01-15T10:00:00.000Z', fileName: 'ablehnung.pdf' }],
          note: '',
          statusReason: 'Aufbewahrungspflicht nach § 147 AO',
          outcome: { action: 'refused' as const, at: '2025-01-15T10:00:00.000Z' },
          closedAt: '2025-01-15T10:00:00.000Z',
          createdAt: '2025-01-10T09:00:00.000Z',
        },
        {
          id: 'req-2',
          personId: 'person-1',
          kind: 'portability' as const,
          receivedAt: '2024-11-04',
          dueDate: '2024-12-04',
          extension: null,
          status: 'done' as const,
          documents: [],
          note: '',
          outcome: { action: 'portabilityExport' as const, at: '2024-11-08T10:00:00.000Z' },
          closedAt: '2024-11-08T10:00:00.000Z',
          createdAt: '2024-11-04T09:00:00.000Z',
        },
      ],
    };
    const text = await pdfText(await renderAccessReport(input, fonts));
    for (const part of [
      // Consent evidence (a file, a logged transaction, a note) and the withdrawal's.
      '„einwilligung.pdf“ (application/pdf, 13 KB)',
      'Servicecall vom 13.01.2025: Servicecall S-77: Thermostat defekt',
      'Kein Dokument: Gesprächsnotiz',
      'Widerruf vom 15.09.2024 „widerruf-mail.eml“ (message/rfc822, 2 KB)',
      // The transaction's attachment.
      'Anhang',
      '„auftrag.pdf“ (application/pdf, 40 KB)',
      // The campaign and the refusal.
      '5. Anfragen nach Ihrer Einwilligung (Aktionen)',
      'Frühjahrsaktion 2025',
      'Abgelehnt am 20.03.2025',
      // The person's own requests.
      '7. Ihre Anfragen nach Art. 15–21 DSGVO',
      'in Bearbeitung, Frist bis 20.06.2025',
      'Anruf am Empfang',
      'Löschung',
      'abgelehnt am 15.01.2025',
      'Aufbewahrungspflicht nach § 147 AO',
      'Schreiben vom 15.01.2025: ablehnung.pdf',
      'Datenübertragbarkeit',
      'erledigt am 08.11.2024 Datenexport ausgegeben am 08.11.2024',
    ])
      expect(text, part).toContain(squash(part));
    // Names and types, never the files' content: the claim says so.
    expect(text).toContain(squash('Gespeicherte Dateien (Nachweise, Anhänge) sind mit Name und Art genannt'));
  });

  it('the data layer gathers the campaigns (with a refusal), their purposes and the requests', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const other = await savePerson(db, admin, anna({ lastName: 'Andere' }), CONTRACT);
    const { campaign } = await createCampaign(db, admin, {
      name: 'Newsletter 2026',
      purposeIds: ['purpose-advertising'],
      personIds: [p.id, other.id],
    });
    await recordCampaignReply(db, admin, campaign.id, p.id, {
      ...SIGNED_FORM,
      type: 'refusal',
      answeredAt: '2026-02-03',
    });
    await createCampaign(db, admin, {
      name: 'Nur die andere',
      purposeIds: ['purpose-advertising'],
      personIds: [other.id],
    });
    await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-05-01', note: 'per Brief' });
    await createRequest(db, admin, { personId: other.id, kind: 'erasure', receivedAt: '2026-05-02' });
    await addTransaction(db, admin, {
      kind: 'contact',
      date: '2026-01-05',
      title: 'Anruf',
      personIds: [p.id],
      attachment: { name: 'notiz.pdf', mimeType: 'application/pdf', data: new TextEncoder().encode('%PDF-1.4 Notiz') },
    });

    const data = await collectAccessReport(db, admin, p.id);
    expect(data.campaigns).toEqual([
      {
        name: 'Newsletter 2026',
        createdAt: campaign.createdAt,
        purposeIds: ['purpose-advertising'],
        status: 'refused',
        answeredAt: '2026-02-03',
      },
    ]);
    expect(data.purposes.map((x) => x.id)).toContain('purpose-advertising');
    expect(data.requests.map((r) => [r.kind, r.note])).toEqual([['access', 'per Brief']]);
    const text = await pdfText(await renderAccessReport(inputFromData(data, 'de', '2026-06-01T10:00:00.000Z'), fonts));
    for (const part of [
      'Newsletter 2026',
      'Abgelehnt am 03.02.2026',
      'per Brief',
      '„notiz.pdf“ (application/pdf, 1 KB)',
    ])
      expect(text, part).toContain(squash(part));
    expect(text).not.toContain(squash('Nur die andere'));
    // The refused purpose is named in the campaign, not listed as a purpose of the processing.
    const purposes = text.slice(
      text.indexOf(squash('3. Verwendungszwecke')),
      text.indexOf(squash('4. Einwilligungen')),
    );
    expect(purposes).not.toContain('Werbung');
  });
});
