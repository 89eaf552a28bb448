/**
 * Opening sealed rows with WebCrypto, given the keys themselves: what a worker of the open pool
 * (openPool.ts) runs. Person keys are derived here as keyring.ts derives them (HMAC-SHA-256 of the
 * data key over the person's secret), so the main thread does no key work at all.
 */
import { fromJsonBytes } from '../core/crypto/json';
import { importAesKey, openAsync, recordAad, UnknownSealVersionError } from '../core/crypto/seal';

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

/** Why a row did not open: its key, and the unknown format version when that was the reason. */
export interface OpenFailure {
  key: string;
  unknownVersion?: number;
}

export class RowOpener {
  private readonly hmacKey: Promise<CryptoKey>;
  private readonly recordKey: Promise<CryptoKey>;
  private readonly personKeys = new Map<string, Promise<CryptoKey>>();

  constructor(keys: OpenKeys) {
    this.hmacKey = crypto.subtle.importKey(
      'raw',
      keys.dataKey as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    this.recordKey = importAesKey(keys.recordKey);
  }

  private keyOf(person: SealedRow['person']): Promise<CryptoKey> {
    if (!person) return this.recordKey;
    let key = this.personKeys.get(person.id);
    if (!key) {
      key = this.hmacKey
        .then((h) => crypto.subtle.sign('HMAC', h, person.secret as Uint8Array<ArrayBuffer>))
        .then((raw) => importAesKey(new Uint8Array(raw)));
      this.personKeys.set(person.id, key);
    }
    return key;
  }

  /** The rows opened, in order, or the first that does not open. */
  async open(
    table: string,
    primaryKey: string,
    rows: readonly SealedRow[],
  ): Promise<{ opened: object[] } | { failure: OpenFailure }> {
    let failure: OpenFailure | undefined;
    const opened = await Promise.all(
      rows.map(async ({ plain, sealed, person }) => {
        const key = plain[primaryKey];
        try {
          const bytes = await openAsync(await this.keyOf(person), sealed, recordAad(table, key, plain));
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
