/**
 * A CSV row's kind ("Art") and "Privat" cells read back: the values the person export writes
 * (write.ts: the kind's label and "Ja"/"Nein" in German, "Yes"/"No" in English) and the usual
 * spellings around them, whatever the case. An empty cell says nothing (the batch's choice
 * applies); any other value is `unknown` and the row is refused by name — a guessed
 * classification would decide wrongly whether the GDPR rules apply to the person.
 *
 * Pure, and with only the domain table of each language (the import runs in a worker).
 */
import { domain as deDomain } from '../../i18n/de/domain';
import { domain as enDomain } from '../../i18n/en/domain';
import { PERSON_KINDS, type PersonKind } from '../../domain/person';
import { excerpt, type ImportDraft, type ImportProblem, type RowClassification } from '../import/types';

/** What a cell says: nothing (empty), a value, or something not understood. */
export type CellValue<T> = { given: false } | { given: true; value: T } | { given: true; unknown: string };

const normalise = (v: string) => v.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

const KINDS = new Map<string, PersonKind>();
for (const kind of PERSON_KINDS) {
  KINDS.set(kind, kind);
  for (const table of [deDomain, enDomain]) KINDS.set(normalise(table[`kind.${kind}`]), kind);
}

/**
 * "Ja"/"Nein" and "Yes"/"No" are what write.ts writes (report.yes/report.no, a table the worker
 * does not load; a test holds the two together); the rest is what people type in a spreadsheet.
 */
const YES = ['ja', 'j', 'yes', 'y', 'x', '1', 'true', 'wahr'];
const NO = ['nein', 'n', 'no', '0', 'false', 'falsch'];
const PRIVATE = new Map<string, boolean>([
  ...YES.map((v) => [v, true] as const),
  ...NO.map((v) => [v, false] as const),
]);

function read<T>(cell: string, values: ReadonlyMap<string, T>): CellValue<T> {
  const key = normalise(cell);
  if (!key) return { given: false };
  const value = values.get(key);
  return value === undefined ? { given: true, unknown: cell.trim() } : { given: true, value };
}

/** The kind a cell names: a label in either language or the stored key ("customer"). */
export const parseKindCell = (cell: string): CellValue<PersonKind> => read(cell, KINDS);

/** Whether a "Privat" cell says yes or no. */
export const parsePrivateCell = (cell: string): CellValue<boolean> => read(cell, PRIVATE);

/**
 * A row's classification from its first kind and "Privat" cells ('' when the row has none): what
 * they say, and a problem naming the value for each one not understood (the row is refused).
 */
export function classifyRow(
  line: number,
  kindCell: string,
  privateCell: string,
): Pick<ImportDraft, 'classification' | 'refused'> {
  const classification: RowClassification = {};
  const refused: ImportProblem[] = [];
  const kind = parseKindCell(kindCell);
  const isPrivate = parsePrivateCell(privateCell);
  if ('value' in kind) classification.kind = kind.value;
  else if ('unknown' in kind) refused.push(unknownCell(line, 'kind', kind.unknown));
  if ('value' in isPrivate) classification.private = isPrivate.value;
  else if ('unknown' in isPrivate) refused.push(unknownCell(line, 'private', isPrivate.unknown));
  return {
    ...(Object.keys(classification).length > 0 && { classification }),
    ...(refused.length > 0 && { refused }),
  };
}

/** A row refused for a cell of Art or Privat that names no known value. */
function unknownCell(line: number, field: 'kind' | 'private', value: string): ImportProblem {
  const messageKey = field === 'kind' ? 'import.problem.unknownKind' : 'import.problem.unknownPrivate';
  return { line, field, messageKey, params: { value: excerpt(value, 40) } };
}
