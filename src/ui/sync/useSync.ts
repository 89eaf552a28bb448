/** The sync status for screens: follows the engine's published status; null while the book does not sync. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { getSyncStatus, readSyncConfig, subscribeSyncStatus, type SyncConfig, type SyncStatus } from '../../data/sync';
import { db } from '../db';

export type ConnectedConfig = Omit<SyncConfig, 'password'>;

// Read once per page (the engine loads with it); read again after the connection changed.
let stored: Promise<ConnectedConfig | undefined> | null = null;
const loadConfig = () => (stored ??= readSyncConfig(db).catch(() => undefined));

/** The stored connection (no password): undefined when none, null while reading; `reload` after a change. */
export function useSyncConfig(): { config: ConnectedConfig | undefined | null; reload: () => void } {
  const [config, setConfig] = useState<ConnectedConfig | undefined | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void loadConfig().then((c) => live && setConfig(c));
    return () => {
      live = false;
    };
  }, [round]);
  const reload = () => {
    stored = null;
    setRound((n) => n + 1);
  };
  return { config, reload };
}

const subscribe = (onChange: () => void) => subscribeSyncStatus(db, onChange);
const snapshot = () => getSyncStatus(db);
/** The status before any was published: its identity tells "nothing published yet". */
const initial = getSyncStatus(db);

/** The live status; `null` while the book is not connected (and the engine published nothing). */
export function useSyncStatus(): SyncStatus | null {
  const status = useSyncExternalStore(subscribe, snapshot);
  const { config } = useSyncConfig();
  return config || status !== initial ? status : null;
}
