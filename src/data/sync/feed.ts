/**
 * The applier: reads the local replica's changes feed from the stored checkpoint, checks every
 * document (check.ts) and applies what passes in batches (apply.ts); what fails is quarantined.
 * A document whose person or author has not been applied yet is preceded by that one (looked up in
 * the replica); if it has not arrived at all, the batch ends before it and the feed resumes there
 * once more documents came in. Documents this device wrote are not applied again. An audit segment
 * bringing another version of an entry held here (a chain rewritten after it was sent) is refused.
 */
import { rawConnection, type ConsentbookDB } from '../db';
import type { Group, User } from '../../domain/user';
import type { Person } from '../../domain/person';
import { DEFAULT_PRIVACY_SETTINGS, type PrivacySettings } from '../../domain/settings';
import type { PersonKeyRecord } from '../core/crypto/keyring';
import { SEALED_TABLES, TableCodec } from '../middleware/sealing';
import { applyBatch, erasedIn, type Batch } from './apply';
import { forgetInReplica } from './erasure';
import { authenticityRefusal, checkDoc, Refused, Waiting, type CheckScope, type Incoming } from './check';
import { refusal, type Refusal } from './refusal';
import { HeldBackHistory, heldBackTable, quarantineRecord, refusedVersions } from './heldBack';
import { isAuthentic, parseDocId, personOfDoc, type StoredDoc, type SyncDoc } from './docs';
import { revisionsInReplica, type Pouch } from './pouch';
import { CHECKPOINT_KEY, readSetAside, readSetting } from './state';
import { REPLICATED_SETTINGS, type OutboxRow } from '../middleware/outbox';
import { acceptedLeaf } from './acceptedLeaf';
import { HeldEntries } from './held';
import { originOf } from '../../domain/auditSegment';
import { PreparedDocs } from './preopen';
import { awaitedGrant, receiveGrant } from '../team/members';
import type { KeyGrant } from '../../domain/keyGrant';
import { readSecrets } from '../core/personSecrets';
import type { SetAside } from './types';
import type { SyncRev } from '../core/records';
import { heldClock, ownVersion, replayRefusal } from './versions';
import { clockOr } from '../../domain/versionClock';
import { SYNC_CLOCKED_DEVICES_KEY } from '../core/syncSettings';
import { writeOverOf, type OverWriter } from './writeOver';

const BATCH = 250;

class BatchBuilder {
  readonly batch: Batch & { waiting: Map<string, SetAside>; resend: OutboxRow[] };
  /** What the document last found waiting waits for (Waiting.docId): kept with it when set aside. */
  private awaits = '';
  /** Whether the batch set a document aside or let one go: then the list is stored with it. */
  waitingChanged = false;
  private readonly users = new Map<string, User>();
  /** Users deleted by a change accepted earlier in the batch: out of the roster (still authors of what they wrote). */
  private readonly removed = new Set<string>();
  /** The key grants held here, then those accepted in the batch. */
  private readonly grants = new Map<string, KeyGrant>();
  private groupList: Group[] = [];
  private readonly secrets = new Map<string, PersonKeyRecord>();
  private readonly seen = new Set<string>();
  /** The persons' versions held back here, as the replica tells of them (heldBack.ts). */
  readonly heldBack: HeldBackHistory;
  /** Persons erased here or by an erasure record earlier in the batch. */
  private readonly erased = new Set<string>();
  /** This device's version of the persons the batch's documents name (null: none), opened. */
  private readonly persons = new Map<string, Person | null>();
  /** This device's book settings (outbox.ts REPLICATED_SETTINGS), then those accepted in the batch. */
  private readonly settings = new Map<string, unknown>();
  /** Consents held here, of persons locked here (a new consent of theirs is refused). */
  private readonly consents = new Set<string>();
  /** The person of each consent held here a delete names (its document names none). */
  private readonly consentPersons = new Map<string, string>();
  private readonly wire: CheckScope['wire'] & { purposes: Set<string> } = {
    gdpr: true,
    purposes: new Set(),
    hasPurpose: (id) => this.wire.purposes.has(id),
  };
  /** The devices seen sending version clocks (sync/versions.ts), then those of the batch. */
  private readonly clockedDevices = new Set<string>();
  /** The version this device holds of each document (syncRevs), then the one accepted in the batch; null: none. */
  private readonly versions = new Map<string, SyncRev | null>();
  /** Hashes of the other devices' audit entries accepted earlier in the batch, by origin. */
  private readonly entries = new Map<string, string>();
  readonly prepared = new PreparedDocs();
  readonly scope: CheckScope;

  constructor(
    private readonly db: ConsentbookDB,
    private readonly local: Pouch,
    private readonly device: string,
    checkpoint: number | string,
    held: HeldEntries,
    pull: PullState | undefined,
    waiting: ReadonlyMap<string, SetAside>,
    private readonly writer?: OverWriter,
  ) {
    this.batch = {
      ...(writer && { writeOver: { writer, versions: [] } }),
      writes: [],
      quarantine: [],
      conflicts: new Map(),
      checkpoint,
      waiting: new Map(waiting),
      resend: [],
      held,
      flags: !pull,
      pulledSecrets: pull?.secrets,
    };
    this.heldBack = new HeldBackHistory(db, local);
    this.scope = {
      db,
      keyring: db.keyring,
      user: (id) => this.users.get(id),
      users: () => [...this.users.values()].filter((u) => !this.removed.has(u.id)),
      groups: () => this.groupList,
      personSecret: (id) => this.secrets.get(id),
      erased: (id) => this.erased.has(id),
      person: (id) => this.persons.get(id) ?? undefined,
      setting: (key) => this.settings.get(key),
      hasConsent: (id) => this.consents.has(id),
      consentPerson: (id) => this.consentPersons.get(id),
      keyGrant: (id) => this.grants.get(id),
      wire: this.wire,
      awaitedGrant: (epoch) => awaitedGrant(db, epoch),
      prepared: (doc) => this.prepared.get(doc),
    };
  }

  async load(): Promise<void> {
    const raw = rawConnection(this.db);
    const [users, groups, erased, settings, purposes, grants, clocked] = await Promise.all([
      raw.users.toArray(),
      raw.groups.toArray(),
      raw.erasures.toCollection().primaryKeys(),
      raw.settings.bulkGet([...REPLICATED_SETTINGS]),
      raw.purposes.toCollection().primaryKeys(),
      raw.keyGrants.toArray(),
      raw.settings.get(SYNC_CLOCKED_DEVICES_KEY),
    ]);
    for (const device of (clocked?.value as string[] | undefined) ?? []) this.clockedDevices.add(device);
    for (const u of users) this.users.set(u.id, u);
    this.groupList = groups;
    for (const id of erased) this.erased.add(id);
    for (const setting of settings) if (setting) this.settings.set(setting.key, setting.value);
    this.setPrivacy(this.settings.get('privacy'));
    for (const id of purposes) this.wire.purposes.add(id);
    for (const grant of grants) this.grants.set(grant.id, grant);
  }

  private setPrivacy(value: unknown): void {
    const settings = { ...DEFAULT_PRIVACY_SETTINGS, ...(value as Partial<PrivacySettings> | undefined) };
    this.wire.gdpr = !settings.gdprSupportDisabled;
  }

  /**
   * Reads this device's version of the persons documents name (wireRules.ts judges against it):
   * once per batch, all of a batch's together.
   */
  async loadPersons(ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.persons.has(id) && !this.erased.has(id));
    if (missing.length === 0) return;
    const raw = rawConnection(this.db);
    const [stored, secrets] = await Promise.all([raw.persons.bulkGet(missing), readSecrets(raw, missing)]);
    const codec = new TableCodec('persons', SEALED_TABLES.persons, raw.core.table('persons'), this.db.keyring);
    for (const [i, id] of missing.entries()) {
      const secret = secrets[i];
      if (!stored[i] || (!secret && !this.db.keyring.hasPerson(id))) {
        this.persons.set(id, null);
        continue;
      }
      if (secret && !this.db.keyring.hasPerson(id)) this.db.keyring.addPerson(secret);
      const person = codec.decode(stored[i]);
      this.persons.set(id, person);
      if (person.lock)
        for (const consent of await raw.consents.where('personId').equals(id).primaryKeys()) this.consents.add(consent);
    }
  }

  /** The versions held of documents, read together (a batch's); each read once. */
  async loadVersions(docIds: readonly string[]): Promise<void> {
    const missing = [...new Set(docIds)].filter((id) => !this.versions.has(id));
    if (missing.length === 0) return;
    const rows = await rawConnection(this.db).syncRevs.bulkGet(missing);
    for (const [i, id] of missing.entries()) this.versions.set(id, rows[i] ?? null);
  }

  private async versionHeld(docId: string): Promise<SyncRev | undefined> {
    await this.loadVersions([docId]);
    return this.versions.get(docId) ?? undefined;
  }

  /** A write of the batch for this version: it is the one held now, its clock merged into what is known. */
  private accept(doc: StoredDoc, held: SyncRev | undefined, incoming?: Incoming): void {
    const clock = heldClock(held, doc);
    if (clockOr(doc.clock) && !this.clockedDevices.has(doc.device)) {
      this.clockedDevices.add(doc.device);
      this.batch.clockedDevices = [...this.clockedDevices];
    }
    this.hold({ docId: doc._id, rev: doc._rev, author: doc.author, ...(clock && { clock }) }, incoming);
  }

  /** Keeps `version` as the one held of its document (syncRevs), with what the batch applies of it. */
  private hold(version: SyncRev & { rev: string }, incoming?: Incoming): void {
    this.versions.set(version.docId, version);
    this.batch.writes.push({ ...version, ...(incoming && { incoming }) });
  }

  /** A consent's delete names no person: the one of the consent held here (their lock keeps it). */
  private async deletedConsentPerson(doc: StoredDoc): Promise<string | undefined> {
    const { table, key } = parseDocId(doc._id);
    if (table !== 'consents' || !doc.deleted) return undefined;
    const held = (await rawConnection(this.db).consents.get(key)) as { personId?: unknown } | undefined;
    if (typeof held?.personId !== 'string') return undefined;
    this.consentPersons.set(key, held.personId);
    return held.personId;
  }

  /** Of a record's versions in conflict, the one to apply (a person's: acceptedLeaf.ts; else CouchDB's winner). */
  private async preferred(doc: StoredDoc): Promise<StoredDoc> {
    if (!doc._conflicts?.length) return doc;
    const leaves = await Promise.all(
      doc._conflicts.map(
        (rev) =>
          this.local.get(doc._id, { rev, attachments: true }).catch(() => undefined) as Promise<StoredDoc | undefined>,
      ),
    );
    const all = [doc, ...leaves.filter((l): l is StoredDoc => !!l)];
    await this.loadPersons(all.flatMap((l) => personOfDoc(l) ?? []));
    const chosen = parseDocId(doc._id).table === 'persons' ? acceptedLeaf(this.scope, this.device, doc, all) : doc;
    // Another device's version not applied: one the checks refuse is held back as any refused one.
    const others = all.filter((l) => l !== chosen && l.device !== this.device && !this.seen.has(`${l._id}@${l._rev}`));
    this.batch.quarantine.push(...refusedVersions(this.scope, others, this.seen));
    return chosen;
  }

  /** Checks one document (and, first, what it needs); false when it must wait. */
  async add(arrived: StoredDoc, depth = 0): Promise<boolean> {
    const { table, key } = parseDocId(arrived._id);
    if (table === 'persons' && !this.erased.has(key))
      this.batch.conflicts.set(key, [arrived._rev, ...(arrived._conflicts ?? [])]);
    const doc = heldBackTable(table) ? await this.preferred(arrived) : arrived;
    if (this.seen.has(`${doc._id}@${doc._rev}`)) return true;
    // An invitation's record is not a record of the book: a joining device reads it on the server
    // (invitation.ts); the server's rules (rules.ts) are the server's.
    if (table === 'invitation' || doc._id.startsWith('_design/')) {
      this.seen.add(`${doc._id}@${doc._rev}`);
      return true;
    }
    const held = await this.versionHeld(doc._id);
    if (doc.device === this.device && !doc._deleted && this.ownEcho(doc, table, key, held)) return true;
    const personId = typeof doc.plain.personId === 'string' ? doc.plain.personId : undefined;
    if (personId && !this.db.keyring.hasPerson(personId) && !this.secrets.has(personId)) {
      const [known] = await readSecrets(rawConnection(this.db), [personId]);
      if (known) this.secrets.set(personId, known);
    }
    const named = personOfDoc(doc) ?? (await this.deletedConsentPerson(doc));
    if (named) await this.loadPersons([named]);
    let incoming: Incoming;
    try {
      if (doc._deleted) throw new Refused(refusal('sync.refused.bareDelete'));
      incoming = checkDoc(this.scope, doc);
    } catch (e) {
      if (e instanceof Waiting) {
        this.awaits = e.docId;
        return depth < 3 && (await this.addDependency(e.docId, depth)) && this.add(arrived, depth + 1);
      }
      const why = e instanceof Refused ? e.refusal : String(e);
      this.quarantine(doc, table, why);
      // The team's state, written over by an administrator's device (writeOver.ts).
      this.batch.writeOver?.versions.push(...writeOverOf(this.scope, this.writer, arrived, doc, why, held));
      return true;
    }
    // Authentic (its MAC checked), but perhaps a version held already or one before it, sent again.
    const replayed =
      incoming.kind === 'audit' ? undefined : replayRefusal(held, doc, (device) => this.clockedDevices.has(device));
    if (replayed) {
      this.quarantine(doc, table, replayed);
      return true;
    }
    if (incoming.kind === 'audit') {
      const seq = await this.rewritten(incoming);
      if (seq !== undefined) {
        this.quarantine(doc, table, refusal('sync.refused.entryRewritten', { seq: String(seq) }));
        return true;
      }
    }
    this.seen.add(`${doc._id}@${doc._rev}`);
    if (incoming.kind === 'put' && incoming.table === 'erasures') this.erased.add(key);
    if (incoming.kind === 'put' && incoming.person) this.persons.set(key, incoming.person);
    if (incoming.kind === 'put' && incoming.table === 'purposes') this.wire.purposes.add(key);
    if (incoming.kind === 'put' && incoming.table === 'settings') {
      this.settings.set(key, incoming.stored.value);
      if (key === 'privacy') this.setPrivacy(incoming.stored.value);
    }
    if (incoming.kind === 'put' && incoming.table === 'users') {
      this.users.set(key, incoming.stored as unknown as User);
      this.removed.delete(key);
    }
    if (incoming.kind === 'delete' && incoming.table === 'users') this.removed.add(key);
    // The signed-in member's grant of a new epoch: its keys open what follows in the same batch.
    if (incoming.kind === 'put' && incoming.table === 'keyGrants') {
      this.grants.set(key, incoming.stored as unknown as KeyGrant);
      await receiveGrant(this.db, incoming.stored as unknown as KeyGrant).catch(() => undefined);
    }
    if (incoming.kind === 'put' && incoming.table === 'groups')
      this.groupList = [...this.groupList.filter((g) => g.id !== key), incoming.stored as unknown as Group];
    this.accept(doc, held, incoming);
    if (heldBackTable(table)) await this.heldBack.note(doc, this.batch);
    this.settled(doc);
    return true;
  }

  /** A document naming this device as its writer (versions.ts, ownVersion): true when taken as its own. */
  private ownEcho(doc: StoredDoc, table: string, key: string, held: SyncRev | undefined): boolean {
    const own = ownVersion(held, doc, table === 'auditLog', () => isAuthentic(this.db.keyring, doc));
    if (own === 'other') return false;
    // Sent again in the name held here (a version kept before authors were, the replayed one's — its
    // MAC checked); a made-up document's author is not to be trusted.
    const author = held?.author ?? (own === 'replayed' ? doc.author : undefined);
    if (own !== 'echo' && table !== 'auditLog' && author) this.batch.resend.push({ table, key, author });
    if (own === 'forged') {
      this.quarantine(doc, table, authenticityRefusal(this.db.keyring, doc) ?? refusal('sync.refused.macMismatch'));
      // Sent again on top of the server's revision (pump.ts), with what this device holds.
      if (held) this.hold({ ...held, rev: doc._rev });
      return true;
    }
    this.seen.add(`${doc._id}@${doc._rev}`);
    this.accept(doc, held);
    this.settled(doc);
    return true;
  }

  /**
   * A segment overlapping one held already (a repeat) must hold the same entries: the first one
   * held here with another hash is a rewritten chain, and the segment is refused.
   */
  private async rewritten({ device, entries }: Extract<Incoming, { kind: 'audit' }>): Promise<number | undefined> {
    const origins = entries.map((e) => originOf(device, e.seq));
    const seqs = entries.map((e) => e.seq);
    const held = await this.batch.held.held(device, seqs);
    const hashes = await this.batch.held.hashes(
      device,
      seqs.filter((s) => held.has(s)),
    );
    for (const [i, e] of entries.entries()) {
      const hash = this.entries.get(origins[i]) ?? hashes.get(e.seq);
      if (hash !== undefined && hash !== e.hash) return e.seq;
    }
    for (const [i, e] of entries.entries()) if (!this.entries.has(origins[i])) this.entries.set(origins[i], e.hash);
    return undefined;
  }

  private async addDependency(docId: string, depth: number): Promise<boolean> {
    const doc = await this.local.get(docId, { attachments: true, conflicts: true }).catch(() => undefined);
    return !!doc && (await this.add(doc as StoredDoc, depth + 1));
  }

  /**
   * A document that waits for what has not arrived (its author's record, its person) is set aside
   * instead of holding up every document after it: one that never comes — written by a device
   * that is gone, or made up — would stop the feed for good. Set-aside documents are tried again
   * at the start of each run (retrySetAside), and go once one of their versions is applied or
   * refused. Each is kept as its revision (a later version arriving by the feed replaces it), with
   * what it waits for and since when (the sync screen lists them: engine.ts listWaiting).
   */
  setAside(doc: StoredDoc): void {
    const before = this.batch.waiting.get(doc._id);
    if (before?.rev === doc._rev && before.awaits === this.awaits) return;
    const since = before?.since || new Date().toISOString();
    this.batch.waiting.set(doc._id, { rev: doc._rev, awaits: this.awaits, since });
    this.waitingChanged = true;
  }

  private settled(doc: { _id: string }): void {
    if (this.batch.waiting.delete(doc._id)) this.waitingChanged = true;
  }

  /**
   * The documents set aside before, tried again — only those whose awaited document is in the
   * replica now and not waiting itself (or, once that one is applied in this pass, after it): the
   * others would wait again, and reading and judging every waiting document each run made the
   * list's cost grow with every run (a gone device's documents wait for good). Which are there,
   * and each waiting document's own revision, comes from one read of the replica's index; one
   * replaced or gone there leaves the list (a newer version goes by the feed).
   */
  async retrySetAside(): Promise<void> {
    const before = [...this.batch.waiting];
    if (!before.length) return;
    const awaited = before.map(([, w]) => w.awaits).filter(Boolean);
    const revs = await revisionsInReplica(this.local, [...new Set([...before.map(([id]) => id), ...awaited])]);
    const ready = ([docId, w]: [string, SetAside]) =>
      this.batch.waiting.get(docId)?.rev === w.rev &&
      (!w.awaits || (revs.has(w.awaits) && !this.batch.waiting.has(w.awaits)));
    for (const [docId, { rev }] of before) if (revs.get(docId) !== rev) this.settled({ _id: docId });
    const tried = new Set<string>();
    for (let due = before.filter(ready); due.length; due = before.filter((w) => !tried.has(w[0]) && ready(w))) {
      for (const [docId] of due) {
        tried.add(docId);
        const doc = (await this.local.get(docId, { attachments: true, conflicts: true }).catch(() => undefined)) as
          StoredDoc | undefined;
        if (!doc) this.settled({ _id: docId });
        else if (!(await this.add(doc))) this.setAside(doc);
      }
    }
  }

  /**
   * What was refused, and why — not the document: it may carry a person's sealed key secret, and
   * anyone holding the book's keys could open it after that person's erasure (kept only here).
   */
  private quarantine(doc: SyncDoc, table: string, why: Refusal | string): void {
    this.seen.add(`${doc._id}@${doc._rev}`);
    this.settled(doc);
    this.batch.quarantine.push(quarantineRecord(doc, table, why, this.db.keyring));
  }
}

/**
 * A joining device's pull, applied while it replicates: what it holds of the other chains is kept
 * across its calls, and the worklist flags are left to the end of the pull (pullBook rebuilds them
 * all at once, with one read of each table, instead of reading per person and batch).
 */
export interface PullState {
  held: HeldEntries;
  /** The persons whose key secrets the pull stored (apply.ts: the others' go into groups). */
  secrets: Set<string>;
}

/**
 * Applies the replica's changes since the checkpoint. Returns the documents applied and whether
 * any document is set aside, waiting for one not yet arrived (BatchBuilder.setAside).
 */
export async function applyFeed(
  db: ConsentbookDB,
  local: Pouch,
  device: string,
  onBatch?: (done: number) => void,
  pull?: PullState,
  writer?: OverWriter,
): Promise<{ applied: string[]; waiting: boolean }> {
  const held = pull?.held ?? new HeldEntries(db);
  const applied: string[] = [];
  let done = 0;
  // Set-aside documents are tried again first, and once more when the changes run out if any came
  // since (what they wait for may have been among them).
  let retryDue = true;
  let sinceRetry = 0;
  let setAsideNow: ReadonlyMap<string, SetAside> = await readSetAside(db);
  const anyWaiting = () => setAsideNow.size > 0;
  for (;;) {
    const since = (await readSetting<number | string>(db, CHECKPOINT_KEY)) ?? 0;
    const changes = await local.changes({
      since,
      limit: BATCH,
      include_docs: true,
      conflicts: true,
      attachments: true,
    });
    const end = changes.results.length === 0;
    if (end) {
      if (!anyWaiting() || (!retryDue && sinceRetry === 0)) return { applied, waiting: anyWaiting() };
      retryDue = true;
    }
    const builder = new BatchBuilder(db, local, device, since, held, pull, setAsideNow, writer);
    await builder.load();
    await builder.loadVersions(changes.results.map((c) => c.id));
    await builder.loadPersons(changes.results.flatMap((c) => (c.doc ? (personOfDoc(c.doc as StoredDoc) ?? []) : [])));
    await builder.prepared.prepare(
      db.keyring,
      changes.results.flatMap((c) => (c.doc ? [c.doc as StoredDoc] : [])),
    );
    // What waited before may have what it needs now (it is read from the replica when asked for).
    if (retryDue) {
      await builder.retrySetAside();
      retryDue = false;
      sinceRetry = 0;
    }
    let waiting = false;
    for (const change of changes.results) {
      if (!change.doc) {
        waiting = true;
        break;
      }
      if (!(await builder.add(change.doc as StoredDoc))) builder.setAside(change.doc as StoredDoc);
      builder.batch.checkpoint = change.seq;
      done++;
      sinceRetry++;
    }
    if (
      builder.batch.checkpoint !== since ||
      builder.batch.quarantine.length ||
      builder.waitingChanged ||
      builder.batch.clockedDevices ||
      builder.batch.resend.length ||
      builder.batch.writeOver?.versions.length
    ) {
      await builder.heldBack.bound(builder.batch.quarantine);
      applied.push(...(await applyBatch(db, builder.batch)));
      const erased = erasedIn(builder.batch);
      for (const id of erased) db.keyring.forgetPerson(id);
      await forgetInReplica(local, erased);
      setAsideNow = builder.batch.waiting;
    }
    onBatch?.(done);
    if (waiting || end) return { applied, waiting: waiting || anyWaiting() };
  }
}
