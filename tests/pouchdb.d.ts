// The little of PouchDB 7 that the sync tests use. Not @types/pouchdb-*: @types/pouchdb-core
// declares a global `Buffer` interface that breaks Node's Buffer types in the whole project.
declare module 'pouchdb-core' {
  interface Doc {
    _id: string;
    _rev?: string;
    [field: string]: unknown;
  }
  interface Replication {
    docs_written: number;
    doc_write_failures: number;
  }
  interface Options {
    adapter?: string;
    auth?: { username: string; password: string };
  }
  class PouchDB {
    constructor(name: string, options?: Options);
    static plugin(plugin: unknown): typeof PouchDB;
    put(doc: Doc): Promise<{ ok: boolean; id: string; rev: string }>;
    get(id: string): Promise<Doc & { _rev: string }>;
    destroy(): Promise<void>;
    replicate: {
      to(target: PouchDB): Promise<Replication>;
      from(source: PouchDB): Promise<Replication>;
    };
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
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
