/**
 * The consent-request letters (PDF) and the mail-merge CSV of a campaign, made in the browser for
 * the members who have not answered yet. Loaded with import() on the first click; jsPDF and the
 * fonts only when letters are made (in a worker of their own). The issue is logged with the
 * campaign's id (no names); a cancelled issue is neither downloaded nor logged. Letters go only to
 * members with a postal address: the others are named in the message instead. The CSV keeps
 * everyone else — its rows serve e-mail merges too. Neither holds a member locked, objected or
 * withdrawn from the consent asked for since (collectCampaignLetters): the message names them.
 */
import { collectCampaignLetters } from '../../data/queries/campaigns';
import { recordCampaignLettersIssued } from '../../data/commands/campaigns';
import type { Session } from '../../data/core/session';
import { t, type Language, type MessageKey } from '../../i18n/messages';
import { formatNumber } from '../../i18n/locale';
import { hasPostalAddress } from '../../domain/address';
import { displayName } from '../../domain/person';
import { db } from '../db';
import type { CampaignLeftOutReason } from '../../domain/campaign';
import { LEFT_OUT_REASON_TEXT } from './leftOutReason';
import { downloadBlob, fileSlug } from '../rights/files';
import { localDate } from '../../domain/calendar';
import { nextTask } from '../../data/core/nextTask';
import type { LettersProgress } from '../../documents/pdfJob';

export interface IssuedCampaignDocument {
  fileName: string;
  /** Letters or CSV rows made: one per pending member. */
  count: number;
  /** List names of pending members not written to (locked, objected, withdrew), with the reason. */
  leftOut: { name: string; reason: CampaignLeftOutReason }[];
}

export interface IssuedCampaignLetters extends IssuedCampaignDocument {
  /** List names of pending members left out for want of a postal address; with none at all, no file. */
  withoutAddress: string[];
}

/** Names listed in the message before "and N more". */
const NAMED_AT_MOST = 10;

/** Names joined, the first ten of them ("… and N more"). */
function someNames(lang: Language, names: readonly string[]): string {
  const shown = names.slice(0, NAMED_AT_MOST).join('; ');
  return names.length > NAMED_AT_MOST
    ? t(lang, 'ui.campaign.namesMore', { names: shown, count: formatNumber(lang, names.length - NAMED_AT_MOST) })
    : shown;
}

/** The sentence naming the members not written to and why; '' when there are none. */
export function leftOutMessage(lang: Language, leftOut: IssuedCampaignDocument['leftOut']): string {
  if (leftOut.length === 0) return '';
  const names = someNames(
    lang,
    leftOut.map((l) =>
      t(lang, 'ui.campaign.leftOutName', { name: l.name, reason: t(lang, LEFT_OUT_REASON_TEXT[l.reason]) }),
    ),
  );
  return t(lang, 'ui.campaign.lettersLeftOut', { count: formatNumber(lang, leftOut.length), names });
}

/**
 * The message after making the letters: how many were made (or that none were), whom no letter
 * could reach, by their list name, and who was not written to and why.
 */
export function lettersIssuedMessage(lang: Language, made: IssuedCampaignLetters): string {
  const n = (x: number) => formatNumber(lang, x);
  const issued =
    made.count > 0
      ? t(lang, 'ui.campaign.lettersIssued', { file: made.fileName, count: n(made.count) })
      : t(lang, 'ui.campaign.lettersNone');
  const left = made.withoutAddress;
  const noAddress = left.length
    ? t(lang, 'ui.campaign.lettersNoAddress', { count: n(left.length), names: someNames(lang, left) })
    : '';
  return [issued, noAddress, leftOutMessage(lang, made.leftOut)].filter(Boolean).join(' ');
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
  const leftOut = data.leftOut.map((l) => ({ name: l.name, reason: l.reason }));
  if (persons.length === 0) return { fileName: '', count: 0, withoutAddress, leftOut };
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
  return { fileName: name, count: persons.length, withoutAddress, leftOut };
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
  return {
    fileName: name,
    count: data.persons.length,
    leftOut: data.leftOut.map((l) => ({ name: l.name, reason: l.reason })),
  };
}
