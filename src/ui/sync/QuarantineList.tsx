/** What the engine refused to apply (a failed check), with its reason: shown, never applied silently. */
import { listQuarantine, type QuarantineEntry } from '../../data/sync';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { useT } from '../i18n';
import { useSyncRound } from './useSyncRound';
import { refusalText, tableName } from './refusalText';

export function QuarantineList() {
  const tr = useT();
  const entries = useSyncRound<QuarantineEntry>(() => listQuarantine(db));
  return (
    <section aria-labelledby="quarantine-title">
      <h3 id="quarantine-title">{tr('ui.sync.quarantine')}</h3>
      <p className="hint">{tr('ui.sync.quarantineIntro')}</p>
      {entries === null ? (
        <p role="status">{tr('ui.loading')}</p>
      ) : entries.length === 0 ? (
        <p>{tr('ui.sync.quarantineEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="quarantine">
            <caption className="visually-hidden">{tr('ui.sync.quarantine')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('ui.sync.quarantine.at')}</th>
                <th scope="col">{tr('ui.sync.quarantine.type')}</th>
                <th scope="col">{tr('ui.sync.quarantine.doc')}</th>
                <th scope="col">{tr('ui.sync.quarantine.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={`${e.docId}/${e.rev}`}>
                  <td data-label={tr('ui.sync.quarantine.at')}>{formatDateTime(tr.lang, e.at)}</td>
                  <td data-label={tr('ui.sync.quarantine.type')}>{e.type ? tableName(tr, e.type) : '—'}</td>
                  <td data-label={tr('ui.sync.quarantine.doc')} className="mono">
                    {e.docId}
                  </td>
                  <td data-label={tr('ui.sync.quarantine.reason')}>{refusalText(tr, e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
