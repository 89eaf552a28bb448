/**
 * Changes from other devices set aside until what they need arrives (their author's record, their
 * person, the team's key): shown so that "up to date" with a colleague's change missing has an
 * answer. Nothing here is lost or refused; the list empties itself as they are applied.
 */
import { listWaiting, type WaitingEntry } from '../../data/sync';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { useT, type Translate } from '../i18n';
import { tableName } from './refusalText';
import { useSyncRound } from './useSyncRound';

function awaitedText(tr: Translate, awaited: WaitingEntry['awaited']): string {
  return awaited ? `${tableName(tr, awaited.type)}: ${awaited.key}` : tr('ui.sync.waiting.unknown');
}

export function WaitingList() {
  const tr = useT();
  const entries = useSyncRound<WaitingEntry>(() => listWaiting(db));
  if (!entries?.length) return null;
  return (
    <section aria-labelledby="waiting-title">
      <h3 id="waiting-title">{tr('ui.sync.waiting')}</h3>
      <p className="hint">{tr('ui.sync.waitingIntro')}</p>
      <div className="table-scroll">
        <table className="quarantine">
          <caption className="visually-hidden">{tr('ui.sync.waiting')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('ui.sync.waiting.since')}</th>
              <th scope="col">{tr('ui.sync.quarantine.type')}</th>
              <th scope="col">{tr('ui.sync.quarantine.doc')}</th>
              <th scope="col">{tr('ui.sync.waiting.awaits')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.docId}>
                <td data-label={tr('ui.sync.waiting.since')}>{e.since ? formatDateTime(tr.lang, e.since) : '—'}</td>
                <td data-label={tr('ui.sync.quarantine.type')}>{tableName(tr, e.type)}</td>
                <td data-label={tr('ui.sync.quarantine.doc')} className="mono">
                  {e.docId}
                </td>
                <td data-label={tr('ui.sync.waiting.awaits')}>{awaitedText(tr, e.awaited)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
