/**
 * The changes from other devices the sync engine held back (a failed check: written without the
 * right, a replayed version …): named on the Übersicht while there are any, counted, as a link to
 * their list with the reasons in Einstellungen → Synchronisation. Read live.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { countHeldBack } from '../../data/queries/heldBack';
import { db } from '../db';
import { useT } from '../i18n';
import { heldBackHref } from '../settings/settingsLinks';
import { Figure } from './Figure';

export function HeldBackCard() {
  const tr = useT();
  const count = useLiveQuery(() => countHeldBack(db), [], 0);
  if (count === 0) return null;
  return (
    <section className="card span-2 held-back" aria-labelledby="ov-held-back">
      <h2 id="ov-held-back">{tr('ui.overview.heldBack')}</h2>
      <p className="warning">{tr('ui.overview.heldBack.intro')}</p>
      <ul className="figures">
        <Figure
          value={count}
          label={tr(count === 1 ? 'ui.overview.heldBack.countOne' : 'ui.overview.heldBack.count')}
          to={heldBackHref()}
          tone="warn"
        />
      </ul>
    </section>
  );
}
