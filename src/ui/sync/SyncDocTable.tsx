/**
 * The documents of one of the sync screen's lists (held back, waiting, a member's own refused
 * changes): when, what kind of record ("Person"), which — a person by name, linked, where this
 * device holds them, the raw id under it in small type (what an administrator compares with the
 * server and the other devices' lists) — and one column of the list's own; on a phone each row a
 * block of lines named by their column (sync.css).
 */
import type { ReactNode } from 'react';
import { parseDocId } from '../../data/sync/docs';
import { href } from '../route';
import { useT } from '../i18n';
import { directory, useDirectory } from '../useDirectory';
import { recordKindName } from '../tableNames';

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
    cell: (row) => (row.type ? recordKindName(tr, row.type) : '—'),
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

/**
 * A person's document by their name as this device holds them, linked to them, its id under it in
 * small type; any other document (or a person this device does not hold) by its id.
 */
function DocName({ docId }: { docId: string }) {
  const { table, key } = parseDocId(docId);
  const person = table === 'persons' ? directory.entry(key) : undefined;
  if (!person) return <span className="doc-id">{docId}</span>;
  return (
    <>
      <a href={href('personen', key)} className="doc-person">
        {person.name}
      </a>
      <span className="doc-id doc-id-secondary">{docId}</span>
    </>
  );
}
