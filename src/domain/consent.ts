/** Consents (Einwilligungserklärungen) with evidence. */
import type { FieldProblem } from './validation';

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

/** A person has consent when at least one consent is given and not withdrawn. */
export function hasValidConsent(consents: readonly Pick<Consent, 'status'>[]): boolean {
  return consents.some((c) => c.status === 'given');
}

/** What a new consent must name; checked by the command and shown by the form, all at once. */
export interface ConsentDraft {
  purposeIds: readonly string[];
  givenAt: string;
  channel: ConsentChannel;
  channelNote?: string;
  confirmedByUser: boolean;
}

/** Every problem of a consent to be recorded, in the form's order (field: purposeIds, givenAt, …). */
export function consentProblems(draft: ConsentDraft): (FieldProblem & { messageKey: `error.${string}` })[] {
  const problems: (FieldProblem & { messageKey: `error.${string}` })[] = [];
  if (draft.purposeIds.length === 0) problems.push({ field: 'purposeIds', messageKey: 'error.consentNoPurpose' });
  if (!draft.givenAt) problems.push({ field: 'givenAt', messageKey: 'error.consentNoDate' });
  if (draft.channel === 'verbal' && !draft.channelNote?.trim())
    problems.push({ field: 'channelNote', messageKey: 'error.consentVerbalNote' });
  if (!draft.confirmedByUser) problems.push({ field: 'confirmedByUser', messageKey: 'error.consentNotConfirmed' });
  return problems;
}
