/**
 * The consent-request letters (PDF) and the mail-merge CSV of a campaign, made in the browser for
 * the members who have not answered yet. Loaded with import() on the first click; jsPDF and the
 * fonts only when letters are made (in a worker of their own). The issue is logged with the
 * campaign's id (no names); a cancelled issue is neither downloaded nor logged.
 */
import { collectCampaignLetters } from '../../data/queries/campaigns';
import { recordCampaignLettersIssued } from '../../data/commands/campaigns';
import type { Session } from '../../data/core/session';
import { t, type Language, type MessageKey } from '../../i18n/messages';
import { db } from '../db';
import { downloadBlob, fileSlug } from '../rights/files';
import { localDate } from '../../domain/calendar';
import { nextTask } from '../../data/core/nextTask';
import type { LettersProgress } from '../../documents/pdfJob';

export interface IssuedCampaignDocument {
  fileName: string;
  /** Letters or CSV rows made: one per pending member. */
  count: number;
}

function fileName(lang: Language, prefixKey: MessageKey, campaignName: string, ext: string): string {
  return `${t(lang, prefixKey)}-${fileSlug(campaignName) || 'aktion'}-${localDate()}.${ext}`;
}

/**
 * The letters as a PDF download, made in a worker (documents/offThread.ts; on this thread with a
 * turn between batches where none starts). Cancelled (signal), it returns null: nothing
 * downloaded, nothing logged.
 */
export async function issueCampaignLetters(
  session: Session,
  campaignId: string,
  lang: Language,
  onProgress: (progress: LettersProgress) => void,
  signal: AbortSignal,
): Promise<IssuedCampaignDocument | null> {
  const [data, { renderPdf }] = await Promise.all([
    collectCampaignLetters(db, session, campaignId),
    import('../../documents/offThread'),
  ]);
  let bytes: Uint8Array;
  try {
    const input = {
      lang,
      issuedAt: new Date().toISOString(),
      controller: data.controller,
      campaignId,
      purposes: data.purposes,
      persons: data.persons,
    };
    bytes = await renderPdf({ kind: 'consentLetters', input }, { onProgress, signal, nextTurn: nextTask });
  } catch (e) {
    if (signal.aborted) return null;
    throw e;
  }
  if (signal.aborted) return null;
  const name = fileName(lang, 'ui.campaign.file.letters', data.campaign.name, 'pdf');
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), name);
  await recordCampaignLettersIssued(db, session, campaignId, 'pdf', data.persons.length);
  return { fileName: name, count: data.persons.length };
}

export async function issueCampaignCsv(
  session: Session,
  campaignId: string,
  lang: Language,
): Promise<IssuedCampaignDocument> {
  const [data, { campaignCsv }] = await Promise.all([
    collectCampaignLetters(db, session, campaignId),
    import('../../formats/csv/campaign'),
  ]);
  const name = fileName(lang, 'ui.campaign.file.csv', data.campaign.name, 'csv');
  downloadBlob(new Blob([campaignCsv(data.persons, data.purposes, lang)], { type: 'text/csv;charset=utf-8' }), name);
  await recordCampaignLettersIssued(db, session, campaignId, 'csv', data.persons.length);
  return { fileName: name, count: data.persons.length };
}
