/**
 * The sealing middleware: the lowest layer above IndexedDB. Every record of a table that holds
 * personal data is stored as its primary key and index fields in plain (IndexedDB can only index
 * plain values; none of them is a personal field: ids, kinds, flags, dates, statuses) plus one
 * AES-GCM ciphertext, `sealed`, of everything else. Above this layer (the enforcement middleware,
 * commands, the UI) records look as they always did.
 *
 * A person's records (the person, their consents, their evidence files) are sealed under that
 * person's key; the rest under the record key (keyring.ts). Deleting a person deletes their key
 * secret in the same transaction and leaves a tombstone (`erasures`), which a later restore of an
 * older backup honours (backup.ts).
 *
 * A record without `sealed` does not open (plainRecordError): a database written before encryption
 * has its records sealed at the first sign-in, read below this layer (auth.ts sealLegacyRecords);
 * any other was put there outside the app. Only a schema upgrade reads records as stored.
 */
import Dexie, {
  type DBCore,
  type DBCoreCursor,
  type DBCoreMutateRequest,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
} from 'dexie';
import { PersonKeyMissingError, plainRecordError } from '../core/errors';
import { fromJsonBytes } from '../core/crypto/json';
import { newPersonSecret, type Keyring, type PersonKeyRecord } from '../core/crypto/keyring';
import { open, openRecord, recordAad, RECORD_SEAL_VERSION, seal, splitRecord } from '../core/crypto/seal';
import { openAuditText } from '../core/crypto/auditText';
import { bucketOf, DIRECTORY_IMAGE_KEY } from '../core/derived';
import { abortTransaction, isUpgrade, keysOf, readAll, throwOnFailure } from './mutations';
import { sameRecord, takePresealed, type Presealed } from './presealed';
import { bookRecordsWritten, isTaggedTable, retagCore } from './bookTags';
import { utf8InPlace } from '../../domain/utf8';
import { draftWithout, type KeptDraft, type PersonOnlyDraft } from '../core/records';
import {
  anySingleStoredCore,
  deleteSecretsCore,
  groupOf,
  GROUP_FROM,
  LOAD_ALL_ABOVE,
  readAllSecretsCore,
  readSecretsCore,
  SECRET_TABLES,
} from '../core/personSecrets';

interface SealSpec {
  /** Fields kept plain besides the primary key and the indexed fields. */
  plainExtra?: readonly string[];
  /** Whose key seals the record; undefined: the record key. */
  personIdOf?: (record: Record<string, unknown>) => string | undefined;
}

export const SEALED_TABLES: Readonly<Record<string, SealSpec>> = {
  persons: { personIdOf: (r) => String(r.id) },
  consents: { personIdOf: (r) => String(r.personId) },
  // Consent evidence carries its person's id (and is sealed with their key); attachments of business records do not.
  files: {
    plainExtra: ['personId'],
    personIdOf: (r) => (typeof r.personId === 'string' && r.personId ? r.personId : undefined),
  },
  transactions: {},
  requests: {},
  breaches: {},
  campaigns: {},
  // A form's unsaved changes kept at the idle lock (records.ts, KeptDraft).
  drafts: {},
};

/** The spec of a table named at runtime: none for a table that is not sealed. */
export function sealSpecOf(table: string): SealSpec | undefined {
  return SEALED_TABLES[table];
}

/** Tables a write to persons may touch besides its own. */
export const KEY_TABLES = [...SECRET_TABLES, 'erasures', 'directory', 'directoryKeys', 'drafts'];

export type SealedRecord = Record<string, unknown> & { sealed: Uint8Array };

export function isSealed(record: unknown): record is SealedRecord {
  return !!record && typeof record === 'object' && (record as { sealed?: unknown }).sealed instanceof Uint8Array;
}

function topLevel(keyPath: string | string[] | null | undefined): string[] {
  if (!keyPath) return [];
  return (Array.isArray(keyPath) ? keyPath : [keyPath]).map((p) => p.split('.')[0]);
}

/** The plain fields of a table: primary key, index key paths, and the spec's extras. */
function plainFieldsOf(table: DBCoreTable, spec: SealSpec): Set<string> {
  const fields = new Set<string>([...topLevel(table.schema.primaryKey.keyPath), ...(spec.plainExtra ?? [])]);
  for (const index of table.schema.indexes) for (const f of topLevel(index.keyPath)) fields.add(f);
  return fields;
}

/** Seals and opens the records of one table. */
export class TableCodec {
  readonly plain: Set<string>;
  private readonly plainSorted: string[];
  private readonly primaryKeyField: string;
  constructor(
    readonly name: string,
    readonly spec: SealSpec,
    table: DBCoreTable,
    private readonly keyring: Keyring,
  ) {
    this.plain = plainFieldsOf(table, spec);
    this.plainSorted = [...this.plain].sort();
    // Every sealed table keys its records by a field of theirs (schema.ts).
    const primaryKeyField = topLevel(table.schema.primaryKey.keyPath).at(0);
    if (primaryKeyField === undefined) throw new Error(`Table ${name} has no primary key path to seal by`);
    this.primaryKeyField = primaryKeyField;
  }

  personIdOf(record: Record<string, unknown>): string | undefined {
    return this.spec.personIdOf?.(record);
  }

  private keyFor(record: Record<string, unknown>): Uint8Array {
    const personId = this.personIdOf(record);
    if (personId === undefined) return this.keyring.recordKey();
    const key = this.keyring.personKey(personId);
    if (!key) throw new PersonKeyMissingError(personId);
    return key;
  }

  /** A record's plain fields, and the rest as the JSON that is sealed (fields in sorted order). */
  split(record: Record<string, unknown>): { plain: Record<string, unknown>; content: string } {
    return splitRecord(record, this.plain);
  }

  /**
   * `presealed`: the same record sealed before it reached this layer (presealed.ts); used only when the
   * record about to be stored is exactly what it was sealed from, under the same key — then its
   * plain fields are all that is left to take (no JSON, no additional data, no cipher).
   */
  encode(record: Record<string, unknown>, primaryKey: unknown, presealed?: Presealed): SealedRecord {
    const from = presealed?.record;
    if (from && String(from[this.primaryKeyField]) === String(primaryKey) && sameRecord(record, from)) {
      const plain: Record<string, unknown> = {};
      // As split gives them: sorted, those the record has.
      for (const k of this.plainSorted) if (Object.hasOwn(record, k)) plain[k] = record[k];
      return { ...plain, sealed: presealed.sealed };
    }
    const { plain, content } = this.split(record);
    const sealed = seal(
      this.keyFor(record),
      utf8InPlace(content),
      recordAad(this.name, primaryKey, plain),
      RECORD_SEAL_VERSION,
    );
    return { ...plain, sealed };
  }

  decode<T>(record: T): T {
    // A get of a key not stored answers undefined.
    if (record === undefined || record === null) return record;
    if (!isSealed(record)) throw plainRecordError(this.name, (record as Record<string, unknown>)[this.primaryKeyField]);
    const { sealed, ...plain } = record;
    const primaryKey = plain[this.primaryKeyField];
    const key = this.keyFor(plain);
    const secret = fromJsonBytes(
      openRecord(this.name, primaryKey, () => open(key, sealed, recordAad(this.name, primaryKey, plain))),
    ) as Record<string, unknown>;
    return { ...plain, ...secret } as T;
  }
}

function wrapCursor(cursor: DBCoreCursor, decode: (v: unknown) => unknown): DBCoreCursor {
  let lastRaw: unknown = undefined;
  let lastValue: unknown = undefined;
  return Object.create(cursor, {
    key: { get: (): unknown => cursor.key },
    primaryKey: { get: (): unknown => cursor.primaryKey },
    value: {
      get: () => {
        const raw: unknown = cursor.value;
        if (raw !== lastRaw) {
          lastRaw = raw;
          lastValue = decode(raw);
        }
        return lastValue;
      },
    },
    continue: { value: (key?: unknown) => cursor.continue(key) },
    continuePrimaryKey: {
      value: (key: unknown, primaryKey: unknown) => cursor.continuePrimaryKey(key, primaryKey),
    },
    advance: { value: (n: number) => cursor.advance(n) },
  }) as DBCoreCursor;
}

/**
 * The key secrets of these persons not in memory yet, read in the transaction (sign-in loads
 * none); above LOAD_ALL_ABOVE missing, every secret at once (loadAllPersons).
 */
export async function loadPersonSecrets(
  down: DBCore,
  trans: DBCoreTransaction,
  keyring: Keyring,
  personIds: Iterable<string>,
): Promise<void> {
  const missing = [...new Set(personIds)].filter((id) => !keyring.hasPerson(id));
  if (missing.length === 0) return;
  if (missing.length > LOAD_ALL_ABOVE && !keyring.allPersonsLoaded) return loadAllPersons(down, trans, keyring);
  for (const rec of await readSecretsCore(down, trans, missing)) if (rec) keyring.addPerson(rec);
}

/**
 * Every stored secret, once per unlock: a cursor hands out records one by one and opens each
 * synchronously, so it cannot wait for a secret; and a read meeting most persons (every consent)
 * is served by two requests instead of one or two per person.
 */
async function loadAllPersons(down: DBCore, trans: DBCoreTransaction, keyring: Keyring): Promise<void> {
  if (keyring.allPersonsLoaded) return;
  for (const rec of await readAllSecretsCore(down, trans)) if (!keyring.hasPerson(rec.personId)) keyring.addPerson(rec);
  keyring.allPersonsLoaded = true;
}

/**
 * Erasure takes the persons out of every user's kept drafts (a form's unsaved changes at the idle
 * lock, sealed under the record key, which outlives them): the forms about them go, a draft left
 * with none goes too. On the core below this layer, in the erasure's transaction — a local one
 * (eraseKeys) or one that arrived by sync (sync/apply.ts).
 */
export async function eraseFromDrafts(
  core: DBCore,
  trans: DBCoreTransaction,
  keyring: Keyring,
  personIds: ReadonlySet<string>,
): Promise<void> {
  const table = core.table('drafts');
  const codec = new TableCodec('drafts', SEALED_TABLES.drafts, table, keyring);
  for (const stored of await readAll<Record<string, unknown>>(table, trans)) {
    const draft = codec.decode(stored) as unknown as KeptDraft | PersonOnlyDraft;
    const kept = draftWithout(draft, personIds);
    if (kept === draft) continue;
    const write: DBCoreMutateRequest = kept
      ? { type: 'put', trans, values: [codec.encode(kept as unknown as Record<string, unknown>, kept.userId)] }
      : { type: 'delete', trans, keys: [draft.userId] };
    throwOnFailure(await table.mutate(write));
  }
}

export function sealingMiddleware(keyring: Keyring): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'consentbook-sealing',
    // Below Dexie's own layers (cache, observability, hooks): they all see plain records.
    level: -2,
    create(down) {
      const codecs = new Map<string, TableCodec>();
      const codecFor = (name: string): TableCodec | undefined => {
        const spec = sealSpecOf(name);
        if (!spec) return undefined;
        let codec = codecs.get(name);
        if (!codec) codecs.set(name, (codec = new TableCodec(name, spec, down.table(name), keyring)));
        return codec;
      };

      /**
       * Dexie tracks the current transaction in a zone that a native promise chain can lose; the
       * layers above (hooks, Collection.modify) read it when they continue. A Dexie promise made
       * in the caller's zone hands its result back in that zone.
       */
      function zoned<T>(promise: Promise<T>): Promise<T> {
        return Dexie.Promise.resolve(promise);
      }

      /** Decodes read results, loading the key secrets of persons not yet in memory first. */
      async function decodeAll<T>(codec: TableCodec, trans: DBCoreTransaction, values: T[]): Promise<T[]> {
        if (isUpgrade(trans)) return values;
        if (codec.spec.personIdOf) {
          const ids = values
            .filter(isSealed)
            .map((v) => codec.personIdOf(v as SealedRecord))
            .filter((id): id is string => !!id);
          await loadPersonSecrets(down, trans, keyring, ids);
        }
        return values.map((v) => codec.decode(v));
      }

      async function encodeWrite(
        codec: TableCodec,
        table: DBCoreTable,
        req: DBCoreMutateRequest & { type: 'add' | 'put' },
      ) {
        const trans = req.trans;
        const values = req.values as Record<string, unknown>[];
        const keys = await keysOf(table, req);
        const presealed = keys.map((k) => takePresealed(trans, codec.name, k));
        const newSecrets: PersonKeyRecord[] = [];
        // New persons added with a key sealed beforehand (the import): their stored secrets are not
        // read — a read request per person, answering nothing — the secrets are added instead, which
        // fails where one is stored (the person is not new), and that failure aborts the transaction.
        const fresh = new Set<string>();
        if (codec.spec.personIdOf) {
          const ids = values.map((v) => codec.personIdOf(v));
          for (const [i, id] of ids.entries())
            if (req.type === 'add' && codec.name === 'persons' && id && presealed[i]?.secret && !keyring.hasPerson(id))
              fresh.add(id);
          await loadPersonSecrets(
            down,
            trans,
            keyring,
            ids.filter((id): id is string => !!id && !fresh.has(id)),
          );
          for (const [i, id] of ids.entries()) {
            // A value sealed beforehand under a key of its own counts only for a new person, who
            // adopts that key; a stored person's record is sealed here under the key they hold.
            const adopt = codec.name === 'persons' && !!id && !keyring.hasPerson(id);
            if (!adopt || !presealed[i]?.secret) presealed[i] = undefined;
            if (!adopt) continue;
            const secret = presealed[i]?.secret ?? newPersonSecret(id);
            keyring.addPerson(secret);
            newSecrets.push(secret);
          }
        } else {
          for (const [i, p] of presealed.entries()) if (p?.secret) presealed[i] = undefined;
        }
        const sealed = values.map((v, i) => codec.encode(v, keys[i], presealed[i]));
        const added = newSecrets.filter((s) => fresh.has(s.personId));
        const put = newSecrets.filter((s) => !fresh.has(s.personId));
        if (put.length) throwOnFailure(await down.table('personKeys').mutate({ type: 'put', trans, values: put }));
        if (!added.length) return table.mutate({ ...req, values: sealed });
        // Issued together with the persons' write: one round trip. A chunk's secrets are one record
        // (core/personSecrets.ts); the read of the ids' key range finds one stored already.
        const grouped = added.length >= GROUP_FROM;
        const [keysRes, taken, res] = await Promise.all([
          grouped
            ? down.table('personKeyGroups').mutate({ type: 'add', trans, values: [groupOf(added)] })
            : down.table('personKeys').mutate({ type: 'add', trans, values: added }),
          grouped
            ? anySingleStoredCore(
                down,
                trans,
                added.map((s) => s.personId),
              )
            : false,
          table.mutate({ ...req, values: sealed }),
        ]);
        if (keysRes.numFailures || taken) {
          // A secret was stored under that id already: the one in memory is not theirs, and no
          // record sealed under it may be stored.
          for (const s of added) keyring.forgetPerson(s.personId);
          abortTransaction(trans);
          throwOnFailure(keysRes);
          throw new Error('A key secret is stored under a new person’s id already');
        }
        return res;
      }

      /**
       * Erasure deletes the person's bucket of the stored directory and the bucket's secret in the
       * same transaction: no bucket naming them outlives their key, and copies of the bucket left
       * in the browser's files open to nothing (its rows are encrypted under that secret,
       * directory/buckets.ts). Its other persons are written back, under a new secret, by the
       * directory in memory a moment later, or opened from their records at the next sign-in.
       */
      async function eraseFromDirectory(trans: DBCoreTransaction, ids: string[]) {
        const keys = [...new Set(ids.map(bucketOf))];
        throwOnFailure(await down.table('directory').mutate({ type: 'delete', trans, keys }));
        // The directory image's secret too: the image holds every person (directory/image.ts).
        throwOnFailure(
          await down.table('directoryKeys').mutate({ type: 'delete', trans, keys: [...keys, DIRECTORY_IMAGE_KEY] }),
        );
      }

      /** Erasing persons: their key secrets go, a tombstone of each stays. */
      async function eraseKeys(table: DBCoreTable, req: DBCoreMutateRequest & { type: 'delete' | 'deleteRange' }) {
        const trans = req.trans;
        const keys = await keysOf(table, req);
        const res = await table.mutate(req);
        if (keys.length) {
          const at = new Date().toISOString();
          await deleteSecretsCore(down, trans, keys.map(String));
          await down
            .table('erasures')
            .mutate({ type: 'put', trans, values: keys.map((k) => ({ personId: String(k), at })) });
          await eraseFromDirectory(trans, keys.map(String));
          await eraseFromDrafts(down, trans, keyring, new Set(keys.map(String)));
          for (const k of keys) keyring.forgetPerson(String(k));
        }
        return res;
      }

      /**
       * The audit log: entries are sealed by the enforcement layer (it chains them); here they are
       * opened — a segment's (domain/auditSegment.ts) each as a single one.
       */
      function auditTable(table: DBCoreTable, segments: boolean): DBCoreTable {
        const openOne = <T>(v: T) => openAuditText(keyring, v);
        const opened = segments ? <T>(v: T) => openSegment(v, openOne) : openOne;
        const plainIn = (trans: DBCoreTransaction) => isUpgrade(trans);
        return {
          ...table,
          get: (req) => (plainIn(req.trans) ? table.get(req) : zoned(table.get(req).then(opened))),
          getMany: (req) =>
            plainIn(req.trans)
              ? table.getMany(req)
              : zoned(table.getMany(req).then((values: unknown[]) => values.map(opened))),
          query: (req) =>
            req.values && !plainIn(req.trans)
              ? zoned(table.query(req).then((res) => ({ ...res, result: res.result.map(opened) })))
              : table.query(req),
          openCursor: (req) =>
            req.values && !plainIn(req.trans)
              ? zoned(table.openCursor(req).then((cursor) => cursor && wrapCursor(cursor, opened)))
              : table.openCursor(req),
        };
      }

      /**
       * The purposes and the book's settings are kept in plain: a write to them tags them again, in
       * its transaction (bookTags.ts), once there are keys to tag with (a setup's first writes
       * come after its keys).
       */
      function taggedTable(table: DBCoreTable, name: string): DBCoreTable {
        return {
          ...table,
          mutate(req) {
            const written = isUpgrade(req.trans) || !keyring.unlocked ? [] : bookRecordsWritten(name, req);
            if (written?.length === 0) return table.mutate(req);
            return zoned(
              table.mutate(req).then(async (res) => {
                await retagCore(down, req.trans, keyring, written);
                return res;
              }),
            );
          },
        };
      }

      return {
        ...down,
        transaction(stores, mode, options) {
          const touchesPersons = stores.some((s) => sealSpecOf(s)?.personIdOf);
          const extra = touchesPersons ? (mode === 'readwrite' ? KEY_TABLES : SECRET_TABLES) : [];
          return down.transaction([...new Set([...stores, ...extra])], mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (name === 'auditLog' || name === 'auditSegments') return auditTable(table, name === 'auditSegments');
          if (isTaggedTable(name)) return taggedTable(table, name);
          const codec = codecFor(name);
          if (!codec) return table;
          return {
            ...table,
            get(req) {
              if (isUpgrade(req.trans)) return table.get(req);
              return zoned(
                table.get(req).then(async (value: unknown) => (await decodeAll(codec, req.trans, [value]))[0]),
              );
            },
            getMany(req) {
              if (isUpgrade(req.trans)) return table.getMany(req);
              return zoned(table.getMany(req).then((values) => decodeAll(codec, req.trans, values)));
            },
            query(req) {
              if (!req.values || isUpgrade(req.trans)) return table.query(req);
              return zoned(
                table
                  .query(req)
                  .then(async (res) => ({ ...res, result: await decodeAll(codec, req.trans, res.result) })),
              );
            },
            openCursor(req) {
              if (!req.values || isUpgrade(req.trans)) return table.openCursor(req);
              const loaded = codec.spec.personIdOf ? loadAllPersons(down, req.trans, keyring) : Promise.resolve();
              return zoned(
                loaded
                  .then(() => table.openCursor(req))
                  .then((cursor) => cursor && wrapCursor(cursor, (v) => codec.decode(v))),
              );
            },
            mutate(req) {
              // Schema upgrades move stored data as it is; sealing needs a signed-in user.
              if (isUpgrade(req.trans)) return table.mutate(req);
              if (req.type === 'add' || req.type === 'put') return zoned(encodeWrite(codec, table, req));
              if (name === 'persons') return zoned(eraseKeys(table, req));
              return table.mutate(req);
            },
          };
        },
      };
    },
  };
}

function openSegment<T>(v: T, open: <E>(e: E) => E): T {
  const segment = v as { entries?: unknown[] } | undefined;
  return (segment?.entries ? { ...segment, entries: segment.entries.map(open) } : v) as T;
}
