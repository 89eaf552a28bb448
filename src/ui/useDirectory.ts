/** The person directory (names in memory after sign-in) for screens that show persons by id. */
import { useEffect, useSyncExternalStore } from 'react';
import { personDirectory } from '../data/queries/directory';
import { db } from './db';

export const directory = personDirectory(db);

/** Re-renders when the directory changes; starts building it if needed. */
export function useDirectory() {
  const version = useSyncExternalStore(directory.subscribe, () => directory.version);
  useEffect(() => {
    directory.ready().catch(() => undefined);
  }, [version]);
  return { version, state: directory.state };
}
