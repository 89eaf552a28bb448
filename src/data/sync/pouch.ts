/** PouchDB, loaded on first use: the start bundle does not carry it. */
import type PouchDB from 'pouchdb-core';
import { LOCAL_ADAPTER, localAdapterPlugin } from './localAdapter';
import type { SyncConfig } from './types';

export type Pouch = PouchDB;

let loaded: Promise<typeof PouchDB> | undefined;

function pouchClass(): Promise<typeof PouchDB> {
  loaded ??= (async () => {
    const [core, http, replication, local] = await Promise.all([
      import('pouchdb-core'),
      import('pouchdb-adapter-http'),
      import('pouchdb-replication'),
      localAdapterPlugin(),
    ]);
    return core.default.plugin(http.default).plugin(replication.default).plugin(local);
  })();
  return loaded;
}

/** This device's replica of the book (named after the Dexie database). */
export async function localPouch(dbName: string): Promise<Pouch> {
  return new (await pouchClass())(`consentbook-sync-${dbName}`, { adapter: LOCAL_ADAPTER });
}

/** The winning revision of each of `docIds` the replica holds (not deleted). */
export async function revisionsInReplica(local: Pouch, docIds: string[]): Promise<Map<string, string>> {
  const { rows } = await local.allDocs({ keys: docIds });
  return new Map(rows.flatMap((r) => (r.value && !r.value.deleted ? [[r.id, r.value.rev] as const] : [])));
}

/**
 * The revisions `rev` of document `id` descends from, itself first, newest first. The replica keeps
 * these ids after a compaction; only the older revisions' bodies go.
 */
export async function revisionHistory(local: Pouch, id: string, rev: string): Promise<string[]> {
  return revisionList((await local.get(id, { rev, revs: true }))._revisions);
}

/** A version's `_revisions` (read with `revs: true`) as revision ids, itself first, newest first. */
export function revisionList(r: { start: number; ids: string[] } | undefined): string[] {
  return r ? r.ids.map((hash, i) => `${r.start - i}-${hash}`) : [];
}

export function databaseUrl(config: SyncConfig): string {
  return `${config.serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.database)}`;
}

/** The book's database on the server; aborting `signal` stops every request it makes. */
export async function remotePouch(config: SyncConfig, signal?: AbortSignal): Promise<Pouch> {
  const Pouch = await pouchClass();
  return new Pouch(databaseUrl(config), {
    auth: { username: config.username, password: config.password },
    skip_setup: true,
    ...(signal && {
      // The changes feed passes a signal of its own: either stops the request.
      fetch: (url: string | Request, init?: RequestInit) =>
        fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }),
    }),
  });
}
