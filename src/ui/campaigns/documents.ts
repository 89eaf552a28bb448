/**
 * The consent-request letters (PDF) and the mail-merge CSV of a campaign, made in the browser for
 * the members who have not answered yet. Loaded with import() on the first click; jsPDF and the
 * fonts only when letters are made (in a worker of their own). The issue is logged with the
 * campaign's id (no names); a cancelled issue is neither downloaded nor logged. Letters go only to
 * members with a postal address: the others are named in the message instead. The CSV keeps
 * everyone — its rows serve e-mail merges too.
 */
import { collectCampaignLetters } from '../../data/queries/campaigns';
import { recordCampaignLettersIssued } from '../../data/commands/campaigns';
import type { Session } from '../../data/core/session';
import { t, type Language, type MessageKey } from '../../i18n/messages';
import { formatNumber } from '../../i18n/locale';
import { hasPostalAddress } from '../../domain/address';
import { displayName } from '../../domain/person';
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

export interface IssuedCampaignLetters extends IssuedCampaignDocument {
  /** List names of pending members left out for want of a postal address; with none at all, no file. */
  withoutAddress: string[];
}

/** Names listed in the message before "and N more". */
const NAMED_AT_MOST = 10;

/**
 * The message after making the letters: how many were made (or that none were), and whom no letter
 * could reach, by their list name.
 */
export function lettersIssuedMessage(lang: Language, made: IssuedCampaignLetters): string {
  const n = (x: number) => formatNumber(lang, x);
  const issued =
    made.count > 0
      ? t(lang, 'ui.campaign.lettersIssued', { file: made.fileName, count: n(made.count) })
      : t(lang, 'ui.campaign.lettersNone');
  const left = made.withoutAddress;
  if (left.length === 0) return issued;
  const shown = left.slice(0, NAMED_AT_MOST).join('; ');
  const names =
    left.length > NAMED_AT_MOST
      ? t(lang, 'ui.campaign.namesMore', { names: shown, count: n(left.length - NAMED_AT_MOST) })
      : shown;
  return `${issued} ${t(lang, 'ui.campaign.lettersNoAddress', { count: n(left.length), names })}`;
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
): Promise<IssuedCampaignLetters | null> {
  const [data, { renderPdf }] = await Promise.all([
    collectCampaignLetters(db, session, campaignId),
    import('../../documents/offThread'),
  ]);
  // A letter whose window holds only a name cannot arrive: such members are named, not written to.
  const persons = data.persons.filter((p) => hasPostalAddress(p));
  const withoutAddress = data.persons.filter((p) => !hasPostalAddress(p)).map((p) => displayName(p));
  if (persons.length === 0) return { fileName: '', count: 0, withoutAddress };
  let bytes: Uint8Array;
  try {
    const input = {
      lang,
      issuedAt: new Date().toISOString(),
      controller: data.controller,
      campaignId,
      purposes: data.purposes,
      persons,
      book: data.book,
    };
    bytes = await renderPdf({ kind: 'consentLetters', input }, { onProgress, signal, nextTurn: nextTask });
  } catch (e) {
    if (signal.aborted) return null;
    throw e;
  }
  if (signal.aborted) return null;
  const name = fileName(lang, 'ui.campaign.file.letters', data.campaign.name, 'pdf');
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), name);
  await recordCampaignLettersIssued(db, session, campaignId, 'pdf', persons.length);
  return { fileName: name, count: persons.length, withoutAddress };
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
  downloadBlob(
    new Blob([campaignCsv(campaignId, data.persons, data.purposes, lang)], { type: 'text/csv;charset=utf-8' }),
    name,
  );
  await recordCampaignLettersIssued(db, session, campaignId, 'csv', data.persons.length);
  return { fileName: name, count: data.persons.length };
}
