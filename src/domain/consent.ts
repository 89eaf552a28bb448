/** Consents (Einwilligungserklärungen) with evidence. */
import type { FieldProblem } from './validation';
import { isFields, isText, isTextList, type RecordProblem } from './recordProblem';

export const CONSENT_CHANNELS = ['written', 'email', 'form', 'verbal'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** Evidence: a stored file, or a link to a logged Kontakt transaction that holds it. */
export type ConsentEvidence =
  | { type: 'file'; fileId: string; fileName: string; mimeType: string; size: number }
  | { type: 'transaction'; transactionId: string }
  | { type: 'none'; note: string };

export interface Consent {
  id: string;
  personId: string;
  purposeIds: string[];
  status: 'given' | 'withdrawn';
  givenAt: string;
  channel: ConsentChannel;
  /** The consent text itself or its version label. */
  text: string;
  /** For verbal consent: who, where, circumstances. */
  channelNote: string;
  evidence: ConsentEvidence;
  withdrawnAt: string | null;
  withdrawalEvidence: ConsentEvidence | null;
  /** Campaign it answered, if any. */
  campaignId: string;
  createdAt: string;
}

/**
 * The purposes a person's data is processed for now: their own purpose first, then those of the
 * consents given and not withdrawn — a withdrawn one's purpose is processed for no longer (it stays
 * on record as a consent). The notice (Art. 13/14) and the Auskunft name these.
 */
export function purposeIdsProcessedFor(
  person: { purposeId: string },
  consents: readonly Pick<Consent, 'status' | 'purposeIds'>[],
): string[] {
  const given = consents.filter((c) => c.status === 'given');
  return [...new Set([person.purposeId, ...given.flatMap((c) => c.purposeIds)].filter(Boolean))];
}

/** A person has consent when at least one consent is given and not withdrawn. */
export function hasValidConsent(consents: readonly Pick<Consent, 'status'>[]): boolean {
  return consents.some((c) => c.status === 'given');
}

/**
 * Art. 7(1): the controller must be able to show the consent — a written, e-mailed or form consent
 * by the document itself (a file, or a logged Kontakt holding it), not only by the user's word that
 * it exists. A verbal consent's note is its record.
 */
export function needsEvidence(channel: ConsentChannel): boolean {
  return channel !== 'verbal';
}

/**
 * A consent in force that cannot be shown: its channel needs evidence and it holds only a note —
 * recorded before evidence was required (stored, restored or received consents stay valid records).
 */
export function isUnproven(c: Pick<Consent, 'status' | 'channel' | 'evidence'>): boolean {
  return c.status === 'given' && needsEvidence(c.channel) && c.evidence.type === 'none';
}

/** What a new consent must name; checked by the command and shown by the form, all at once. */
export interface ConsentDraft {
  purposeIds: readonly string[];
  givenAt: string;
  channel: ConsentChannel;
  channelNote?: string;
  /** A file or a Kontakt holds it (PRODUCT.md §4); a verbal consent's note is its record instead. */
  hasEvidence: boolean;
  confirmedByUser: boolean;
}

/** Every problem of a consent to be recorded, in the form's order (field: purposeIds, givenAt, …). */
export function consentProblems(draft: ConsentDraft): (FieldProblem & { messageKey: `error.${string}` })[] {
  const problems: (FieldProblem & { messageKey: `error.${string}` })[] = [];
  if (draft.purposeIds.length === 0) problems.push({ field: 'purposeIds', messageKey: 'error.consentNoPurpose' });
  if (!draft.givenAt) problems.push({ field: 'givenAt', messageKey: 'error.consentNoDate' });
  if (draft.channel === 'verbal' && !draft.channelNote?.trim())
    problems.push({ field: 'channelNote', messageKey: 'error.consentVerbalNote' });
  if (needsEvidence(draft.channel) && !draft.hasEvidence)
    problems.push({ field: 'evidence', messageKey: 'error.consentNoEvidence' });
  if (!draft.confirmedByUser) problems.push({ field: 'confirmedByUser', messageKey: 'error.consentNotConfirmed' });
  return problems;
}

const DRAFT_PROBLEM_TEXT: Record<string, string> = {
  purposeIds: 'it names no purpose',
  givenAt: 'it has no date',
  channelNote: 'it was given verbally without a note',
};

/** Evidence as stored: a file, a transaction or a note, each naming what it is. */
function isEvidence(e: unknown): boolean {
  if (!isFields(e)) return false;
  if (e.type === 'file') return isText(e.fileId) && isText(e.fileName);
  if (e.type === 'transaction') return isText(e.transactionId);
  return e.type === 'none' && isText(e.note);
}

/**
 * What is wrong with a consent as stored (the first problem): what the form requires of a new one
 * (consentProblems), a known channel and status, evidence, and a withdrawal with its date.
 */
export function consentRecordProblem(c: unknown): RecordProblem | undefined {
  const invalid = (reason: string): RecordProblem => ({ messageKey: 'error.consentInvalid', reason });
  if (!isFields(c)) return invalid('it is not an object');
  if (!isText(c.personId) || !c.personId) return invalid('it names no person');
  if (!isTextList(c.purposeIds) || !isText(c.givenAt) || !isText(c.channelNote) || !isText(c.text))
    return invalid('purposeIds, givenAt, text or channelNote is of the wrong type');
  if (!CONSENT_CHANNELS.includes(c.channel as ConsentChannel)) return invalid('its channel is unknown');
  const draft = consentProblems({
    purposeIds: c.purposeIds,
    givenAt: c.givenAt,
    channel: c.channel as ConsentChannel,
    channelNote: c.channelNote,
    // Stored and received consents are judged by their evidence's shape below: a consent recorded
    // before evidence was required (a note of type 'none') stays valid.
    hasEvidence: true,
    confirmedByUser: true,
  }).at(0);
  if (draft) return { messageKey: draft.messageKey, reason: DRAFT_PROBLEM_TEXT[draft.field] ?? draft.field };
  if (!isEvidence(c.evidence)) return invalid('its evidence is none of file, transaction or note');
  if (c.status === 'given') return !c.withdrawnAt ? undefined : invalid('it is given but has a withdrawal date');
  if (c.status !== 'withdrawn') return invalid('its status is neither given nor withdrawn');
  if (!isText(c.withdrawnAt) || !c.withdrawnAt) return invalid('it is withdrawn without a date');
  if (c.withdrawalEvidence != null && !isEvidence(c.withdrawalEvidence))
    return invalid('its withdrawal evidence is none of file, transaction or note');
  return undefined;
}
