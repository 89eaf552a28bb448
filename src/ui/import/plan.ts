/**
 * What the import will write, from the preview and the user's choices: pure, so the dialog and
 * its tests agree on the count shown on the button and the batch handed to importPersons.
 */
import type { Person } from '../../domain/person';
import type { CandidateDuplicates, ExistingPerson, ImportCandidate } from '../../formats/import';

/** A stored person as the duplicate check and the choice list need it: no more than that. */
export interface StoredBrief extends ExistingPerson {
  name: string;
  locked: boolean;
}

/** 'skip', 'import' anyway, or `merge:<stored id>`. */
export type Decision = string;

export const SKIP = 'skip';
export const IMPORT = 'import';
export const mergeDecision = (id: string): Decision => `merge:${id}`;

/**
 * A candidate is a duplicate when it resembles a stored person, or an EARLIER entry of the file:
 * the first of several equal entries is imported like any other, the later ones are asked about.
 */
export function isDuplicate(dups: CandidateDuplicates | undefined, index: number): boolean {
  if (!dups) return false;
  return dups.existing.length > 0 || dups.inFile.some((d) => d.index < index);
}

/**
 * A shared phone number alone (a switchboard, a family's landline) is a weak sign: such a
 * candidate is imported unless the user decides otherwise. The same e-mail address, or the same
 * name at the same postal code, suggests skipping.
 */
export function suggestedDecision(dups: CandidateDuplicates, index: number): Decision {
  const reasons = [...dups.existing, ...dups.inFile.filter((d) => d.index < index)].flatMap((d) => d.reasons);
  return reasons.every((r) => r === 'phone') ? IMPORT : SKIP;
}

/** The decision for candidate `index`: its own, else the one chosen for all, else the suggestion. */
export function chosenDecision(
  decisions: Readonly<Partial<Record<number, Decision>>>,
  forAll: Decision | null,
  dups: CandidateDuplicates,
  index: number,
): Decision {
  return decisions[index] ?? forAll ?? suggestedDecision(dups, index);
}

/** Stored persons a candidate may be merged into: matches that are not locked. */
export function mergeTargets(
  dups: CandidateDuplicates | undefined,
  stored: ReadonlyMap<string, StoredBrief>,
): StoredBrief[] {
  if (!dups) return [];
  return dups.existing.map((e) => stored.get(e.id)).filter((p): p is StoredBrief => Boolean(p && !p.locked));
}

/**
 * The person as imported: "Privat" as its row gave it, else the batch's choice — neither of which
 * a contact (Ansprechpartner, always a natural person) takes: its box is fixed, as on the form, and
 * our own export writes it ticked ("Ja"). The kind was settled when the file was read (the row's,
 * else the batch's): validation depends on it.
 */
export function classifiedPerson(candidate: ImportCandidate, batchPrivate: boolean): Person {
  const { person, classification } = candidate;
  return { ...person, private: person.kind !== 'contact' && (classification?.private ?? batchPrivate) };
}

export interface ImportPlan {
  persons: Person[];
  merges: Array<{ existingId: string; person: Person }>;
  skipped: number;
}

/**
 * The batch: every candidate that is no duplicate, and each duplicate as decided (see
 * chosenDecision; `decisions` and `forAll` are keyed by the candidate's index). A merge into a person no longer among its matches (after the
 * mapping changed) falls back to skipping. New persons are classified by classifiedPerson; a
 * merge keeps the stored person's kind and "Privat".
 */
export function buildPlan(
  candidates: readonly ImportCandidate[],
  duplicates: readonly CandidateDuplicates[],
  stored: ReadonlyMap<string, StoredBrief>,
  decisions: Readonly<Partial<Record<number, Decision>>>,
  forAll: Decision | null,
  batchPrivate = false,
): ImportPlan {
  const plan: ImportPlan = { persons: [], merges: [], skipped: 0 };
  candidates.forEach((c, i) => {
    const dups = duplicates[i];
    if (!isDuplicate(dups, i)) {
      plan.persons.push(classifiedPerson(c, batchPrivate));
      return;
    }
    const decision = effectiveDecision(chosenDecision(decisions, forAll, dups, i), dups, stored);
    if (decision === IMPORT) plan.persons.push(classifiedPerson(c, batchPrivate));
    else if (decision.startsWith('merge:')) plan.merges.push({ existingId: decision.slice(6), person: c.person });
    else plan.skipped++;
  });
  return plan;
}

/**
 * The decision as it can be carried out: "merge" for all means into the first unlocked match by a
 * strong sign (the same e-mail, or name and postal code). A shared phone number alone is a weak
 * one (a family's landline, a switchboard): merging would write this person's name over another's,
 * so such a candidate is imported as a person of its own — a merge there is chosen one by one.
 */
export function effectiveDecision(
  decision: Decision,
  dups: CandidateDuplicates | undefined,
  stored: ReadonlyMap<string, StoredBrief>,
): Decision {
  if (decision === SKIP || decision === IMPORT) return decision;
  const targets = mergeTargets(dups, stored);
  if (decision === 'merge') {
    const strong = targets.find((t) =>
      dups?.existing.some((e) => e.id === t.id && e.reasons.some((r) => r !== 'phone')),
    );
    if (strong) return mergeDecision(strong.id);
    return targets.length ? IMPORT : SKIP;
  }
  return targets.some((t) => mergeDecision(t.id) === decision) ? decision : SKIP;
}
