/**
 * Where this device keeps its replica of the book's documents: IndexedDB in the browser. The
 * Node tests swap this one file for PouchDB's memory adapter (vitest.config.ts), as PouchDB's
 * IndexedDB adapter does not run on fake-indexeddb.
 */
export const LOCAL_ADAPTER = 'idb';

export async function localAdapterPlugin(): Promise<unknown> {
  return (await import('pouchdb-adapter-idb')).default;
}
