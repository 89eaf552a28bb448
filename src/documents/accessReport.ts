/**
 * Auskunft nach Art. 15 DSGVO: one person's data, purposes and lawful bases, consents with their
 * evidence, the campaigns that asked them (and their answer or refusal), linked business
 * transactions with their attachments, their own requests (Art. 15–21), source, retention, the
 * audit history, the rights and that no automated decision is made (Art. 15(1)(h)), as a PDF letter. Stored files are named with their type, not copied (a copy on
 * request, Art. 15(3)). Pure: data in, bytes out. The UI lazy-imports this module; fonts come from fonts.ts.
 */
import type { AuditEntry } from '../domain/audit';
import { accessRecipientsText, accessTransfersText, NO_BOOK_RECIPIENTS, type BookRecipients } from './bookRecipients';
import { bookRecipientsFor } from '../domain/recipients';
import type { GdprSupportState } from '../domain/settings';
import type { ChainHead } from '../domain/auditChain';
import { formatCheckpoint } from '../domain/checkpoint';
import { purposeIdsProcessedFor, type Consent } from '../domain/consent';
import { WATCHED_FIELDS } from '../domain/fields';
import { fieldKeyLabel, personSourceLabel } from '../domain/fieldLabels';
import { transactionFieldLabels } from '../domain/transactionFieldLabels';
import { informationDue, informationOf } from '../domain/information';
import { addresseeName, addressLines, joinNonEmpty, recipientLines } from '../domain/address';
import { isNaturalPerson, type Person } from '../domain/person';
import type { Purpose } from '../domain/purpose';
import type { DataSubjectRequest } from '../domain/requests';
import type { RetentionStatus } from '../domain/retention';
import { retentionReasons } from './retentionReasons';
import type { Controller } from '../domain/settings';
import type { BusinessTransaction } from '../domain/transaction';
import { t, textOf, type Language, type MessageKey, type MessageParams } from '../i18n/messages';
import { formatDate, formatDateTime, formatTime } from '../i18n/locale';
import {
  fileText,
  purposeNames,
  writeCampaigns,
  writeEvidence,
  writeRequests,
  type PersonCampaign,
} from './accessReportRecords';
import { controllerSenderLine, createPdfLetter, type PdfFonts, type PdfLetter } from './letter';
import { offPeriodsWithin } from '../domain/loggingOff';
import { formerPurposesOf } from './formerPurposes';
import { dayInZone } from '../domain/calendar';
import { purposeRetentionText } from './purposeRetention';
import { purposeInterestText } from './purposeInterest';
import { endedOffPeriods, offPeriodText } from './offPeriods';

export type { PdfFonts } from './letter';
export type { PersonCampaign } from './accessReportRecords';

export interface AccessReportInput {
  lang: Language;
  /** ISO timestamp of issue. */
  issuedAt: string;
  controller: Controller;
  person: Person;
  /** All purposes, to resolve names and lawful bases. */
  purposes: Purpose[];
  consents: Consent[];
  transactions: BusinessTransaction[];
  auditEntries: AuditEntry[];
  /** `synced`: the book syncs between devices, and the erasure text says what that reaches. */
  retention: { deletableFrom: string | null; reasons: string[]; synced?: boolean };
  /** `code`: the checkpoint string (domain/checkpoint.ts) a person can type into the log check. */
  auditCheckpoint?: { count: number; code: string; at: string };
  /** The campaigns that asked the person (omitted: none). */
  campaigns?: PersonCampaign[];
  /** The person's own requests under Art. 15–21 (omitted: none). */
  requests?: DataSubjectRequest[];
  /** Omitted: GDPR support on, everything logged. */
  gdprSupport?: GdprSupportState;
  /** Who receives the whole book's data (processors, the sync operator); omitted: nobody. */
  bookRecipients?: BookRecipients;
  /** IANA zone for timestamps; the device's zone when omitted. */
  timeZone?: string;
}

/** What the data layer gathers for an Auskunft (collectAccessReport). */
export interface AccessReportData {
  controller: Controller;
  person: Person;
  purposes: Purpose[];
  consents: Consent[];
  transactions: BusinessTransaction[];
  auditEntries: AuditEntry[];
  retention: RetentionStatus;
  auditCheckpoint: ChainHead | undefined;
  /** The book syncs between devices: the erasure text says what that reaches. */
  synced?: boolean;
  campaigns: PersonCampaign[];
  requests: DataSubjectRequest[];
  gdprSupport: GdprSupportState;
  bookRecipients: BookRecipients;
}

/** The Auskunft's input from what the data layer gathered, issued at `issuedAt` (ISO). */
export function accessReportInput(data: AccessReportData, lang: Language, issuedAt: string): AccessReportInput {
  return {
    lang,
    issuedAt,
    controller: data.controller,
    person: data.person,
    purposes: data.purposes,
    consents: data.consents,
    transactions: data.transactions,
    auditEntries: data.auditEntries,
    retention: {
      deletableFrom: data.retention.deletableFrom,
      reasons: retentionReasons(lang, data.retention, data.transactions, data.purposes, dayInZone(issuedAt)),
      synced: data.synced,
    },
    campaigns: data.campaigns,
    bookRecipients: data.bookRecipients,
    requests: data.requests,
    gdprSupport: data.gdprSupport,
    // The checkpoint anchors the audit log outside the device: entries so far, a code to type, when.
    auditCheckpoint: data.auditCheckpoint && {
      count: data.auditCheckpoint.count,
      code: formatCheckpoint({ seq: data.auditCheckpoint.lastSeq, hash: data.auditCheckpoint.hash }),
      at: issuedAt,
    },
  };
}

export async function renderAccessReport(input: AccessReportInput, fonts: PdfFonts): Promise<Uint8Array> {
  const { lang, controller, person } = input;
  const tr = (key: MessageKey, params?: MessageParams) => t(lang, key, params);
  const title = tr('report.access.title');
  const letter = await createPdfLetter({ fonts, lang, title, about: addresseeName(person), controller });

  letter.letterhead();
  letter.addressBlock({ senderLine: controllerSenderLine(controller), recipientLines: recipientLines(person, lang) }, [
    [tr('report.access.issuedAt'), formatDate(lang, input.issuedAt, input.timeZone)],
  ]);
  letter.title(title, tr('report.access.subtitle'));
  letter.keyValueTable([[tr('report.access.dataSubject'), addresseeName(person)]]);
  letter.paragraph(
    tr(
      input.gdprSupport?.disabled
        ? 'report.access.introLogOff'
        : gapsOfPerson(input).length
          ? 'report.access.introLogGaps'
          : 'report.access.intro',
    ),
  );

  const sections: [MessageKey, (l: PdfLetter) => void][] = [
    ['report.access.section.controller', (l) => l.keyValueTable(controllerRows(input))],
    ['report.access.section.personalData', (l) => l.keyValueTable(personalDataRows(input))],
    ['report.access.section.purposes', (l) => writePurposes(l, input)],
    ['report.access.section.consents', (l) => writeConsents(l, input)],
    ['report.access.section.campaigns', (l) => writeCampaigns(l, input)],
    ['report.access.section.transactions', (l) => writeTransactions(l, input)],
    ['report.access.section.requests', (l) => writeRequests(l, input)],
    ['report.access.section.source', (l) => l.keyValueTable(sourceRows(input))],
    ['report.access.section.retention', (l) => writeRetention(l, input)],
    ['report.access.section.audit', (l) => writeAudit(l, input)],
    ['report.access.section.rights', (l) => writeRights(l, lang)],
  ];
  sections.forEach(([key, write], i) => {
    letter.heading(`${i + 1}. ${tr(key)}`);
    write(letter);
  });
  return letter.finish();
}

/** The rights (Art. 15(1)(e), (f)), then what Art. 15(1)(h) asks: no automated decision, in the notice's words. */
function writeRights(letter: PdfLetter, lang: Language): void {
  letter.paragraph(t(lang, 'report.rights.text'));
  letter.paragraph(t(lang, 'info.noAutomatedDecision'));
}

function controllerRows({ lang, controller: c }: AccessReportInput): [string, string][] {
  return [
    [t(lang, 'report.controller.name'), c.name],
    [t(lang, 'report.controller.address'), addressLines(c).join('\n')],
    [t(lang, 'field.email'), c.email],
    [t(lang, 'field.phone'), c.phone],
    [t(lang, 'report.controller.dpo'), c.dataProtectionOfficer],
  ];
}

/** Every watched field by its label, then the unwatched ones: the complete record (Art. 15(1), (3)). */
function personalDataRows({ lang, person: p, purposes, timeZone }: AccessReportInput): [string, string][] {
  const rows: [string, string][] = [];
  for (const field of WATCHED_FIELDS) {
    if (field.kinds && !field.kinds.includes(p.kind) && p.bankAccounts.length === 0) continue;
    let value: string;
    if (field.key === 'furtherPhones') value = p.furtherPhones.join('\n');
    else if (field.key === 'bankAccounts')
      value = p.bankAccounts
        .map((b) =>
          joinNonEmpty('\n', [
            `${t(lang, 'field.iban')}: ${b.iban}`,
            b.bic && `${t(lang, 'field.bic')}: ${b.bic}`,
            b.holder && `${t(lang, 'field.accountHolder')}: ${b.holder}`,
          ]),
        )
        .join('\n\n');
    else value = p[field.key];
    rows.push([t(lang, field.labelKey), value]);
  }
  rows.push(
    [t(lang, 'field.kind'), t(lang, `kind.${p.kind}`)],
    // As the form shows it: a contact is always a natural person, whatever its stored box says.
    [t(lang, 'field.private'), t(lang, isNaturalPerson(p) ? 'report.yes' : 'report.no')],
    [t(lang, 'field.organisation'), p.organisation],
    [t(lang, 'field.position'), p.position],
    [t(lang, 'field.note'), p.note],
    [t(lang, 'field.purposeId'), purposes.find((x) => x.id === p.purposeId)?.name ?? ''],
  );
  if (p.lock)
    rows.push([
      t(lang, 'report.person.lock'),
      t(lang, 'report.person.lockValue', { date: formatDate(lang, p.lock.at, timeZone), reason: p.lock.reason }),
    ]);
  return rows;
}

/** The purposes the data is processed for now (a withdrawn consent's stays in the consents' section). */
function purposesOfPerson({ person, consents, purposes }: AccessReportInput): Purpose[] {
  return purposeIdsProcessedFor(person, consents)
    .map((id) => purposes.find((p) => p.id === id))
    .filter((p): p is Purpose => p !== undefined);
}

const FORMER_UNTIL = {
  withdrawn: 'report.purpose.formerWithdrawn',
  changed: 'report.purpose.formerChanged',
  lastNamed: 'report.purpose.formerLastNamed',
} as const;

function writePurposes(letter: PdfLetter, input: AccessReportInput): void {
  const { lang, timeZone } = input;
  const bookOf = (p: Purpose) => bookRecipientsFor(input.bookRecipients ?? NO_BOOK_RECIPIENTS, [p.id]);
  const column = (key: MessageKey, width?: number) => ({ header: t(lang, key), width });
  // The purpose's own recipients and the book's (processors, the sync operator, others), as the Verzeichnis
  // names them; then the transfers to third countries with their basis (Art. 15(2)).
  const recipients = (p: Purpose) =>
    [accessRecipientsText(lang, p.recipients, bookOf(p)), accessTransfersText(lang, bookOf(p))]
      .filter(Boolean)
      .join('\n');
  const head = [column('field.purposeId', 38), column('report.purpose.basis', 52), column('report.purpose.recipients')];
  // The basis, and on Art. 6(1)(f) the interest pursued (as the notice names it, Art. 13(1)(d)).
  const basis = (p: Purpose) =>
    joinNonEmpty('\n', [t(lang, `basis.${p.lawfulBasis}`), purposeInterestText(lang, p, 'report')]);
  letter.table(
    [...head, column('report.purpose.retention', 30)],
    purposesOfPerson(input).map((p) => [
      p.name,
      basis(p),
      recipients(p),
      // As the Verzeichnis says it; one kept for no longer than its purpose says so too (Art. 15(1)(d)).
      purposeRetentionText(lang, p.retention) || t(lang, 'report.purpose.retentionNone'),
    ]),
    t(lang, 'report.noEntries'),
  );
  // Those it was processed for before: their recipients received the data too (Art. 15(1)(c), (2)).
  const former = formerPurposesOf(input.person, input.consents, input.auditEntries, input.purposes);
  if (!former.length) return;
  letter.paragraph(t(lang, 'report.purpose.former'));
  letter.table(
    [...head, column('report.purpose.formerUntil', 30)],
    former.map(({ purpose: p, ended, at }) => [
      p.name,
      basis(p),
      recipients(p),
      t(lang, FORMER_UNTIL[ended], { date: formatDate(lang, at, timeZone) }),
    ]),
    t(lang, 'report.noEntries'),
  );
}

function writeConsents(letter: PdfLetter, input: AccessReportInput): void {
  const { lang, consents, purposes, timeZone } = input;
  letter.table(
    [
      { header: t(lang, 'report.consent.givenAt'), width: 22 },
      { header: t(lang, 'report.consent.purposes'), width: 30 },
      { header: t(lang, 'report.consent.channel'), width: 26 },
      { header: t(lang, 'report.consent.text') },
      { header: t(lang, 'report.consent.status'), width: 28 },
    ],
    [...consents]
      .sort((a, b) => a.givenAt.localeCompare(b.givenAt))
      .map((c) => [
        formatDate(lang, c.givenAt, timeZone),
        purposeNames(c.purposeIds, purposes),
        joinNonEmpty('\n', [t(lang, `channel.${c.channel}`), c.channelNote]),
        c.text,
        c.status === 'withdrawn' || c.withdrawnAt
          ? t(lang, 'report.consent.withdrawnAt', { date: formatDate(lang, c.withdrawnAt ?? '', timeZone) })
          : t(lang, 'report.consent.valid'),
      ]),
    t(lang, 'report.noEntries'),
  );
  if (consents.length > 0) writeEvidence(letter, input);
}

function writeTransactions(letter: PdfLetter, { lang, transactions, timeZone }: AccessReportInput): void {
  letter.table(
    [
      { header: t(lang, 'report.transaction.date'), width: 24 },
      { header: t(lang, 'report.transaction.kind'), width: 30 },
      { header: t(lang, 'report.transaction.title') },
      { header: t(lang, 'report.transaction.attachment'), width: 50 },
    ],
    [...transactions]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((tx) => [
        formatDate(lang, tx.date, timeZone),
        t(lang, `transaction.${tx.kind}`),
        tx.title,
        tx.attachment ? fileText(lang, tx.attachment) : '',
      ]),
    t(lang, 'report.noEntries'),
  );
}

function sourceRows({ lang, person: p, timeZone }: AccessReportInput): [string, string][] {
  const origin = personSourceLabel(lang, p.source);
  // The information record (Art. 13/14): how the data was obtained, and when and how the person was told.
  const info = informationOf(p);
  return [
    [t(lang, 'report.source.origin'), origin],
    [t(lang, 'report.source.createdAt'), formatDateTime(lang, p.createdAt, timeZone)],
    [t(lang, 'report.source.updatedAt'), formatDateTime(lang, p.updatedAt, timeZone)],
    [
      t(lang, 'report.information.collected'),
      `${formatDate(lang, info.collectedAt)}\n${t(lang, `report.information.source.${info.source}`)}`,
    ],
    [
      t(lang, 'report.information.informed'),
      info.informedAt
        ? t(lang, 'report.information.informedValue', {
            date: formatDate(lang, info.informedAt),
            channel: t(lang, `ui.information.channel.${info.channel ?? 'other'}`),
          })
        : t(lang, 'report.information.notInformed', { date: formatDate(lang, informationDue(info)) }),
    ],
  ];
}

/**
 * The retention duties still running and the day erasure becomes possible. Once every duty has run
 * out (deletableFrom on or before the day of issue) none is a reason to keep the data: the letter
 * says they have expired and lists no reasons.
 */
function writeRetention(letter: PdfLetter, { lang, retention, issuedAt, timeZone }: AccessReportInput): void {
  const expired = retention.deletableFrom !== null && retention.deletableFrom <= dayInZone(issuedAt, timeZone);
  if (retention.deletableFrom === null) {
    letter.paragraph(t(lang, 'report.retention.noDuty'));
  } else if (expired) {
    letter.paragraph(t(lang, 'report.retention.expired', { date: formatDate(lang, retention.deletableFrom) }));
  } else {
    letter.paragraph(t(lang, 'report.retention.deletableFrom', { date: formatDate(lang, retention.deletableFrom) }));
  }
  if (!expired && retention.reasons.length > 0) {
    letter.paragraph(t(lang, 'report.retention.reasons'));
    letter.bullets(retention.reasons);
  }
  letter.paragraph(t(lang, 'report.retention.erasure'));
  if (retention.synced) letter.paragraph(t(lang, 'report.retention.erasureSync'));
}

/**
 * The fields an entry names, as labels: a consent's purposes by name; a change of stored proof
 * (an evidence file, a business transaction: `file:<id>` / `transaction:<id>`) by what it is; a
 * request of the person entered or changed by what it is and the fields changed ("Anfrage: Frist").
 */
function auditFields(lang: Language, e: AuditEntry, { purposes, consents, timeZone }: AccessReportInput): string {
  const proof = /^(file|transaction|request):/.exec(e.context)?.[1] as 'file' | 'transaction' | 'request' | undefined;
  const purposeName = (id: string) => purposes.find((p) => p.id === id)?.name;
  const fields = e.fieldKeys.map((key) => fieldKeyLabel(lang, key, purposeName)).join(', ');
  // A consent the book holds by its date, as section 4 and its evidence name it: a change of it
  // held back is matched to the consent shown there as it stands. One the book does not hold (its
  // recording held back) has no such date to point to: its purposes only.
  const consentId = /^consent:(.+)$/.exec(e.context)?.[1];
  const consent = consentId ? consents.find((c) => c.id === consentId) : undefined;
  if (consent) {
    const named = t(lang, 'report.audit.consentOf', { date: formatDate(lang, consent.givenAt, timeZone) });
    return fields ? `${named}: ${fields}` : named;
  }
  if (!proof) return fields;
  const what = t(lang, `report.audit.proof.${proof}`);
  // A transaction's correction by its own fields' names ("Geschäftsvorfall: Datum, Personen").
  const changed = proof === 'transaction' ? transactionFieldLabels(lang, e.fieldKeys).join(', ') : fields;
  return proof !== 'file' && changed ? `${what}: ${changed}` : what;
}

/**
 * The periods GDPR support was off and is on again while the person was stored (from their record's
 * creation to the issue): the log has gaps there. The one running is said on its own (writeAudit).
 */
function gapsOfPerson({ gdprSupport, person, issuedAt }: AccessReportInput) {
  return offPeriodsWithin(endedOffPeriods(gdprSupport?.offPeriods), person.createdAt, issuedAt);
}

/** The mark of an entry of a change not taken over (domain/heldBack.ts). */
const HELD_BACK_TEXT = {
  held: 'report.audit.heldBack',
  dropped: 'report.audit.heldBackDropped',
  overwritten: 'report.audit.heldBackOverwritten',
} as const;

function writeAudit(letter: PdfLetter, input: AccessReportInput): void {
  const { lang, purposes, timeZone, auditCheckpoint, gdprSupport } = input;
  const gaps = gapsOfPerson(input);
  // With GDPR support off nothing about the person is logged: say so (since when), never "every processing".
  if (gdprSupport?.disabled)
    letter.paragraph(
      gdprSupport.since
        ? t(lang, 'report.audit.offSince', { date: formatDate(lang, gdprSupport.since, timeZone) })
        : t(lang, 'report.audit.off'),
    );
  else letter.paragraph(t(lang, gaps.length ? 'report.audit.introGaps' : 'report.audit.intro'));
  // Earlier periods without logging: the history below has gaps there.
  if (gaps.length) {
    letter.paragraph(t(lang, 'report.audit.offPeriods'));
    letter.bullets(gaps.map((p) => offPeriodText(lang, p, timeZone)));
  }
  // The log's own order is its sequence number; entries without one (not yet stored) go by time.
  const entries = [...input.auditEntries].sort(
    (a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || a.at.localeCompare(b.at),
  );
  letter.table(
    [
      { header: t(lang, 'report.audit.at'), width: 22 },
      { header: t(lang, 'report.audit.user'), width: 25 },
      { header: t(lang, 'report.audit.action'), width: 28 },
      { header: t(lang, 'report.audit.fields'), width: 24 },
      { header: t(lang, 'report.audit.purpose'), width: 28 },
      { header: t(lang, 'report.audit.comment') },
    ],
    entries.map((e) => [
      `${formatDate(lang, e.at, timeZone)}\n${formatTime(lang, e.at, timeZone)}`,
      e.staffNumber ? `${e.userName}\n(${e.staffNumber})` : e.userName,
      e.heldBack
        ? `${textOf(lang, `action.${e.action}`)}\n(${t(lang, HELD_BACK_TEXT[e.heldBack])})`
        : textOf(lang, `action.${e.action}`),
      auditFields(lang, e, input),
      e.purposeName || purposes.find((p) => p.id === e.purposeId)?.name || '',
      e.comment,
    ]),
    t(lang, 'report.noEntries'),
    7.5,
  );
  if (entries.some((e) => e.heldBack && e.heldBack !== 'overwritten'))
    letter.paragraph(t(lang, 'report.audit.heldBackNote'), 8);
  if (entries.some((e) => e.heldBack === 'overwritten'))
    letter.paragraph(t(lang, 'report.audit.heldBackOverwrittenNote'), 8);
  if (auditCheckpoint) {
    letter.paragraph(
      t(lang, 'report.audit.checkpoint', {
        count: auditCheckpoint.count,
        code: auditCheckpoint.code,
        at: formatDateTime(lang, auditCheckpoint.at, timeZone),
      }),
      8,
    );
  }
}
