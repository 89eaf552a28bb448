/**
 * What the import found in one chosen file: count, format and encoding, fields, the first
 * entries, the file's warnings, entries refused, fields not taken over and, for CSV, the column
 * mapping. The dialog shows one of these per file.
 */
import { useMemo } from 'react';
import { displayName } from '../../domain/person';
import type { CsvTarget, ImportMessage, ImportPreview, ImportProblem } from '../../formats/import';
import { formatNumber } from '../../i18n/locale';
import { fieldLabel, useT, type Translate } from '../i18n';
import { MappingTable } from './MappingTable';

/** Long lists are cut: a file with 5,000 broken rows must not make the dialog unusable. */
const LIST_MAX = 100;

const ENCODING_LABEL: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  'windows-1252': 'Windows-1252',
};

function problemText(tr: Translate, p: ImportProblem): string {
  const parts = [p.name, p.field ? fieldLabel(tr, p.field) : ''].filter(Boolean);
  const reason = tr(p.messageKey, p.params);
  return tr('import.problemAt', { line: p.line, reason: parts.length ? `${parts.join(' – ')}: ${reason}` : reason });
}

const messageText = (tr: Translate, m: ImportMessage) => tr(m.messageKey, m.params);
/** Entries refused: a refused card also names the fields it lost, so problems are counted by line. */
const refusedCount = (preview: ImportPreview) => new Set(preview.problems.map((p) => p.line)).size;

interface FilePreviewProps {
  fileName: string;
  preview: ImportPreview;
  /** Ids are unique per file: several previews share the dialog. */
  idPrefix: string;
  onMappingChange: (column: number, target: CsvTarget | null) => void;
  disabled: boolean;
}

export function FilePreview({ fileName, preview, idPrefix, onMappingChange, disabled }: FilePreviewProps) {
  const tr = useT();
  const count = (n: number) => formatNumber(tr.lang, n);
  const refused = refusedCount(preview);
  return (
    <>
      <section className="import-section" aria-label={fileName}>
        <p role="status">
          {tr(preview.candidates.length === 1 ? 'ui.import.foundOne' : 'ui.import.found', {
            file: fileName,
            count: count(preview.candidates.length),
            format: tr(`ui.import.format.${preview.format}`),
            encoding: ENCODING_LABEL[preview.encoding] ?? preview.encoding,
          })}
        </p>
        {preview.candidates.length === 0 && refused === 0 ? (
          // A header and nothing below it: said so ("Keine Felder erkannt" beside a mapping of every column).
          <p role="alert">{tr('ui.import.noEntries')}</p>
        ) : (
          <p>
            {preview.fieldsPresent.length
              ? tr('ui.import.fields', { fields: preview.fieldsPresent.map((k) => tr(`field.${k}`)).join(', ') })
              : tr('ui.import.noFields')}
          </p>
        )}
        {preview.candidates.length > 0 && (
          <>
            <p className="import-examples-title" id={`${idPrefix}-examples`}>
              {tr('ui.import.examples')}
            </p>
            <ul className="import-examples" aria-labelledby={`${idPrefix}-examples`}>
              {preview.candidates.slice(0, 5).map((c) => (
                <li key={c.line}>
                  <strong>{displayName(c.person)}</strong>
                  {c.person.email && c.person.email !== displayName(c.person) && (
                    <span className="muted"> · {c.person.email}</span>
                  )}
                  {c.person.city && <span className="muted"> · {c.person.city}</span>}
                  {(c.classification?.kind || c.classification?.company) && (
                    <span className="muted"> · {tr(`kind.${c.person.kind}`)}</span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {preview.warnings.length > 0 && (
        <div className="warning" role="note" aria-label={tr('ui.import.fileWarnings')}>
          {preview.warnings.map((w, i) => (
            <p key={i}>{messageText(tr, w)}</p>
          ))}
        </div>
      )}

      {preview.problems.length > 0 && (
        <div className="error import-problems" role="alert">
          <p>{refused === 1 ? tr('ui.import.problemsOne') : tr('ui.import.problems', { count: count(refused) })}</p>
          <ul>
            {preview.problems.slice(0, LIST_MAX).map((p, i) => (
              <li key={i}>{problemText(tr, p)}</li>
            ))}
          </ul>
          {preview.problems.length > LIST_MAX && (
            <p>{tr('ui.import.more', { count: preview.problems.length - LIST_MAX })}</p>
          )}
        </div>
      )}

      <CandidateWarnings preview={preview} />

      {preview.csv && (
        <MappingTable
          headers={preview.csv.headers}
          rows={preview.csv.rows}
          mapping={preview.csv.mapping}
          onChange={onMappingChange}
          disabled={disabled}
        />
      )}
    </>
  );
}

function CandidateWarnings({ preview }: { preview: ImportPreview }) {
  const tr = useT();
  const items = useMemo(
    () =>
      preview.candidates.flatMap((c) => [
        // Fields left out first: the card is imported without them.
        // Its value quoted where it has one (a bank account left out whole has none: no „“).
        ...c.notTaken.map((p) => {
          const value = String(p.params?.value ?? '');
          return problemText(tr, {
            ...p,
            messageKey: value ? 'import.notTaken' : 'import.notTakenNoValue',
            params: { value, reason: tr(p.messageKey, p.params) },
          });
        }),
        ...c.warnings.map((w) =>
          tr('import.problemAt', { line: c.line, reason: `${displayName(c.person)}: ${messageText(tr, w)}` }),
        ),
      ]),
    [preview, tr],
  );
  if (items.length === 0) return null;
  return (
    <details className="import-section import-warnings" open={items.length <= 5}>
      <summary>{tr('ui.import.warnings', { count: items.length })}</summary>
      <ul>
        {items.slice(0, LIST_MAX).map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </ul>
      {items.length > LIST_MAX && <p>{tr('ui.import.more', { count: items.length - LIST_MAX })}</p>}
    </details>
  );
}
