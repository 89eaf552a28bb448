/**
 * A parsed file's preview sent from the parse worker in parts: one message of 10,000 candidates is
 * unpacked on the main thread in one task of hundreds of milliseconds; parts of 1,000 are a task
 * each, with the page's own work between them. Pure: the worker splits, offThread.ts joins.
 */
import type { CsvRow, ImportCandidate, ImportPreview } from './types';

export const PART = 1000;

export type PreviewPart =
  | { candidates: ImportCandidate[] }
  | { rows: CsvRow[] }
  /** Last: the preview without its candidates and CSV rows, which came before in order. */
  | { preview: ImportPreview };

export function* previewInParts(preview: ImportPreview): Generator<PreviewPart> {
  for (let i = 0; i < preview.candidates.length; i += PART) yield { candidates: preview.candidates.slice(i, i + PART) };
  const rows = preview.csv?.rows ?? [];
  for (let i = 0; i < rows.length; i += PART) yield { rows: rows.slice(i, i + PART) };
  yield {
    preview: { ...preview, candidates: [], ...(preview.csv && { csv: { ...preview.csv, rows: [] } }) },
  };
}

/** Gathers the parts in the order they came; the preview once its last part is in, else undefined. */
export function previewJoiner(): (part: PreviewPart) => ImportPreview | undefined {
  const candidates: ImportCandidate[] = [];
  const rows: CsvRow[] = [];
  return (part) => {
    if ('candidates' in part) for (const c of part.candidates) candidates.push(c);
    else if ('rows' in part) for (const r of part.rows) rows.push(r);
    else {
      const { preview } = part;
      return { ...preview, candidates, ...(preview.csv && { csv: { ...preview.csv, rows } }) };
    }
    return undefined;
  };
}
