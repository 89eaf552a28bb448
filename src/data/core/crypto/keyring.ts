/**
 * The keys of one open database, in memory only, while a user is signed in.
 *
 * - The data key: 256 random bits, made once per database, stored only wrapped by each user's
 *   passphrase-derived key (see passphrase.ts). Signing out or the idle lock drops it.
 * - The record key (HKDF of the data key): seals data not tied to one person (transactions,
 *   requests, breaches, campaigns, attachments).
 * - The audit key (HKDF of the data key, another label): keys the audit log's hash chain, so
 *   nobody without a user's passphrase can recompute it (domain/auditChain.ts).
 * - A person key per person: HMAC-SHA-256 of the data key over a random 256-bit secret of that
 *   person's own, kept in the `personKeys` table. Erasure deletes the secret: without it the key
 *   cannot be derived again, so the person's sealed records are unreadable everywhere they remain
 *   (disk remnants, backups restored on a device that knows of the erasure). Secrets come into
 *   memory when a reader needs them, not at unlock (issue 18: 100,000 of them before the first
 *   rows took seconds).
 * - The person's secret itself keys the inner layer of their directory entry, inside the bucket's
 *   seal under the record key (directory/buckets.ts): reading an entry then needs the data key
 *   and the secret, as the person key does, at the cost of one stream cipher instead of an HMAC
 *   and a cipher per person and sign-in.
 * - The book's key epochs (issue 20): a random key per epoch, reaching each member in a key grant
 *   (data/team). A person's secret travels sealed under the current epoch's key (sync/docs.ts), so
 *   a member removed at the start of an epoch cannot open the secrets of persons written after it,
 *   even holding the data key. Records themselves stay sealed under the data key's keys.
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { KeysLockedError } from '../errors';
import { PersonKeys } from './personKey';

export interface PersonKeyRecord {
  personId: string;
  secret: Uint8Array;
}

export class Keyring {
  /**
   * @param personSecretsStored false only for the benchmark's database without sealing: no
   * secret is stored, so none is looked for (its transactions do not reach `personKeys`).
   */
  constructor(readonly personSecretsStored = true) {}

  private dataKey: Uint8Array | null = null;
  private personKeys: PersonKeys | null = null;
  private recordKeyBytes: Uint8Array | null = null;
  private auditKeyBytes: Uint8Array | null = null;
  private secrets = new Map<string, Uint8Array>();
  private derived = new Map<string, Uint8Array>();
  private epochKeys = new Map<number, Uint8Array>();
  /**
   * Keys derived from the data key or an epoch's key, kept while unlocked: a pull checks every
   * document against the key id and the envelope key, and opens every person's secret (HKDF each).
   */
  private labelled = new Map<string, Uint8Array>();

  get unlocked(): boolean {
    return this.dataKey !== null;
  }

  /** Whether every stored person secret was loaded since unlock (loadAllPersons in sealing.ts). */
  allPersonsLoaded = false;

  /**
   * Holds no person secret yet: each reader loads those it needs (loadPersonSecrets), so signing
   * in does not wait for 100,000 of them.
   */
  unlock(dataKey: Uint8Array): void {
    this.lock();
    this.dataKey = dataKey.slice();
    this.personKeys = new PersonKeys(this.dataKey);
    this.recordKeyBytes = derive(this.dataKey, 'consentbook records', 32);
    this.auditKeyBytes = derive(this.dataKey, 'consentbook audit chain', 32);
  }

  lock(): void {
    this.dataKey?.fill(0);
    this.personKeys?.destroy();
    this.personKeys = null;
    this.recordKeyBytes?.fill(0);
    this.auditKeyBytes?.fill(0);
    for (const k of this.derived.values()) k.fill(0);
    this.dataKey = null;
    this.recordKeyBytes = null;
    this.auditKeyBytes = null;
    this.secrets.clear();
    this.allPersonsLoaded = false;
    this.derived.clear();
    for (const k of this.labelled.values()) k.fill(0);
    this.labelled.clear();
    for (const k of this.epochKeys.values()) k.fill(0);
    this.epochKeys.clear();
  }

  /** The newest key epoch known here (0: none yet; a book that never synced as a team). */
  get epoch(): number {
    return Math.max(0, ...this.epochKeys.keys());
  }

  addEpochKey(epoch: number, key: Uint8Array): void {
    if (!this.dataKey) throw new KeysLockedError();
    this.dropEpochKey(epoch);
    this.epochKeys.set(epoch, key.slice());
  }

  /** Undoes addEpochKey when the epoch's grants could not be stored. */
  dropEpochKey(epoch: number): void {
    this.epochKeys.get(epoch)?.fill(0);
    this.epochKeys.delete(epoch);
    const wrap = `epoch ${epoch}`;
    this.labelled.get(wrap)?.fill(0);
    this.labelled.delete(wrap);
  }

  /** Every epoch's key known here, oldest first (a grant hands them all on). */
  epochKeyList(): [number, Uint8Array][] {
    if (!this.dataKey) throw new KeysLockedError();
    return [...this.epochKeys].sort(([a], [b]) => a - b);
  }

  /** The key person secrets travel under in an epoch (HKDF of the epoch's key); undefined when not held. */
  secretWrapKey(epoch: number): Uint8Array | undefined {
    if (!this.dataKey) throw new KeysLockedError();
    const key = this.epochKeys.get(epoch);
    return key && this.memo(`epoch ${epoch}`, () => derive(key, 'consentbook person secrets', 32));
  }

  /** An HKDF of the data key under `label` (32 bytes), derived once while unlocked. */
  dataKeyDerived(label: string): Uint8Array {
    const dataKey = this.requireDataKey();
    return this.memo(`data ${label}`, () => derive(dataKey, label, 32));
  }

  private memo(name: string, make: () => Uint8Array): Uint8Array {
    let key = this.labelled.get(name);
    if (!key) this.labelled.set(name, (key = make()));
    return key;
  }

  /** The data key itself, to wrap it for another user's passphrase. */
  requireDataKey(): Uint8Array {
    if (!this.dataKey) throw new KeysLockedError();
    return this.dataKey;
  }

  recordKey(): Uint8Array {
    if (!this.recordKeyBytes) throw new KeysLockedError();
    return this.recordKeyBytes;
  }

  auditKey(): Uint8Array {
    if (!this.auditKeyBytes) throw new KeysLockedError();
    return this.auditKeyBytes;
  }

  /** Names the data key without revealing it: a backup of the same book carries the same id. */
  keyId(): string {
    const dataKey = this.requireDataKey();
    return bytesToHex(this.memo('key id', () => derive(dataKey, 'consentbook key id', 8)));
  }

  hasPerson(personId: string): boolean {
    return this.secrets.has(personId);
  }

  addPerson(record: PersonKeyRecord): void {
    // A key derived from another secret must not outlive it.
    if (this.secrets.get(record.personId) !== record.secret) this.derived.delete(record.personId);
    this.secrets.set(record.personId, record.secret);
  }

  /** The person's secret, for a worker of the open pool to derive their key itself (bulk/openPool.ts). */
  secretOf(personId: string): Uint8Array | undefined {
    if (!this.dataKey) throw new KeysLockedError();
    return this.secrets.get(personId);
  }

  forgetPerson(personId: string): void {
    this.derived.get(personId)?.fill(0);
    this.derived.delete(personId);
    this.secrets.delete(personId);
  }

  /** The person's secret (see above: the directory's inner layer), or undefined when not known. */
  personSecret(personId: string): Uint8Array | undefined {
    if (!this.dataKey) throw new KeysLockedError();
    return this.secrets.get(personId);
  }

  /** The person's key, or undefined when their secret is not known (erased, or not loaded). */
  personKey(personId: string): Uint8Array | undefined {
    const personKeys = this.personKeys;
    if (!personKeys) throw new KeysLockedError();
    let key = this.derived.get(personId);
    if (!key) {
      const secret = this.secrets.get(personId);
      if (!secret) return undefined;
      key = personKeys.of(secret);
      this.derived.set(personId, key);
    }
    return key;
  }
}

function derive(dataKey: Uint8Array, label: string, length: number): Uint8Array {
  return hkdf(sha256, dataKey, undefined, new TextEncoder().encode(label), length);
}

export function newPersonSecret(personId: string): PersonKeyRecord {
  return { personId, secret: crypto.getRandomValues(new Uint8Array(32)) };
}
