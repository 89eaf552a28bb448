/**
 * Opening many sealed records in a pool of workers (the whole-database export): each worker opens
 * its share with WebCrypto and derives the person keys itself, while the main thread formats what
 * was opened before. Without workers (Node: the unit tests) records open on the main thread
 * (directory/bulkRead.ts), with the same results and errors.
 *
 * The workers get the data key and the record key for their lifetime: they live in this page only,
 * as the keys do, and are ended when the export ends (`close`). For an export they read the
 * persons themselves (bulk/storedPersons.ts), each over a connection of its own to the book.
 */
import { rawConnection, type ConsentbookDB } from '../db';
import { personsIn } from './storedPersons';
import { loadSecretsOfRows, openStored } from '../directory/bulkRead';
import { isSealed, SEALED_TABLES } from '../middleware/sealing';
import { PersonKeyMissingError, plainRecordError, SealedRecordError } from '../core/errors';
import { UnknownSealVersionError } from '../core/crypto/seal';
import { RowOpener, type OpenFailure, type PortabilityJob, type SealedRow } from './openRows';
import type { OpenWorkerMessage } from './openWorker';

export interface RecordOpener {
  /** The rows as stored, opened, in order (rows stored in plain pass as they are). */
  open<T>(table: string, rows: readonly unknown[], primaryKey?: string): Promise<T[]>;
  /** Shares of an export page read, opened and formatted (RowOpener.portability), one per lane, as UTF-8 Blobs, in order. */
  portability(shares: readonly PortabilityJob[]): Promise<FormattedBlob[]>;
  /** How many shares go out at once: one per worker. */
  readonly lanes: number;
  close(): void;
}

/** A share's entries as a Blob made where they were formatted, and how many persons they are. */
export interface FormattedBlob {
  blob: Blob;
  persons: number;
}

type Reply = { job: number } & ({ opened: object[] } | { failure: OpenFailure } | FormattedBlob | { error: string });

/** The error a failed row stands for, as the sealing middleware would throw it. */
function failed(table: string, { key, unknownVersion, missingKeyOf }: OpenFailure): Error {
  if (missingKeyOf !== undefined) return new PersonKeyMissingError(missingKeyOf);
  return unknownVersion === undefined
    ? new SealedRecordError(table, key, undefined)
    : new UnknownSealVersionError(unknownVersion);
}

export function openPool(db: ConsentbookDB): RecordOpener {
  if (typeof Worker === 'undefined') {
    let here: RowOpener | undefined;
    return {
      open: (table, rows, primaryKey) => openStored(db, table, rows, primaryKey),
      // The shares one after another on this thread, split as for two workers; their persons
      // read with IndexedDB as a worker reads them, through the raw connection's database.
      async portability(shares) {
        here ??= new RowOpener(
          { dataKey: db.keyring.requireDataKey(), recordKey: db.keyring.recordKey() },
          personsIn(async () => {
            const raw = rawConnection(db);
            if (!raw.isOpen()) await raw.open();
            return raw.backendDB();
          }),
        );
        const out: FormattedBlob[] = [];
        for (const share of shares) {
          const reply = await here.portability(share);
          if ('failure' in reply) throw failed(reply.failure.table ?? 'persons', reply.failure);
          out.push({ blob: new Blob([reply.bytes]), persons: reply.persons });
        }
        return out;
      },
      lanes: 2,
      close: () => undefined,
    };
  }
  const size = Math.min(4, Math.max(2, navigator.hardwareConcurrency));
  const keys = { dataKey: db.keyring.requireDataKey(), recordKey: db.keyring.recordKey() };
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: unknown) => void }>();
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(new URL('./openWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<Reply>) => {
      pending.get(e.data.job)?.resolve(e.data);
      pending.delete(e.data.job);
    };
    worker.onerror = (e) => {
      for (const p of pending.values()) p.reject(new Error(`An open worker failed: ${e.message}`));
      pending.clear();
    };
    worker.postMessage({ type: 'keys', keys, database: db.name } satisfies OpenWorkerMessage);
    return worker;
  });
  let jobs = 0;

  function ask(worker: Worker, message: OpenWorkerMessage & { job: number }): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      pending.set(message.job, { resolve, reject });
      worker.postMessage(message);
    });
  }

  function send(worker: Worker, table: string, primaryKey: string, rows: SealedRow[]): Promise<object[]> {
    return ask(worker, { type: 'open', job: ++jobs, table, primaryKey, rows }).then((reply) => {
      if ('opened' in reply) return reply.opened;
      if (!('failure' in reply)) throw new Error('An open worker answered an open with something else');
      throw failed(table, reply.failure);
    });
  }

  return {
    async open<T>(table: string, rows: readonly unknown[], primaryKey = 'id'): Promise<T[]> {
      const spec = SEALED_TABLES[table];
      await loadSecretsOfRows(db, table, rows);
      const sealed: SealedRow[] = [];
      const at: number[] = [];
      for (const [i, record] of rows.entries()) {
        if (!isSealed(record)) {
          // In plain: put there outside the app (core/errors.ts), or the benchmark's unsealed comparison.
          if (db.sealing) throw plainRecordError(table, (record as Record<string, unknown>)[primaryKey]);
          continue;
        }
        const { sealed: bytes, ...plain } = record;
        const personId = spec.personIdOf?.(plain);
        let person: SealedRow['person'];
        if (personId !== undefined) {
          const secret = db.keyring.secretOf(personId);
          if (!secret) throw new PersonKeyMissingError(personId);
          person = { id: personId, secret };
        }
        sealed.push({ plain, sealed: bytes, person });
        at.push(i);
      }
      // Contiguous shares, one per worker.
      const share = Math.ceil(sealed.length / workers.length);
      const parts = await Promise.all(
        workers.map((w, k) =>
          share * k < sealed.length
            ? send(w, table, primaryKey, sealed.slice(share * k, share * (k + 1)))
            : Promise.resolve([]),
        ),
      );
      const out = [...rows] as T[];
      parts.flat().forEach((opened, j) => (out[at[j]] = opened as T));
      return out;
    },
    portability(shares: readonly PortabilityJob[]): Promise<FormattedBlob[]> {
      return Promise.all(
        shares.map((share, k) =>
          ask(workers[k % workers.length], { type: 'portability', job: ++jobs, share }).then((reply) => {
            if ('blob' in reply) return { blob: reply.blob, persons: reply.persons };
            if ('error' in reply) throw new Error(`An export page could not be read: ${reply.error}`);
            if ('failure' in reply) throw failed(reply.failure.table ?? 'persons', reply.failure);
            throw new Error('An open worker answered an export page with something else');
          }),
        ),
      );
    },
    lanes: workers.length,
    close() {
      for (const w of workers) w.terminate();
      for (const p of pending.values()) p.reject(new Error('The open pool was closed'));
      pending.clear();
    },
  };
}
