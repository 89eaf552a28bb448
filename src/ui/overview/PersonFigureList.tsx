/**
 * The list behind two figures the person list cannot filter by yet: restricted (locked) natural
 * persons and those whose retention period is over. Both sets are small; each name leads to the person.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { retentionDuePersons } from '../../data/queries/worklist';
import { lockedNaturalPersons, readPersons } from '../../data/queries/persons';
import { displayName } from '../../domain/person';
import { formatDate } from '../../i18n/locale';
import { db } from '../db';
import { useT } from '../i18n';
import { href } from '../route';
import { LockIcon } from '../components/LockIcon';

export type PersonFigureKind = 'gesperrt' | 'loeschfrist';
export const PERSON_FIGURE_KINDS: readonly PersonFigureKind[] = ['gesperrt', 'loeschfrist'];

const LIMIT = 500;

interface Row {
  id: string;
  name: string;
  detail: string;
}

export function PersonFigureList({ kind, today }: { kind: PersonFigureKind; today: string }) {
  const tr = useT();
  const rows = useLiveQuery(async (): Promise<{ rows: Row[]; total: number }> => {
    if (kind === 'gesperrt') {
      const locked = await lockedNaturalPersons(db);
      const rows = locked.map((p) => ({
        id: p.id,
        name: displayName(p),
        detail: p.lock ? tr('ui.overview.list.lockedSince', { date: formatDate(tr.lang, p.lock.at) }) : '',
      }));
      return { rows: sortRows(rows).slice(0, LIMIT), total: rows.length };
    }
    const due = await retentionDuePersons(db, today);
    const ids = [...due.keys()].slice(0, LIMIT);
    const rows = (await readPersons(db, ids)).map((p) => ({
      id: p.id,
      name: displayName(p),
      detail: tr('ui.overview.list.dueSince', { date: formatDate(tr.lang, due.get(p.id) ?? '') }),
    }));
    return { rows: sortRows(rows), total: due.size };
  }, [kind, today, tr]);

  const title = tr(kind === 'gesperrt' ? 'ui.overview.persons.locked' : 'ui.overview.persons.retentionDue');
  return (
    <section className="screen overview" aria-labelledby="screen-title">
      <p>
        <a href={href('uebersicht')} className="back">
          ← {tr('ui.overview.list.back')}
        </a>
      </p>
      <h1 id="screen-title">
        {tr('ui.nav.uebersicht')}: {title}
      </h1>
      {!rows ? (
        <p role="status">{tr('ui.loading')}</p>
      ) : rows.rows.length === 0 ? (
        <p className="empty">{tr('ui.overview.list.empty')}</p>
      ) : (
        <>
          <p className="count" role="status">
            {rows.total > rows.rows.length
              ? tr('ui.overview.list.limited', { count: rows.rows.length, total: rows.total })
              : tr('ui.register.persons', { count: rows.total })}
          </p>
          <ul className="figure-persons">
            {rows.rows.map((r) => (
              <li key={r.id}>
                <a href={href('personen', r.id)}>
                  {kind === 'gesperrt' && <LockIcon />}
                  {r.name}
                </a>
                {r.detail && <span className="muted"> – {r.detail}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function sortRows(rows: Row[]): Row[] {
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'de'));
}
