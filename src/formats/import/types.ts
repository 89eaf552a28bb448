/**
 * Shapes shared by the import parsers. Every message the user may see is a key into the one
 * translation table plus its parameters, so the preview speaks the user's language.
 */
import type { MessageKey } from '../../i18n/messages';
import type { Person, PersonKind, PersonalData } from '../../domain/person';

/** The fields an imported row or card may fill; bank details are split into their parts. */
export const TARGET_FIELDS = [
  'salutation',
  'title',
  'firstName',
  'lastName',
  'street',
  'postalCode',
  'city',
  'country',
  'phone',
  'furtherPhones',
  'fax',
  'email',
  'iban',
  'bic',
  'accountHolder',
  'organisation',
  'position',
  'note',
] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

/**
 * A CSV column may also hold a whole name ("Max Mustermann"), used only when no column gives
 * first or last name, or the row's kind ("Art") and "Privat" (csv/classification.ts).
 */
export type CsvTarget = TargetField | 'fullName' | 'kind' | 'private';

/** What a row itself says about the person's classification; absent where it says nothing. */
export interface RowClassification {
  kind?: PersonKind;
  private?: boolean;
  /**
   * The entry is a company, not a person (a vCard of KIND:org, an iPhone's "show as company", or
   * a card naming only its company): never an Ansprechpartner — in a batch of those it is taken
   * over as a Geschäftspartner, not private.
   */
  company?: boolean;
}

/** Column index → target field; null = column not imported, and so is a column without an entry. */
export type CsvMapping = Partial<Record<number, CsvTarget | null>>;

/** A translatable text: `t(lang, messageKey, params)`. */
export interface ImportMessage {
  messageKey: MessageKey;
  params?: Record<string, string | number>;
}

/** Why a card or row (or a stretch of the file) is not imported. */
export interface ImportProblem extends ImportMessage {
  /** 1-based line in the file where the card or row starts. */
  line: number;
  /** Field key as in FieldProblem ('email', 'furtherPhones.1'), when one field is at fault. */
  field?: string;
  /** Who the card or row is about (display name, shortened), to help the user find it. */
  name?: string;
}

export interface ImportCandidate {
  line: number;
  /** An unsaved person (no id), `source` = 'import:<file name>'. */
  person: Person;
  /** Things not taken over (further e-mail addresses, addresses, name suffixes …). */
  warnings: ImportMessage[];
  /** Fields left out because they failed validation (params.value: what the file said). */
  notTaken: ImportProblem[];
  /** Kind and "Privat" as the row gave them (CSV); the batch's choice applies to the rest. */
  classification?: RowClassification;
}

/** The data fields a card or row yields before validation. */
export type DraftFields = Partial<Omit<PersonalData, 'bankAccounts'>> &
  Partial<Pick<Person, 'organisation' | 'position' | 'note' | 'bankAccounts'>>;

/** A card or row read from the file, not yet validated. */
export interface ImportDraft {
  line: number;
  fields: DraftFields;
  warnings: ImportMessage[];
  classification?: RowClassification;
  /** Why the row cannot be imported as it is (a kind or "Privat" not understood). */
  refused?: ImportProblem[];
}

/** One data row of a CSV file, kept so the user can change the mapping in the preview. */
export interface CsvRow {
  line: number;
  cells: string[];
}

export interface ImportPreview {
  format: 'vcard' | 'csv';
  /** How the bytes were read: 'utf-8', 'utf-16le', 'utf-16be' or 'windows-1252'. */
  encoding: string;
  candidates: ImportCandidate[];
  problems: ImportProblem[];
  /** Target fields that at least one candidate fills, in TARGET_FIELDS order. */
  fieldsPresent: TargetField[];
  /** Notes about the whole file (e.g. read as Windows-1252). */
  warnings: ImportMessage[];
  csv?: { headers: string[]; mapping: CsvMapping; rows: CsvRow[] };
}

/** The whole file cannot be imported (too large, empty, binary, neither vCard nor CSV). */
export class ImportFileError extends Error {
  readonly messageKey: MessageKey;
  readonly params: Record<string, string | number>;

  constructor(messageKey: MessageKey, params: Record<string, string | number> = {}) {
    super(messageKey);
    this.name = 'ImportFileError';
    this.messageKey = messageKey;
    this.params = params;
  }
}

/** Shorten a value quoted back to the user, so a 100,000-character field stays readable. */
export function excerpt(value: string, max = 80): string {
  const v = value.replace(/\s+/g, ' ').trim();
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}
