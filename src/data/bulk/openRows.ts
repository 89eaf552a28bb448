/**
 * Opening sealed rows given the keys themselves: what a worker of the open pool (openPool.ts) runs.
 * Person keys are derived here as keyring.ts derives them (HMAC-SHA-256 of the data key over the
 * person's secret), so the main thread does no key work at all. The cipher is the synchronous one
 * written for this (core/crypto/aesGcm.ts), not WebCrypto: Chromium runs the WebCrypto calls of a
 * page and all its workers on one thread, so two workers' calls did not run side by side, and each
 * record paid a hop there and back and each person a key import (measured: see the README's
 * "Export of everything").
 */
import { fromJsonBytes } from '../core/crypto/json';
import { PersonKeys } from '../core/crypto/personKey';
import { gcmDecryptInto, gcmEncrypt } from '../core/crypto/aesGcm';
import {
  openWith,
  recordAad,
  recordAadInPlace,
  RECORD_SEAL_VERSION,
  SEAL_VERSION,
  sealWith,
  splitRecord,
  UnknownSealVersionError,
  type GcmFunction,
} from '../core/crypto/seal';
import { newPersonSecret, type PersonKeyRecord } from '../core/crypto/keyring';
import { personTextAad } from '../core/crypto/auditText';
import { databaseExportPage } from '../../formats/portability';
import type { PersonsInRange } from './storedPersons';
import { utf8, utf8InPlace } from '../../domain/utf8';
import type { Consent } from '../../domain/consent';
import type { Person } from '../../domain/person';
import type { Purpose } from '../../domain/purpose';
import type { BusinessTransaction } from '../../domain/transaction';

export interface OpenKeys {
  dataKey: Uint8Array;
  recordKey: Uint8Array;
}

export interface SealedRow {
  plain: Record<string, unknown>;
  sealed: Uint8Array;
  /** Sealed under this person's key; none: under the record key. */
  person?: { id: string; secret: Uint8Array };
}

/**
 * New persons to seal before the middleware does (presealPersons.ts), each as the rules will store
 * it, and — when `text` is given — the text of the audit entry each will get.
 */
export interface PresealJob {
  /** The persons table's plain fields (TableCodec.plain). */
  plain: readonly string[];
  persons: readonly Record<string, unknown>[];
  text?: string;
}

/** A new person sealed under a key secret of their own, and their audit entry's text under the same key. */
export interface PresealedRow {
  secret: PersonKeyRecord;
  sealed: Uint8Array;
  sealedText?: Uint8Array;
}

/**
 * Each person split into plain fields and sealed JSON as the sealing middleware splits it, given a
 * new key secret (keyring.ts) and sealed under the key derived from it, the additional data over
 * the plain fields (recordAad) — all the per-person work of sealing, done by the import just before
 * each chunk's write, in the chunk's own task (presealPersons.ts).
 */
export function presealRows(dataKey: Uint8Array, job: PresealJob): PresealedRow[] {
  const personKeys = new PersonKeys(dataKey);
  const plainFields = new Set(job.plain);
  const text = job.text === undefined ? undefined : utf8(job.text);
  return job.persons.map((person) => {
    const id = String(person.id);
    const { plain, content } = splitRecord(person, plainFields);
    const secret = newPersonSecret(id);
    const key = personKeys.of(secret.secret);
    const aad = recordAad('persons', id, plain);
    const sealed = sealWith(gcmEncrypt, key, utf8InPlace(content), aad, RECORD_SEAL_VERSION);
    if (!text) return { secret, sealed };
    return { secret, sealed, sealedText: sealWith(gcmEncrypt, key, text, personTextAad(id), SEAL_VERSION) };
  });
}

/** Why a row did not open: its key, and the unknown format version when that was the reason. */
export interface OpenFailure {
  key: string;
  unknownVersion?: number;
  /** A portability job's: the row's table, and the person whose key secret it lacked. */
  table?: string;
  missingKeyOf?: string;
}

/**
 * A share of the whole-database export's page (queries/databaseExport.ts): its persons' ids and key
 * secrets, and their consents and transactions as stored; the persons are read by key range, opened
 * and formatted where the share is handed (a worker), so the page's thread never holds them —
 * neither as stored nor opened — nor their text.
 */
export interface PortabilityJob {
  /** The share's persons, in key order: the persons stored from the first to the last, these among them. */
  ids: readonly string[];
  /** Each one's key secret (none: a person stored in plain, or none known). */
  secrets: readonly (Uint8Array | undefined)[];
  /** As stored, of these persons only, in the page's order. */
  consents: readonly Record<string, unknown>[];
  /** As stored, each linking one of these persons at least, in the page's order (pageOrder). */
  transactions: readonly Record<string, unknown>[];
  purposes: readonly Purpose[];
}

/** A share formatted: its entries, each with the separator before it (`,\n`), as UTF-8, and how many persons they are. */
export interface FormattedShare {
  bytes: Uint8Array<ArrayBuffer>;
  persons: number;
}

type StoredRow = Record<string, unknown> & { sealed?: unknown };

export class RowOpener {
  private readonly personKeys: PersonKeys;
  private readonly recordKey: Uint8Array;

  /** `persons`: where an export's shares read their persons (none: this opener formats no export). */
  constructor(
    keys: OpenKeys,
    private readonly persons?: PersonsInRange,
  ) {
    this.personKeys = new PersonKeys(keys.dataKey);
    this.recordKey = keys.recordKey;
  }

  /** Each person's key once per job (a person and their consents), none kept after it: a whole export meets every person once. */
  private keysOf(): (person: SealedRow['person']) => Uint8Array {
    const keys = new Map<string, Uint8Array>();
    return (person) => {
      if (!person) return this.recordKey;
      let key = keys.get(person.id);
      if (!key) keys.set(person.id, (key = this.personKeys.of(person.secret)));
      return key;
    };
  }

  /** The rows opened, in order, or the first that does not open. */
  open(
    table: string,
    primaryKey: string,
    rows: readonly SealedRow[],
  ): Promise<{ opened: object[] } | { failure: OpenFailure }> {
    let failure: OpenFailure | undefined;
    const keyOf = this.keysOf();
    const opened = rows.map(({ plain, sealed, person }) => {
      try {
        return openRow(table, primaryKey, plain, sealed, keyOf(person));
      } catch (e) {
        failure ??= failureOf(plain[primaryKey], e);
        return plain;
      }
    });
    return Promise.resolve(failure ? { failure } : { opened });
  }

  /**
   * A share of the export's page read, opened and formatted (databaseExportPage), as UTF-8: what
   * the page's thread puts into the file as it is. Its persons are read here as one key range, of
   * which those handed out are kept (one stored since is not the page's; one deleted since is
   * simply not read, and their consents are not opened). A person's consents open under the
   * person's key, derived once for both.
   */
  async portability(job: PortabilityJob): Promise<FormattedShare | { failure: OpenFailure }> {
    if (!this.persons) throw new Error('This opener was given no way to read persons');
    const secrets = new Map(job.ids.map((id, i) => [id, job.secrets[i]]));
    const stored =
      job.ids.length === 0
        ? []
        : (await this.persons(job.ids[0], job.ids[job.ids.length - 1])).filter((p) => secrets.has(String(p.id)));
    const read = new Set(stored.map((p) => String(p.id)));
    const keyOf = this.keysOf();
    let failure: OpenFailure | undefined;
    const openAll = <T>(table: string, rows: readonly StoredRow[], personIdOf?: (r: StoredRow) => string) =>
      rows.map((row) => {
        if (!(row.sealed instanceof Uint8Array)) {
          // In plain: put there outside the app (core/errors.ts plainRecordError).
          failure ??= { key: String(row.id), table };
          return row as T;
        }
        const { sealed, ...plain } = row;
        try {
          let person: SealedRow['person'];
          if (personIdOf) {
            const id = personIdOf(plain);
            const secret = secrets.get(id);
            if (!secret) throw new MissingSecret(id);
            person = { id, secret };
          }
          return openRow(table, 'id', plain, sealed, keyOf(person)) as T;
        } catch (e) {
          failure ??= { ...failureOf(plain.id, e), table };
          return plain as T;
        }
      });
    const persons = openAll<Person>('persons', stored, (r) => String(r.id));
    const ofRead = job.consents.filter((c) => read.has(String(c.personId)));
    const consents = openAll<Consent>('consents', ofRead, (r) => String(r.personId));
    const transactions = openAll<BusinessTransaction>('transactions', job.transactions);
    if (failure) return { failure };
    const purposes = new Map(job.purposes.map((p) => [p.id, p] as const));
    return {
      bytes: utf8(databaseExportPage({ persons, consents, transactions }, purposes, false)),
      persons: persons.length,
    };
  }
}

class MissingSecret extends Error {
  constructor(readonly personId: string) {
    super(`No key secret for person ${personId}`);
  }
}

/** The opened text's bytes, reused by the next record: parsed at once (its bytes revived into arrays of their own). */
let textBuffer = new Uint8Array(4096);
const decryptInPlace: GcmFunction = (key, nonce, aad, body) => {
  if (body.length > textBuffer.length) textBuffer = new Uint8Array(2 * body.length);
  return gcmDecryptInto(key, nonce, aad, body, textBuffer);
};

function openRow(
  table: string,
  primaryKey: string,
  plain: Record<string, unknown>,
  sealed: Uint8Array,
  key: Uint8Array,
): object {
  // The additional data and the text in buffers of this worker, not new ones per record.
  const bytes = openWith(decryptInPlace, key, sealed, recordAadInPlace(table, plain[primaryKey], plain));
  return { ...plain, ...(fromJsonBytes(bytes) as object) };
}

function failureOf(key: unknown, e: unknown): OpenFailure {
  if (e instanceof MissingSecret) return { key: String(key), missingKeyOf: e.personId };
  return { key: String(key), unknownVersion: e instanceof UnknownSealVersionError ? e.version : undefined };
}
