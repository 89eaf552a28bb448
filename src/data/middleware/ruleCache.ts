/**
 * What the rules read on every write and which rarely changes — the privacy settings, the purposes
 * and the audit chain's head — kept per connection, so a save does not wait for them.
 *
 * Only committed state is cached: a read-write transaction widened to the rule tables (every one
 * is) sees the latest commit, and a transaction that writes settings or purposes itself reads past
 * the cache. Entries are dropped when such a write is made here, and when Dexie's
 * `storagemutated` reports a commit — of this tab or, by its broadcast, another one (so a write in
 * the few milliseconds before another tab's broadcast arrives is judged by the value before it).
 */
import Dexie, { RangeSet, rangesOverlap, type DBCore, type DBCoreTransaction, type ObservabilitySet } from 'dexie';
import { AUDIT_HEAD_KEY, EMPTY_HEAD, type ChainHead } from '../../domain/auditChain';
import type { Purpose } from '../../domain/purpose';
import { DEFAULT_PRIVACY_SETTINGS, type PrivacySettings } from '../../domain/settings';

const PRIVACY_KEY = new RangeSet('privacy');
const HEAD_KEY = new RangeSet(AUDIT_HEAD_KEY);

export class RuleCache {
  private privacy?: Promise<PrivacySettings>;
  private purposes = new Map<string, Promise<Purpose | undefined>>();
  /** Transactions that wrote settings or purposes: they read their own uncommitted state. */
  private writers = new WeakSet<object>();
  /** The chain head per transaction: read once, at its first write, then moved by each append. */
  private heads = new WeakMap<object, Promise<ChainHead>>();
  /** Where each transaction's appends moved the head (known at its commit). */
  private moved = new WeakMap<object, ChainHead>();
  /**
   * The head as this connection's last commit left it — a guess for the next save (enforcement.ts
   * checks it in the save's own round trip), dropped when any other commit moves the head.
   */
  private committedHead?: ChainHead;
  /** The head of this connection's commit being reported: set just before Dexie reports it. */
  private reporting?: ChainHead;

  constructor(dbName: string) {
    const settingsPart = `idb://${dbName}/settings/`;
    const purposesPart = `idb://${dbName}/purposes/`;
    Dexie.on('storagemutated', (parts: Partial<ObservabilitySet>) => {
      const settings = parts[settingsPart];
      if (parts[purposesPart] || (settings && rangesOverlap(settings, PRIVACY_KEY))) this.drop();
      // Dexie reports this tab's commit right after the listener of watchHead; any other report
      // (another connection, another tab by broadcast) leaves the head unknown.
      if (settings && rangesOverlap(settings, HEAD_KEY)) this.committedHead = this.reporting;
      this.reporting = undefined;
    });
  }

  /**
   * Called as a read-write transaction is made (before Dexie's completion handler, as watchCommit):
   * at its commit the head it moved to is the one committed.
   */
  watchHead(trans: DBCoreTransaction): void {
    const target = trans as unknown as EventTarget;
    if (typeof target.addEventListener !== 'function') return;
    target.addEventListener('complete', () => {
      this.reporting = this.writers.has(trans) ? undefined : this.moved.get(trans);
      // Nothing reported for it (no write of the head): not taken for another commit's.
      setTimeout(() => (this.reporting = undefined));
    });
  }

  /**
   * A guess of the head for a transaction's first append: the one this connection last committed,
   * when no other commit is known to have moved it since. None once the transaction has its head
   * (read or moved) or wrote settings or purposes itself.
   */
  guessHead(trans: DBCoreTransaction): ChainHead | undefined {
    return this.heads.has(trans) || this.writers.has(trans) ? undefined : this.committedHead;
  }

  /** The transaction's appends chain onto `head` without reading it (its check is the caller's). */
  assumeHead(trans: DBCoreTransaction, head: ChainHead): void {
    this.heads.set(trans, Promise.resolve(head));
  }

  private drop(): void {
    this.privacy = undefined;
    this.purposes.clear();
  }

  /** A write to settings or purposes from above: this transaction reads them itself from now on. */
  written(trans: DBCoreTransaction, table: string): void {
    if (table !== 'settings' && table !== 'purposes') return;
    this.writers.add(trans);
    // The head too: a restore may write it, and appends must chain onto what it wrote.
    this.heads.delete(trans);
    this.drop();
  }

  private cached<T>(
    trans: DBCoreTransaction,
    read: () => Promise<T>,
    slot: () => Promise<T> | undefined,
    keep: (p: Promise<T>) => void,
  ): Promise<T> {
    if (this.writers.has(trans)) return read();
    const hit = slot();
    if (hit) return hit;
    const reading = read();
    keep(reading);
    // A failed read is not kept (a read overtaken by a change was dropped with it).
    reading.catch(() => this.drop());
    return reading;
  }

  /** `down`: the layers below, entered in the writing transaction's zone (enforcement.ts). */
  readPrivacy(down: DBCore, trans: DBCoreTransaction): Promise<PrivacySettings> {
    return this.cached(
      trans,
      () => readPrivacy(down, trans),
      () => this.privacy,
      (p) => {
        this.privacy = p;
      },
    );
  }

  readPurpose(down: DBCore, trans: DBCoreTransaction, id: string): Promise<Purpose | undefined> {
    return this.cached(
      trans,
      () => down.table('purposes').get({ trans, key: id }) as Promise<Purpose | undefined>,
      () => this.purposes.get(id),
      (p) => {
        this.purposes.set(id, p);
      },
    );
  }

  /** Starts reading the head early, beside the write's other reads (a no-op once started). */
  prefetchHead(down: DBCore, trans: DBCoreTransaction): void {
    void this.head(down, trans);
  }

  /** The head to chain onto; appends in one transaction run in turn (audit.ts) and move it. */
  head(down: DBCore, trans: DBCoreTransaction): Promise<ChainHead> {
    let head = this.heads.get(trans);
    if (!head) {
      head = storedHead(down, trans);
      // A prefetch nobody awaits: when a rule refuses the write, the aborted read must not surface
      // as an unhandled rejection (those who await the head still see the error).
      head.catch(() => undefined);
      this.heads.set(trans, head);
    }
    return head;
  }

  moveHead(trans: DBCoreTransaction, head: ChainHead): void {
    this.heads.set(trans, Promise.resolve(head));
    this.moved.set(trans, head);
  }
}

async function readPrivacy(down: DBCore, trans: DBCoreTransaction): Promise<PrivacySettings> {
  const rec = (await down.table('settings').get({ trans, key: 'privacy' })) as
    { value?: Partial<PrivacySettings> } | undefined;
  return { ...DEFAULT_PRIVACY_SETTINGS, ...(rec?.value ?? {}) };
}

/** The head as stored now, read past every cache (also the check of a guessed head). */
export async function storedHead(down: DBCore, trans: DBCoreTransaction): Promise<ChainHead> {
  const stored = (await down.table('settings').get({ trans, key: AUDIT_HEAD_KEY })) as { value: ChainHead } | undefined;
  return stored?.value ?? EMPTY_HEAD;
}
