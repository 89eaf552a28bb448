/**
 * From drafts (what a card or row says) to candidates: tidy the values, build the person and run
 * the same validation as the form. A field that fails it is left out and named (Outlook writes
 * placeholders such as "BusinessPhone" into phone fields); only a draft with no name, e-mail or
 * phone left is refused.
 */
import { displayName, newPerson, type Person, type PersonKind } from '../../domain/person';
import { OTHER_FIELD_MAX_LENGTH, WATCHED_FIELDS } from '../../domain/fields';
import { validatePerson, withoutControls } from '../../domain/validation';
import {
  TARGET_FIELDS,
  excerpt,
  type DraftFields,
  type ImportCandidate,
  type ImportDraft,
  type ImportProblem,
  type RowClassification,
  type TargetField,
} from './types';

export interface CandidateOptions {
  fileName: string;
  /** Kind of the imported persons a row does not classify; 'contact' unless the user picks another for the batch. */
  kind?: PersonKind;
}

const oneLine = (v: string) => withoutControls(v).replace(/\s+/g, ' ').trim();
const multiLine = (v: string) =>
  withoutControls(v)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .trim();

/** Single-line fields lose inner line breaks; only the note keeps them. */
function tidy(fields: DraftFields): DraftFields {
  const out: DraftFields = {};
  for (const [key, value] of Object.entries(fields) as [keyof DraftFields, unknown][]) {
    if (typeof value === 'string')
      (out as Record<string, unknown>)[key] = key === 'note' ? multiLine(value) : oneLine(value);
    else if (key === 'furtherPhones' && Array.isArray(value))
      out.furtherPhones = (value as string[]).map(oneLine).filter(Boolean);
    else if (key === 'bankAccounts' && Array.isArray(value)) {
      out.bankAccounts = (value as Person['bankAccounts'])
        .map((b) => ({ iban: oneLine(b.iban), bic: oneLine(b.bic), holder: oneLine(b.holder) }))
        .filter((b) => b.iban || b.bic || b.holder);
    }
  }
  return out;
}

const MAX_LENGTH: Record<string, number> = {
  ...Object.fromEntries(WATCHED_FIELDS.map((w) => [w.key, w.maxLength])),
  ...OTHER_FIELD_MAX_LENGTH,
};
const clip = (v: string, max: number) => (v.length > max + 1 ? v.slice(0, max + 1) : v);

/**
 * A copy for validation with every over-long value cut to one character past its limit: the
 * length problem is still found, and the format checks never run on 100,000 characters (some
 * patterns backtrack badly on long input).
 */
function clippedForValidation(p: Person): Person {
  const copy: Person = { ...p };
  const record = copy as unknown as Record<string, unknown>;
  for (const [key, max] of Object.entries(MAX_LENGTH)) {
    const value = record[key];
    if (typeof value === 'string') record[key] = clip(value, max);
    else if (key === 'furtherPhones') copy.furtherPhones = p.furtherPhones.map((v) => clip(v, max));
  }
  copy.bankAccounts = p.bankAccounts.map((b) => ({
    iban: clip(b.iban, 42),
    bic: clip(b.bic, 40),
    holder: clip(b.holder, 70),
  }));
  return copy;
}

function hasIdentity(p: Person): boolean {
  return Boolean(p.firstName || p.lastName || p.organisation || p.email || p.phone || p.furtherPhones.length);
}

/** The value a field key ('phone', 'furtherPhones.1', 'bankAccounts.0.iban') names in a person. */
function valueAt(p: Person, field: string): string {
  const [key, index, part] = field.split('.');
  if (key === 'furtherPhones') return p.furtherPhones[Number(index)] ?? '';
  if (key === 'bankAccounts') return p.bankAccounts[Number(index)]?.[part as 'iban' | 'bic' | 'holder'] ?? '';
  const value = (p as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : '';
}

/** The person without the given fields; a bank account with a bad part goes whole. */
function without(p: Person, fields: readonly string[]): Person {
  const out: Person = { ...p };
  const phones = new Set<number>();
  const accounts = new Set<number>();
  for (const field of fields) {
    const [key, index] = field.split('.') as [string, string?];
    if (key === 'furtherPhones') phones.add(Number(index));
    else if (key === 'bankAccounts')
      // 'bankAccounts' alone: the person may hold none (a contact), all go.
      for (const i of index === undefined ? p.bankAccounts.keys() : [Number(index)]) accounts.add(i);
    else (out as unknown as Record<string, unknown>)[key] = '';
  }
  out.furtherPhones = p.furtherPhones.filter((_, i) => !phones.has(i));
  out.bankAccounts = p.bankAccounts.filter((_, i) => !accounts.has(i));
  return out;
}

/** The row's own kind, else the batch's — a company's never Ansprechpartner (a natural person by kind). */
function kindOf(classification: RowClassification | undefined, batch: PersonKind = 'contact'): PersonKind {
  if (classification?.kind) return classification.kind;
  return classification?.company && batch === 'contact' ? 'partner' : batch;
}

export function finishDrafts(
  drafts: readonly ImportDraft[],
  options: CandidateOptions,
): { candidates: ImportCandidate[]; problems: ImportProblem[] } {
  const candidates: ImportCandidate[] = [];
  const problems: ImportProblem[] = [];
  const source = `import:${options.fileName}`;
  for (const draft of drafts) {
    const { classification } = draft;
    // "Privat" from the row when it says so; otherwise the batch's choice, applied by the import plan.
    let person = newPerson(kindOf(classification, options.kind), {
      ...tidy(draft.fields),
      private: classification?.private ?? false,
      source,
    });
    if (draft.refused?.length) {
      const name = excerpt(displayName(person), 60);
      problems.push(...draft.refused.map((p) => ({ ...p, name })));
      continue;
    }
    const notTaken: ImportProblem[] = [];
    // Leaving a field out can make another fail (a postal code without its country): check again.
    let found = validatePerson(clippedForValidation(person));
    for (let round = 0; found.length && round < 3; round++) {
      const name = excerpt(displayName(person), 60);
      for (const f of found) {
        const params = { ...f.params, value: excerpt(valueAt(person, f.field), 40) };
        notTaken.push({ line: draft.line, messageKey: f.messageKey, params, field: f.field, name });
      }
      person = without(
        person,
        found.map((f) => f.field),
      );
      found = validatePerson(clippedForValidation(person));
    }
    if (found.length || !hasIdentity(person)) {
      problems.push({ line: draft.line, messageKey: 'import.problem.noIdentity' }, ...notTaken);
      continue;
    }
    candidates.push({
      line: draft.line,
      person,
      warnings: draft.warnings,
      notTaken,
      ...(classification && { classification }),
    });
  }
  return { candidates, problems };
}

/** Which target fields any candidate fills, for the preview's columns. */
export function fieldsPresentIn(candidates: readonly ImportCandidate[]): TargetField[] {
  const present = new Set<TargetField>();
  for (const { person: p } of candidates) {
    for (const key of TARGET_FIELDS) {
      if (present.has(key)) continue;
      if (key === 'iban' || key === 'bic' || key === 'accountHolder') {
        const part = key === 'accountHolder' ? 'holder' : key;
        if (p.bankAccounts.some((b) => b[part])) present.add(key);
      } else if (key === 'furtherPhones') {
        if (p.furtherPhones.length) present.add(key);
      } else if (p[key]) present.add(key);
    }
  }
  return TARGET_FIELDS.filter((k) => present.has(k));
}
