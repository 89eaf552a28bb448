/**
 * The CSV column mapping: each header of the file with an example value and the target field,
 * prefilled by the guess. Columns empty in every row are hidden at first (Outlook writes ~90).
 */
import { useId, useMemo, useState } from 'react';
import { TARGET_FIELDS, excerpt, type CsvMapping, type CsvRow, type CsvTarget } from '../../formats/import';
import { useT } from '../i18n';

interface MappingTableProps {
  headers: readonly string[];
  rows: readonly CsvRow[];
  mapping: CsvMapping;
  onChange: (column: number, target: CsvTarget | null) => void;
  disabled?: boolean;
}

/** Every field a column may fill; Art and Privat classify the row (the batch's choice applies to the rest). */
const TARGETS: readonly CsvTarget[] = [...TARGET_FIELDS, 'fullName', 'kind', 'private'];

/** The first non-empty value of each column ('' when the column is empty in every row). */
function samples(headers: readonly string[], rows: readonly CsvRow[]): string[] {
  const out = headers.map(() => '');
  let missing = headers.length;
  for (const row of rows) {
    if (missing === 0) break;
    row.cells.forEach((cell, i) => {
      if (i < out.length && !out[i] && cell.trim()) {
        out[i] = excerpt(cell, 40);
        missing--;
      }
    });
  }
  return out;
}

export function MappingTable({ headers, rows, mapping, onChange, disabled }: MappingTableProps) {
  const tr = useT();
  const [showAll, setShowAll] = useState(false);
  // One table per chosen CSV file: ids unique within the dialog.
  const titleId = useId();
  const examples = useMemo(() => samples(headers, rows), [headers, rows]);
  // A mapped column stays visible even when empty: the user should see what the guess did.
  const visible = headers.map((_, i) => showAll || Boolean(examples[i]) || mapping[i] != null);
  const hidden = visible.filter((v) => !v).length;
  const targetLabel = (t: CsvTarget) => (t === 'fullName' ? tr('ui.import.mapping.fullName') : tr(`field.${t}`));

  return (
    <section className="import-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('ui.import.mapping')}</h3>
      <p className="hint">{tr('ui.import.mapping.intro')}</p>
      <div className="table-wrap import-mapping-wrap">
        <table className="import-mapping">
          <thead>
            <tr>
              <th scope="col">{tr('ui.import.mapping.column')}</th>
              <th scope="col" className="import-sample">
                {tr('ui.import.mapping.sample')}
              </th>
              <th scope="col">{tr('ui.import.mapping.target')}</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((header, i) =>
              visible[i] ? (
                <tr key={i}>
                  <th scope="row">{header || `#${i + 1}`}</th>
                  <td className="import-sample">{examples[i]}</td>
                  <td>
                    <select
                      aria-label={tr('ui.import.mapping.selectLabel', { column: header || `#${i + 1}` })}
                      value={mapping[i] ?? ''}
                      disabled={disabled}
                      onChange={(e) => onChange(i, (e.target.value || null) as CsvTarget | null)}
                    >
                      <option value="">{tr('ui.import.mapping.none')}</option>
                      {TARGETS.map((t) => (
                        <option key={t} value={t}>
                          {targetLabel(t)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ) : null,
            )}
          </tbody>
        </table>
      </div>
      {hidden > 0 && (
        <p className="hint">
          {tr('ui.import.mapping.emptyHidden', { count: hidden })}{' '}
          <button type="button" className="link-button" onClick={() => setShowAll(true)}>
            {tr('ui.import.mapping.showAll')}
          </button>
        </p>
      )}
    </section>
  );
}
