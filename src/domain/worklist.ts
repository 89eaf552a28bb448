/**
 * The compliance worklist (Prüfliste DSGVO, filter "Ohne Einwilligung / Verwendungszweck DSGVO"):
 * every natural person with no business transaction AND no purpose AND no valid consent — the
 * reference product's rule — plus two further lists: held for a purpose that needs consent without
 * a valid consent for it (none given, or withdrawn), and retention run out (or running out within
 * a warning period), and not informed about the processing while the deadline of Art. 13/14
 * runs out or is over (information.ts; the list reads the due date from an index).
 */
import type { Consent } from './consent';
import type { Purpose } from './purpose';

export type WorklistKind = 'noReason' | 'consentMissing' | 'retentionDue' | 'notInformed';

/** Why a purpose that needs consent lacks it: never given, or withdrawn (and not given again). */
export type ConsentGap = 'none' | 'withdrawn';

/**
 * The consent gap of a natural person held for `purpose`, or null when there is none: the purpose
 * needs no consent, or a given consent names it. A consent for another purpose does not cover it.
 */
export function consentGap(
  person: { natural: 0 | 1 | boolean; purposeId: string },
  purpose: Pick<Purpose, 'id' | 'requiresConsent'> | undefined,
  consents: readonly Pick<Consent, 'status' | 'purposeIds'>[],
): ConsentGap | null {
  if (!person.natural || !person.purposeId || !purpose?.requiresConsent || purpose.id !== person.purposeId) return null;
  const forPurpose = consents.filter((c) => c.purposeIds.includes(purpose.id));
  if (forPurpose.some((c) => c.status === 'given')) return null;
  return forPurpose.length > 0 ? 'withdrawn' : 'none';
}

export interface WorklistFacts {
  natural: boolean;
  hasTransaction: boolean;
  hasPurpose: boolean;
  hasValidConsent: boolean;
  /** The consent gap of the person's purpose (see consentGap). */
  consentGap: ConsentGap | null;
  /** First day deletion is allowed (null: no retention duty). */
  deletableFrom: string | null;
}

/** Which lists a person belongs on, on `today` with a warning period up to `warnUntil` (YYYY-MM-DD). */
export function worklistKinds(f: WorklistFacts, today: string, warnUntil: string): WorklistKind[] {
  if (!f.natural) return [];
  const kinds: WorklistKind[] = [];
  if (!f.hasTransaction && !f.hasPurpose && !f.hasValidConsent) kinds.push('noReason');
  if (f.hasPurpose && f.consentGap) kinds.push('consentMissing');
  if (f.hasTransaction && f.deletableFrom !== null && f.deletableFrom <= (warnUntil > today ? warnUntil : today))
    kinds.push('retentionDue');
  return kinds;
}
