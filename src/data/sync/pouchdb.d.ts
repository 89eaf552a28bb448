// The part of PouchDB 7 the sync engine and its tests use. Not @types/pouchdb-*: @types/pouchdb-core
// declares a global `Buffer` interface that breaks Node's Buffer types in the whole project.
declare module 'pouchdb-core' {
  export interface Doc {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    _conflicts?: string[];
    _revisions?: { start: number; ids: string[] };
    _attachments?: Record<string, { content_type: string; data?: string; digest?: string; stub?: boolean }>;
    [field: string]: unknown;
  }
  export interface Replication {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    last_seq: number | string;
  }
  interface Options {
    adapter?: string;
    auth?: { username: string; password: string };
    skip_setup?: boolean;
    /** The http adapter's requests go through this (a signal of the caller's added). */
    fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>;
  }
  export interface ChangesResult {
    results: { id: string; seq: number | string; deleted?: boolean; doc?: Doc; changes: { rev: string }[] }[];
    last_seq: number | string;
  }
  export interface BulkResult {
    ok?: boolean;
    id?: string;
    rev?: string;
    error?: string | boolean;
    reason?: string;
  }
  export interface EventSource {
    on(event: string, listener: (info: never) => void): this;
    cancel(): void;
  }
  interface ReplicateOptions {
    live?: boolean;
    retry?: boolean;
    batch_size?: number;
    back_off_function?: (delay: number) => number;
  }
  class PouchDB {
    constructor(name: string, options?: Options);
    static plugin(plugin: unknown): typeof PouchDB;
    put(doc: Doc): Promise<{ ok: boolean; id: string; rev: string }>;
    get(
      id: string,
      options?: { rev?: string; conflicts?: boolean; attachments?: boolean; revs?: boolean },
    ): Promise<Doc & { _rev: string }>;
    allDocs(options: {
      keys?: string[];
      startkey?: string;
      endkey?: string;
      skip?: number;
      limit?: number;
      include_docs?: boolean;
      attachments?: boolean;
      conflicts?: boolean;
    }): Promise<{
      total_rows: number;
      rows: { id: string; key: string; error?: string; value?: { rev: string; deleted?: boolean }; doc?: Doc }[];
    }>;
    bulkDocs(docs: Doc[], options?: { new_edits?: boolean }): Promise<BulkResult[]>;
    changes(options: {
      since?: number | string;
      limit?: number;
      include_docs?: boolean;
      conflicts?: boolean;
      attachments?: boolean;
      live?: boolean;
    }): Promise<ChangesResult> & EventSource;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    /** Drops the bodies of every revision that is not a leaf. */
    compact(): Promise<unknown>;
    destroy(): Promise<void>;
    close(): Promise<void>;
    replicate: {
      to(target: PouchDB, options?: ReplicateOptions): Promise<Replication> & EventSource;
      from(source: PouchDB, options?: ReplicateOptions): Promise<Replication> & EventSource;
    };
    /** Both directions; each emits its own events too ('checkpoint' once a batch's checkpoint is written). */
    sync(
      target: PouchDB,
      options?: ReplicateOptions,
    ): Promise<unknown> & EventSource & { push: EventSource; pull: EventSource };
  }
  export default PouchDB;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-idb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
