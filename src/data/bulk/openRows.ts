/**
 * Opening sealed rows with WebCrypto, given the keys themselves: what a worker of the open pool
 * (openPool.ts) runs. Person keys are derived here as keyring.ts derives them (HMAC-SHA-256 of the
 * data key over the person's secret), so the main thread does no key work at all.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromJsonBytes } from '../core/crypto/json';
import { importAesKey, openAsync, recordAad, sealAsync, UnknownSealVersionError } from '../core/crypto/seal';

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
}

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
        const key = plain[primaryKey];
        try {
          const bytes = await openAsync(await keyOf(person), sealed, recordAad(table, key, plain));
          return { ...plain, ...fromJsonBytes<object>(bytes) };
        } catch (e) {
          failure ??= {
            key: String(key),
            unknownVersion: e instanceof UnknownSealVersionError ? e.version : undefined,
          };
          return plain;
        }
      }),
    );
    return failure ? { failure } : { opened };
  }
}
