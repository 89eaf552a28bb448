/**
 * The documents of one of the sync screen's lists (held back, waiting): when, their kind, their id
 * — a person's named and linked where this device holds them — and one column of the list's own;
 * on a phone each row a block of lines named by their column (sync.css).
 */
import type { ReactNode } from 'react';
import { parseDocId } from '../../data/sync/docs';
import { href } from '../route';
import { useT } from '../i18n';
import { directory, useDirectory } from '../useDirectory';
import { tableName } from '../tableNames';

interface Column<T> {
  label: string;
  cell: (row: T) => ReactNode;
}

interface Props<T> {
  caption: string;
  rows: readonly T[];
  keyOf: (row: T) => string;
  when: Column<T>;
  last: Column<T>;
}

export function SyncDocTable<T extends { docId: string; type: string }>({
  caption,
  rows,
  keyOf,
  when,
  last,
}: Props<T>) {
  const tr = useT();
  useDirectory();
  const type: Column<T> = {
    label: tr('ui.sync.quarantine.type'),
    cell: (row) => (row.type ? tableName(tr, row.type) : '—'),
  };
  const doc: Column<T> = { label: tr('ui.sync.quarantine.doc'), cell: (row) => <DocName docId={row.docId} /> };
  const columns = [when, type, doc, last];
  return (
    <div className="table-scroll">
      <table className="quarantine">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={keyOf(row)}>
              {columns.map((c) => (
                <td key={c.label} data-label={c.label}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A document's id; a person's with their name as this device holds them, linked to them. */
function DocName({ docId }: { docId: string }) {
  const { table, key } = parseDocId(docId);
  const person = table === 'persons' ? directory.entry(key) : undefined;
  return (
    <>
      <span className="doc-id">{docId}</span>
      {person && (
        <a href={href('personen', key)} className="doc-person">
          {person.name}
        </a>
      )}
    </>
  );
}
