/** The person directory (names in memory after sign-in) for screens that show persons by id. */
import { useEffect, useSyncExternalStore } from 'react';
import { personDirectory } from '../data/queries/directory';
import { db } from './db';

export const directory = personDirectory(db);

/**
 * Re-renders when the directory changes and as its build progresses; starts building it if
 * needed. `version` changes with the content only (what lists are computed from).
 */
export function useDirectory() {
  useSyncExternalStore(directory.subscribe, () => directory.signal);
  const version = directory.version;
  useEffect(() => {
    directory.ready().catch(() => undefined);
  }, [version]);
  return { version, state: directory.state };
}
