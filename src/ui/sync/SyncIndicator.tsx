/**
 * The header's "Synchronisation" status: synchronised / pending (n) / offline (with this device's
 * changes still to send) / error (an ended access by name) / conflict, with the time of the last sync. Starts the replication of a connected book for the signed-in
 * session and stops it when the session ends (a book connected later starts in Einstellungen).
 * Shown only for a book that syncs.
 */
import { useEffect } from 'react';
import { startSync, stopSync, type SyncStatus } from '../../data/sync';
import { formatDateTime, formatTime } from '../../i18n/locale';
import { db } from '../db';
import { useT, type Translate } from '../i18n';
import { useSession } from '../stores';
import { href } from '../route';
import { useSyncConfig, useSyncStatus } from './useSync';
import { accessEnded, syncErrorText } from './syncErrorText';
import './sync.css';

export function SyncIndicator() {
  const tr = useT();
  const session = useSession();
  const status = useSyncStatus();
  const { config } = useSyncConfig();
  const connected = !!config;
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
    <a href={href('einstellungen')} className={`sync-indicator sync-${status.state}`} title={syncTitle(tr, status)}>
      <span role="status" aria-label={tr('ui.sync.status')}>
        <span className="sync-dot" aria-hidden="true" />
        {syncStateText(tr, status)}
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

function syncTitle(tr: Translate, status: SyncStatus): string {
  const last = status.lastSyncAt
    ? tr('ui.sync.lastSyncLong', { time: formatDateTime(tr.lang, status.lastSyncAt) })
    : tr('ui.sync.never');
  return [last, syncErrorText(tr, status)].filter(Boolean).join(' — ');
}
