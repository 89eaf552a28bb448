/** Prüfliste DSGVO: the persons whose versions conflict, each a link to its form ("Konflikt lösen" there). */
import { useLiveQuery } from 'dexie-react-hooks';
import { displayName } from '../../domain/person';
import { readPersons } from '../../data/queries/persons';
import { db } from '../db';
import { useT } from '../i18n';
import { href } from '../route';
import { useConflicts } from './useConflicts';
import './sync.css';

export function ConflictList() {
  const tr = useT();
  const conflicts = useConflicts();
  const ids = conflicts?.map((c) => c.personId) ?? [];
  const persons = useLiveQuery(() => readPersons(db, ids), [ids.join()], []);
  if (!conflicts) return null;
  return (
    <section className="card conflict-list" aria-labelledby="conflict-list-title">
      <h2 id="conflict-list-title">
        {tr('ui.conflict.listTitle')} ({conflicts.length})
      </h2>
      {conflicts.length === 0 ? (
        <p>{tr('ui.conflict.listEmpty')}</p>
      ) : (
        <>
          <p className="hint">{tr('ui.conflict.listIntro')}</p>
          <ul>
            {persons.map((p) => (
              <li key={p.id}>
                <a href={href('personen', p.id)}>{displayName(p)}</a>{' '}
                <span className="badge conflict-badge">{tr('ui.conflict.badge')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
