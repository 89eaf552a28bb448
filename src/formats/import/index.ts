/**
 * The import entry point: bytes of a chosen file in, a preview out (candidates to import,
 * problems per card or row). Pure: nothing is written here; the data layer stores the
 * candidates the user confirms, all in one transaction.
 */
import { decodeImportBytes } from './decode';
import { finishDrafts, fieldsPresentIn, type CandidateOptions } from './candidate';
import { applyCsvMapping, guessCsvMapping, looksLikeCsvHeader } from '../csv/read';
import { readCsv } from '../csv/table';
import { parseVCards } from '../vcard/read';
import { ImportFileError, type CsvMapping, type ImportDraft, type ImportPreview } from './types';
import type { PersonKind } from '../../domain/person';

export * from './types';
export { guessCsvMapping, applyCsvMapping } from '../csv/read';
export { readCsv } from '../csv/table';
export { readVCards, parseVCards, cardToDraft } from '../vcard/read';
export {
  findLikelyDuplicates,
  type CandidateDuplicates,
  type DuplicateReason,
  type ExistingPerson,
} from './duplicates';

/** Larger files are refused before they are read: no address book export comes near this. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface ImportOptions {
  /** Kind for every imported person; 'contact' (Ansprechpartner) by default. */
  kind?: PersonKind;
}

/** A line "BEGIN:VCARD" near the start makes the file a vCard file, whatever its name. */
const VCARD_START = /^[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*$/im;

function preview(
  format: ImportPreview['format'],
  drafts: ImportDraft[],
  parseProblems: ImportPreview['problems'],
  options: CandidateOptions,
): Pick<ImportPreview, 'format' | 'candidates' | 'problems' | 'fieldsPresent'> {
  const { candidates, problems } = finishDrafts(drafts, options);
  const all = [...parseProblems, ...problems].sort((a, b) => a.line - b.line);
  return { format, candidates, problems: all, fieldsPresent: fieldsPresentIn(candidates) };
}

function parse(fileName: string, bytes: Uint8Array, options: ImportOptions): ImportPreview {
  if (bytes.length > MAX_IMPORT_BYTES) {
    const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
    throw new ImportFileError('import.error.tooLarge', { size: mb(bytes.length), max: mb(MAX_IMPORT_BYTES) });
  }
  if (bytes.length === 0) throw new ImportFileError('import.error.empty');
  const { text, encoding, warnings } = decodeImportBytes(bytes);
  if (!text.trim()) throw new ImportFileError('import.error.empty');
  const candidateOptions: CandidateOptions = { fileName, kind: options.kind };

  if (VCARD_START.test(text.slice(0, 4096))) {
    const { drafts, problems } = parseVCards(text);
    return { ...preview('vcard', drafts, problems, candidateOptions), encoding, warnings };
  }
  const table = readCsv(text);
  const mapping = guessCsvMapping(table.headers);
  if (!looksLikeCsvHeader(table, mapping)) throw new ImportFileError('import.error.unknownFormat');
  const drafts = applyCsvMapping(table.rows, mapping, table.headers);
  return {
    ...preview('csv', drafts, table.problems, candidateOptions),
    encoding,
    warnings,
    csv: { headers: table.headers, mapping, rows: table.rows },
  };
}

/**
 * Read an import file into a preview. Throws only ImportFileError (with a message key) when the
 * file as a whole cannot be used; everything wrong with single cards or rows is in `problems`.
 */
export function parseImportFile(fileName: string, bytes: Uint8Array, options: ImportOptions = {}): ImportPreview {
  try {
    return parse(fileName, bytes, options);
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    // A safety net, never expected: the user gets a message, not a stack trace.
    throw new ImportFileError('import.error.unreadable', {
      detail: e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200),
    });
  }
}

/** The preview again after the user changed the CSV column mapping. */
export function remapCsvPreview(
  previous: ImportPreview,
  mapping: CsvMapping,
  fileName: string,
  options: ImportOptions = {},
): ImportPreview {
  if (!previous.csv) throw new Error('remapCsvPreview needs a CSV preview');
  const { headers, rows } = previous.csv;
  const structural = previous.problems.filter((p) => p.messageKey === 'import.problem.unterminatedQuote');
  const drafts = applyCsvMapping(rows, mapping, headers);
  return {
    ...preview('csv', drafts, structural, { fileName, kind: options.kind }),
    encoding: previous.encoding,
    warnings: previous.warnings,
    csv: { headers, mapping, rows },
  };
}
