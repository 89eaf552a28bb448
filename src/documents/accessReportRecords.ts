/**
 * The Auskunft's records beside the person's own data (accessReport.ts): the evidence of each
 * consent and withdrawal, the campaigns that asked the person and their answer, and the person's
 * own requests (Art. 15–21) with the documents issued. Stored files are named by name, type and
 * size, never copied. Pure.
 */
import { joinNonEmpty } from '../domain/address';
import type { Campaign, CampaignMember } from '../domain/campaign';
import type { Consent, ConsentEvidence } from '../domain/consent';
import type { Purpose } from '../domain/purpose';
import type { DataSubjectRequest } from '../domain/requests';
import type { BusinessTransaction } from '../domain/transaction';
import { formatDate, formatNumber } from '../i18n/locale';
import { t, type Language } from '../i18n/messages';
import type { PdfLetter } from './letter';
import { dayInZone } from '../domain/calendar';

/** A campaign that asked the person for consent, with the person's answer (or refusal, or none yet). */
export type PersonCampaign = Pick<Campaign, 'name' | 'createdAt' | 'purposeIds'> &
  Pick<CampaignMember, 'status' | 'answeredAt'>;

/** What these records are written from: the Auskunft's input (AccessReportInput) holds it. */
export interface RecordsInput {
  lang: Language;
  consents: Consent[];
  transactions: BusinessTransaction[];
  purposes: Purpose[];
  campaigns?: PersonCampaign[];
  requests?: DataSubjectRequest[];
  /** ISO timestamp of issue: an open request due before that day is overdue. */
  issuedAt?: string;
  timeZone?: string;
}

export function purposeNames(ids: string[], purposes: Purpose[]): string {
  return ids.map((id) => purposes.find((p) => p.id === id)?.name ?? id).join('\n');
}

/** A stored file by name, type and size — never its content. */
export function fileText(lang: Language, f: { fileName: string; mimeType: string; size: number }): string {
  return t(lang, 'report.file', {
    name: f.fileName,
    type: f.mimeType || t(lang, 'report.file.unknownType'),
    size: formatNumber(lang, Math.max(1, Math.ceil(f.size / 1024))),
  });
}

/** What proves a consent or its withdrawal: a file, a logged contact, or a note that there is no document. */
function evidenceText(lang: Language, e: ConsentEvidence, transactions: BusinessTransaction[]): string {
  if (e.type === 'file') return fileText(lang, e);
  if (e.type === 'transaction') {
    const tx = transactions.find((x) => x.id === e.transactionId);
    return tx
      ? t(lang, 'report.evidence.transaction', {
          kind: t(lang, `transaction.${tx.kind}`),
          date: formatDate(lang, tx.date),
          title: tx.title,
        })
      : t(lang, 'report.evidence.transactionGone');
  }
  return joinNonEmpty(': ', [t(lang, 'report.evidence.none'), e.note.trim()]);
}

/** The evidence of each consent and of each withdrawal, by consent date (Art. 7(1): the controller proves consent). */
export function writeEvidence(letter: PdfLetter, { lang, consents, transactions, timeZone }: RecordsInput): void {
  letter.paragraph(t(lang, 'report.evidence.intro'));
  const rows = [...consents]
    .sort((a, b) => a.givenAt.localeCompare(b.givenAt))
    .flatMap((c) => {
      const given = formatDate(lang, c.givenAt, timeZone);
      const out = [[given, t(lang, 'report.evidence.given'), evidenceText(lang, c.evidence, transactions)]];
      if (c.withdrawalEvidence)
        out.push([
          given,
          t(lang, 'report.evidence.withdrawn', { date: formatDate(lang, c.withdrawnAt ?? '', timeZone) }),
          evidenceText(lang, c.withdrawalEvidence, transactions),
        ]);
      return out;
    });
  letter.table(
    [
      { header: t(lang, 'report.evidence.consentOf'), width: 26 },
      { header: t(lang, 'report.evidence.of'), width: 30 },
      { header: t(lang, 'report.evidence.proof') },
    ],
    rows,
    t(lang, 'report.noEntries'),
  );
}

/** The campaigns that asked the person for consent, and their answer: consent, refusal, or none yet. */
export function writeCampaigns(letter: PdfLetter, { lang, campaigns = [], purposes, timeZone }: RecordsInput): void {
  letter.table(
    [
      { header: t(lang, 'report.campaign.askedAt'), width: 24 },
      { header: t(lang, 'report.campaign.name'), width: 44 },
      { header: t(lang, 'report.consent.purposes') },
      { header: t(lang, 'report.campaign.answer'), width: 38 },
    ],
    [...campaigns]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((c) => [
        formatDate(lang, c.createdAt, timeZone),
        c.name,
        purposeNames(c.purposeIds, purposes),
        c.status === 'pending'
          ? t(lang, 'report.campaign.pending')
          : t(lang, c.status === 'refused' ? 'report.campaign.refused' : 'report.campaign.consented', {
              date: formatDate(lang, c.answeredAt ?? '', timeZone),
            }),
      ]),
    t(lang, 'report.noEntries'),
  );
}

/**
 * Where a request stands: open with its due date — past on the day of issue (`today`) said so —,
 * or closed on a date (with what was done).
 */
function requestState(lang: Language, r: DataSubjectRequest, today: string, timeZone?: string): string {
  const status = t(lang, `ui.requests.status.${r.status}`);
  if (r.status === 'open' || r.status === 'inProgress')
    return t(lang, today && r.dueDate < today ? 'report.request.overdue' : 'report.request.due', {
      status,
      date: formatDate(lang, r.dueDate),
    });
  return joinNonEmpty('\n', [
    r.closedAt ? t(lang, 'report.request.closed', { status, date: formatDate(lang, r.closedAt, timeZone) }) : status,
    // What was done; a refusal is the status itself.
    r.outcome && r.outcome.action !== 'refused'
      ? t(lang, `ui.requests.outcome.${r.outcome.action}`, { date: formatDate(lang, r.outcome.at, timeZone) })
      : '',
  ]);
}

/** The person's own requests (Art. 15–21): received, kind, state, the reason and note kept, the documents issued. */
export function writeRequests(letter: PdfLetter, { lang, requests = [], issuedAt, timeZone }: RecordsInput): void {
  const today = issuedAt ? dayInZone(issuedAt, timeZone) : '';
  letter.table(
    [
      { header: t(lang, 'report.request.receivedAt'), width: 22 },
      { header: t(lang, 'report.request.kind'), width: 28 },
      { header: t(lang, 'report.request.state'), width: 40 },
      { header: t(lang, 'report.request.note') },
      { header: t(lang, 'report.request.documents'), width: 40 },
    ],
    [...requests]
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .map((r) => [
        formatDate(lang, r.receivedAt),
        t(lang, `ui.requests.kind.${r.kind}`),
        requestState(lang, r, today, timeZone),
        // An extension's reasons are the person's to know (Art. 12(3)), beside the later due date.
        joinNonEmpty('\n', [
          r.extension
            ? t(lang, `report.request.extended.${r.extension.months}`, { reason: r.extension.reason.trim() })
            : '',
          r.statusReason?.trim() ?? '',
          r.note.trim(),
        ]),
        r.documents
          .map((d) =>
            t(lang, 'report.request.document', {
              kind: t(lang, `ui.requests.doc.${d.kind}`),
              date: formatDate(lang, d.issuedAt, timeZone),
              name: d.fileName,
            }),
          )
          .join('\n'),
      ]),
    t(lang, 'report.noEntries'),
  );
}
