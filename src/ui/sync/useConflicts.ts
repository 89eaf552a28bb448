/** Persons with conflicting versions, read again whenever the sync status changes. */
import { useEffect, useState } from 'react';
import { listConflicts, type ConflictSummary } from '../../data/sync';
import { db } from '../db';
import { useSyncStatus } from './useSync';

/** null while reading or when the book does not sync. */
export function useConflicts(): ConflictSummary[] | null {
  const status = useSyncStatus();
  const [conflicts, setConflicts] = useState<ConflictSummary[] | null>(null);
  const syncing = status !== null;
  useEffect(() => {
    if (!syncing) return;
    let live = true;
    listConflicts(db).then(
      (c) => live && setConflicts(c),
      () => live && setConflicts([]),
    );
    return () => {
      live = false;
    };
  }, [syncing, status?.conflicts, status?.lastSyncAt, status?.state]);
  return syncing ? conflicts : null;
}
