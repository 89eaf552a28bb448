/** Consents (Einwilligungserklärungen) with evidence. */

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
