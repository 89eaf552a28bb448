import { useEffect, useState } from 'react';
import { useSyncStatus } from './useSync';

/**
 * What `read` returns, read again whenever a sync round ends (that is when the applier's lists —
 * held-back and waiting changes — can change); null while the first read runs, [] if it fails.
 */
export function useSyncRound<T>(read: () => Promise<T[]>): T[] | null {
  const status = useSyncStatus();
  const [entries, setEntries] = useState<T[] | null>(null);
  const round = status?.lastSyncAt;
  useEffect(() => {
    let live = true;
    read().then(
      (e) => live && setEntries(e),
      () => live && setEntries([]),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read again per round, not per render's new function
  }, [round]);
  return entries;
}
