/**
 * Changes from other devices set aside until what they need arrives (their author's record, their
 * person, the team's key): shown so that "up to date" with a colleague's change missing has an
 * answer. Nothing here is lost or refused; the list empties itself as they are applied.
 */
import { listWaiting, type WaitingEntry } from '../../data/sync';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { useT, type Translate } from '../i18n';
import { tableName } from '../tableNames';
import { useSyncRound } from './useSyncRound';
import { SyncDocTable } from './SyncDocTable';

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
      <SyncDocTable
        caption={tr('ui.sync.waiting')}
        rows={entries}
        keyOf={(e) => e.docId}
        when={{
          label: tr('ui.sync.waiting.since'),
          cell: (e) => (e.since ? formatDateTime(tr.lang, e.since) : '—'),
        }}
        last={{ label: tr('ui.sync.waiting.awaits'), cell: (e) => awaitedText(tr, e.awaited) }}
      />
    </section>
  );
}
