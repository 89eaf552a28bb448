/**
 * A CSV file's rows as they are written: the delimiter, the header and the data rows with their
 * line numbers (read.ts maps them to persons). Papaparse reads the quoting.
 */
import Papa from 'papaparse';
import { isOwnPersonExport } from './ownExport';
import { restoreFormulas } from './personColumns';
import type { CsvRow, ImportProblem } from '../import/types';

export interface CsvTable {
  headers: string[];
  rows: CsvRow[];
  problems: ImportProblem[];
  delimiter: string;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter that splits the header row most often. Papaparse's own guess needs several
 * rows of equal length and fails on short files or trailing blank lines; exports always have a
 * header, so it decides.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let seenContent = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seenContent) break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    if (ch.trim()) seenContent = true;
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * Rows broken by their quoting that reading goes on after: each is read to the file's end first
 * (so a file broken on every line would be read once per line); after these, the rest is refused.
 */
const RESUMES_MAX = 20;

/**
 * Header and data rows with their line numbers; blank rows are skipped. A quote never closed runs
 * to the end of the file: that row's line is named and reading goes on at the line after it — the
 * rows below were read into the one field and lost without a word.
 */
export function readCsv(text: string): CsvTable {
  const table: CsvTable = { headers: [], rows: [], problems: [], delimiter: detectDelimiter(text) };
  let line = 1;
  let counted = 0;
  let header = true;
  let own = false;
  let resumes = 0;
  const countBreaks = (upTo: number) => {
    for (let i = counted; i < upTo; i++) {
      const ch = text.charCodeAt(i);
      // \r\n counts once, a lone \r (old Mac files) too.
      if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) line++;
    }
    counted = Math.max(counted, upTo);
  };
  /** Reads from `from` to the end, or to a quote never closed: then the offset to go on at. */
  const readFrom = (from: number): number | null => {
    let rowStart = from;
    let resume: number | null = null;
    Papa.parse<string[]>(text.slice(from), {
      delimiter: table.delimiter,
      skipEmptyLines: false,
      step: (result, parser) => {
        if (resume !== null) return;
        countBreaks(rowStart);
        const rowLine = line;
        const start = rowStart;
        rowStart = from + result.meta.cursor;
        const cells = result.data.map((c) => (typeof c === 'string' ? c : ''));
        const lineEnd = result.errors.length ? lineEndFrom(text, start) : -1;
        // Never closed; or "closed" by a quote lines further down, leaving a malformed field that
        // swallowed the rows between (a quoted field's own line breaks come with no error).
        const broken =
          result.errors.some((e) => e.code === 'MissingQuotes') ||
          (result.errors.some((e) => e.code === 'InvalidQuotes') && lineEnd >= 0 && lineEnd < rowStart - 1);
        if (broken) {
          const last = ++resumes > RESUMES_MAX || lineEnd < 0;
          table.problems.push({
            line: rowLine,
            messageKey:
              last && lineEnd >= 0 ? 'import.problem.unterminatedQuoteRest' : 'import.problem.unterminatedQuote',
          });
          if (!last) resume = lineEnd + (text.startsWith('\r\n', lineEnd) ? 2 : 1);
          parser.abort();
          return;
        }
        if (cells.every((c) => !c.trim())) return;
        if (header) {
          table.headers = cells.map((c) => c.replace(/^\uFEFF/, '').trim());
          own = isOwnPersonExport(table.headers);
          header = false;
        } else table.rows.push({ line: rowLine, cells: own ? cells.map(restoreFormulas) : cells });
      },
    });
    return resume;
  };
  for (let at: number | null = 0; at !== null && at < text.length;) at = readFrom(at);
  return table;
}

/** Where the line holding `at` ends (its \r or \n), -1 at the file's end. */
function lineEndFrom(text: string, at: number): number {
  const lf = text.indexOf('\n', at);
  const cr = text.indexOf('\r', at);
  return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}
