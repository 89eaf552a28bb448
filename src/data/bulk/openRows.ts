/**
 * Opening sealed rows with WebCrypto, given the keys themselves: what a worker of the open pool
 * (openPool.ts) runs. Person keys are derived here as keyring.ts derives them (HMAC-SHA-256 of the
 * data key over the person's secret), so the main thread does no key work at all.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromJsonBytes } from '../core/crypto/json';
import { importAesKey, openAsync, recordAad, sealAsync, UnknownSealVersionError } from '../core/crypto/seal';
import { databaseExportPage } from '../../formats/portability';
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

/** Texts to seal under one new person's key (presealPersons.ts): its secret, and each text with its additional data. */
export interface SealJob {
  secret: Uint8Array;
  parts: { content: string; aad: Uint8Array; version: number }[];
}

const encoder = new TextEncoder();

/**
 * Each job's texts sealed under the person's key, derived as keyring.ts derives it (HMAC-SHA-256
 * of the data key over the secret): in a worker of the pool, or on the main thread without one.
 */
export function sealJobs(dataKey: Uint8Array, jobs: readonly SealJob[]): Promise<Uint8Array[][]> {
  return Promise.all(
    jobs.map(async ({ secret, parts }) => {
      const key = await importAesKey(hmac(sha256, dataKey, secret));
      return Promise.all(parts.map((p) => sealAsync(key, encoder.encode(p.content), p.aad, p.version)));
    }),
  );
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
 * A share of the whole-database export's page (queries/reports.ts, allPortabilityJson): its
 * records as stored, opened and formatted where it is handed (a worker), so the page's thread
 * never holds them opened nor their text.
 */
export interface PortabilityJob {
  /** Persons as stored, in order, with each one's key secret (none: a person stored in plain). */
  persons: readonly Record<string, unknown>[];
  secrets: readonly (Uint8Array | undefined)[];
  /** As stored, of these persons only, in the page's order. */
  consents: readonly Record<string, unknown>[];
  /** As stored, each linking one of these persons at least, in the page's order (pageOrder). */
  transactions: readonly Record<string, unknown>[];
  purposes: readonly Purpose[];
  /** The export's first persons: no separator before the first entry. */
  first: boolean;
}

type StoredRow = Record<string, unknown> & { sealed?: unknown };

export class RowOpener {
  private readonly dataKey: Uint8Array;
  private readonly recordKey: Promise<CryptoKey>;

  constructor(keys: OpenKeys) {
    this.dataKey = keys.dataKey;
    this.recordKey = importAesKey(keys.recordKey);
  }

  /**
   * Each person's key once per job (a person and their consents), none kept after it: a whole
   * export meets every person once. The HMAC is computed here, synchronously, as keyring.ts does —
   * one WebCrypto call per person fewer (each is a hop to another thread and back).
   */
  private keysOf(): (person: SealedRow['person']) => Promise<CryptoKey> {
    const keys = new Map<string, Promise<CryptoKey>>();
    return (person) => {
      if (!person) return this.recordKey;
      let key = keys.get(person.id);
      if (!key) keys.set(person.id, (key = importAesKey(hmac(sha256, this.dataKey, person.secret))));
      return key;
    };
  }

  /** The rows opened, in order, or the first that does not open. */
  async open(
    table: string,
    primaryKey: string,
    rows: readonly SealedRow[],
  ): Promise<{ opened: object[] } | { failure: OpenFailure }> {
    let failure: OpenFailure | undefined;
    const keyOf = this.keysOf();
    const opened = await Promise.all(
      rows.map(async ({ plain, sealed, person }) => {
        try {
          return await openRow(table, primaryKey, plain, sealed, keyOf(person));
        } catch (e) {
          failure ??= failureOf(plain[primaryKey], e);
          return plain;
        }
      }),
    );
    return failure ? { failure } : { opened };
  }

  /**
   * A share of the export's page opened and formatted (databaseExportPage), as UTF-8: what the
   * page's thread puts into the file as it is. A person's consents open under the person's key,
   * derived once for both.
   */
  async portability(job: PortabilityJob): Promise<{ bytes: Uint8Array<ArrayBuffer> } | { failure: OpenFailure }> {
    const keyOf = this.keysOf();
    const secrets = new Map(job.persons.map((p, i) => [String(p.id), job.secrets[i]]));
    let failure: OpenFailure | undefined;
    const openAll = <T>(table: string, rows: readonly StoredRow[], personIdOf?: (r: StoredRow) => string) =>
      Promise.all(
        rows.map(async (row) => {
          if (!(row.sealed instanceof Uint8Array)) return row as T;
          const { sealed, ...plain } = row;
          try {
            let person: SealedRow['person'];
            if (personIdOf) {
              const id = personIdOf(plain);
              const secret = secrets.get(id);
              if (!secret) throw new MissingSecret(id);
              person = { id, secret };
            }
            return (await openRow(table, 'id', plain, sealed, keyOf(person))) as T;
          } catch (e) {
            failure ??= { ...failureOf(plain.id, e), table };
            return plain as T;
          }
        }),
      );
    const [persons, consents, transactions] = await Promise.all([
      openAll<Person>('persons', job.persons, (r) => String(r.id)),
      openAll<Consent>('consents', job.consents, (r) => String(r.personId)),
      openAll<BusinessTransaction>('transactions', job.transactions),
    ]);
    if (failure) return { failure };
    const purposes = new Map(job.purposes.map((p) => [p.id, p] as const));
    return { bytes: encoder.encode(databaseExportPage({ persons, consents, transactions }, purposes, job.first)) };
  }
}

class MissingSecret extends Error {
  constructor(readonly personId: string) {
    super(`No key secret for person ${personId}`);
  }
}

async function openRow(
  table: string,
  primaryKey: string,
  plain: Record<string, unknown>,
  sealed: Uint8Array,
  key: Promise<CryptoKey>,
): Promise<object> {
  const bytes = await openAsync(await key, sealed, recordAad(table, plain[primaryKey], plain));
  return { ...plain, ...fromJsonBytes<object>(bytes) };
}

function failureOf(key: unknown, e: unknown): OpenFailure {
  if (e instanceof MissingSecret) return { key: String(key), missingKeyOf: e.personId };
  return { key: String(key), unknownVersion: e instanceof UnknownSealVersionError ? e.version : undefined };
}
