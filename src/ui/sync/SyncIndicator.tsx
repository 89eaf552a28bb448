/**
 * The header's "Synchronisation" status: synchronised / pending (n) / offline (with this device's
 * changes still to send) / error (an ended access by name) / conflict, the changes held back from
 * other devices (a warning, linking to their list), and the time of the last sync. Starts the
 * replication of a connected book for the signed-in session and stops it when the session ends (a
 * book connected later starts in Einstellungen). Shown only for a book that syncs.
 */
import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { startSync, stopSync, type SyncStatus } from '../../data/sync';
import { formatDateTime, formatTime } from '../../i18n/locale';
import { db } from '../db';
import { useT, type Translate } from '../i18n';
import { useSession } from '../stores';
import { useSyncConfig, useSyncStatus } from './useSync';
import { countHeldBack } from '../../data/queries/heldBack';
import { heldBackHref, syncHref } from '../settings/settingsLinks';
import { accessEnded, syncErrorText } from './syncErrorText';
import './sync.css';

export function SyncIndicator() {
  const tr = useT();
  const session = useSession();
  const status = useSyncStatus();
  const { config } = useSyncConfig();
  const connected = !!config;
  // Read live: an incoming change held back shows the moment the applier keeps it.
  const heldBack = useLiveQuery(() => countHeldBack(db), [], 0);
  useEffect(() => {
    if (!connected) return;
    // A failure shows in the status itself.
    startSync(db, session).catch(() => undefined);
    return () => void stopSync(db);
  }, [session, connected]);
  if (!status) return null;
  const today = !!status.lastSyncAt && new Date(status.lastSyncAt).toDateString() === new Date().toDateString();
  const when = status.lastSyncAt ? (today ? formatTime : formatDateTime)(tr.lang, status.lastSyncAt) : '';
  return (
    <a
      href={heldBack > 0 ? heldBackHref() : syncHref()}
      className={`sync-indicator sync-${status.state}${heldBack > 0 ? ' sync-held' : ''}`}
      title={syncTitle(tr, status, heldBack)}
    >
      <span role="status" aria-label={tr('ui.sync.status')}>
        <span className="sync-dot" aria-hidden="true" />
        {syncStateText(tr, status)}
        {heldBack > 0 && (
          <>
            <span className="sync-sep">{' · '}</span>
            <span className="sync-held-count">{heldBackText(tr, heldBack)}</span>
          </>
        )}
        {when && <span className="sync-when"> · {tr('ui.sync.lastSync', { time: when })}</span>}
      </span>
    </a>
  );
}

export function syncStateText(tr: Translate, status: SyncStatus): string {
  // Pending with nothing counted: changes are on their way between replica and server.
  const state = status.state === 'pending' && status.pending === 0 ? 'busy' : status.state;
  // Offline, what this device changed meanwhile waits: said with the state.
  if (state === 'offline' && status.pending > 0)
    return status.pending === 1
      ? tr('ui.sync.state.offlinePendingOne')
      : tr('ui.sync.state.offlinePending', { pending: status.pending });
  if (accessEnded(status)) return tr('ui.sync.state.accessEnded');
  return tr(`ui.sync.state.${state}`, { pending: status.pending, conflicts: status.conflicts });
}

/** The changes from other devices held back (quarantine), counted. */
export function heldBackText(tr: Translate, count: number): string {
  return count === 1 ? tr('ui.sync.heldBackOne') : tr('ui.sync.heldBack', { count });
}

function syncTitle(tr: Translate, status: SyncStatus, heldBack: number): string {
  const last = status.lastSyncAt
    ? tr('ui.sync.lastSyncLong', { time: formatDateTime(tr.lang, status.lastSyncAt) })
    : tr('ui.sync.never');
  return [last, syncErrorText(tr, status), heldBack > 0 ? heldBackText(tr, heldBack) : undefined]
    .filter(Boolean)
    .join(' — ');
}
