/**
 * The compliance worklist (Prüfliste DSGVO, filter "Ohne Einwilligung / Verwendungszweck DSGVO"):
 * every natural person with no business transaction AND no purpose AND no valid consent — the
 * reference product's rule — plus two further lists: consent withdrawn while the person's purpose
 * needs consent, and retention run out (or running out within a warning period).
 */

export type WorklistKind = 'noReason' | 'consentWithdrawn' | 'retentionDue';

export interface WorklistFacts {
  natural: boolean;
  hasTransaction: boolean;
  hasPurpose: boolean;
  hasValidConsent: boolean;
  hasWithdrawnConsent: boolean;
  purposeRequiresConsent: boolean;
  /** First day deletion is allowed (null: no retention duty). */
  deletableFrom: string | null;
}

/** Which lists a person belongs on, on `today` with a warning period up to `warnUntil` (YYYY-MM-DD). */
export function worklistKinds(f: WorklistFacts, today: string, warnUntil: string): WorklistKind[] {
  if (!f.natural) return [];
  const kinds: WorklistKind[] = [];
  if (!f.hasTransaction && !f.hasPurpose && !f.hasValidConsent) kinds.push('noReason');
  if (f.hasPurpose && f.purposeRequiresConsent && f.hasWithdrawnConsent && !f.hasValidConsent)
    kinds.push('consentWithdrawn');
  if (f.hasTransaction && f.deletableFrom !== null && f.deletableFrom <= (warnUntil > today ? warnUntil : today))
    kinds.push('retentionDue');
  return kinds;
}
