/**
 * The sync engine of one open book: the local replica (PouchDB) replicated live, with retry, to
 * the server; the pump (outbox → replica) and the applier (replica → Dexie) run one after the
 * other whenever the outbox or the replica changes, so a local change is always in the replica
 * before anything incoming is applied over it. Loaded on first use (index.ts).
 */
import { liveQuery, type Subscription } from 'dexie';
import { rawConnection, type ConsentbookDB } from '../db';
import type { ChangeReason } from '../core/context';
import { RuleError } from '../core/errors';
import type { Session } from '../core/session';
import { loadCipher } from '../core/crypto/seal';
import { rebuildStatuses, statusTables } from '../core/personStatus';
import type { Person } from '../../domain/person';
import type { AuditEntry } from '../../domain/audit';
import { allEntries } from '../core/auditEntries';
import type { MessageKey } from '../../i18n/messages';
import { logEvent } from '../commands/audit';
import {
  REPLICATED_SETTINGS,
  REPLICATED_TABLES,
  SYNC_CONFIG_KEY,
  SYNC_JOINING_KEY,
  type OutboxRow,
} from '../middleware/outbox';
import { checkServer } from './connect';
import { backOff, browserOffline, watchConnectivity } from './link';
import * as conflicts from './conflicts';
import { settleEqualConflicts } from './equalConflicts';
import { applyFeed } from './feed';
import { noteOwnHeldBack } from './ownHeldBack';
import { parseDocId } from './docs';
import { HeldEntries } from './held';
import { remotePouch, type Pouch } from './pouch';
import { destroyReplica, replicaOf } from './replica';
import { pump, type Writer } from './pump';
import { installRules } from './rules';
import { compactServer } from './erasure';
import { checkpointIfDue, writeChainCheckpoint } from './checkpoints';
import { deviceId, readConfig, readSetAside, sealConfig, writeSetting } from './state';
import { publishSyncStatus } from './status';
import { countPending, forgetUnpushed, readUnpushed, recordPushed, seqNumber } from './unpushed';
import { grantPending, memberOf } from '../team/members';
import { unlockWithBundle } from '../team/bookKeys';
import { type ConflictVersion, type PullProgress, type SyncConfig, type SyncStatus, type WaitingEntry } from './types';
import type { EventSource } from 'pouchdb-core';

interface Run {
  local: Pouch;
  remote: Pouch;
  config: SyncConfig;
  writer: Writer;
  /** The signed-in user: author of the checkpoints this device writes. */
  author: string;
  /** Their session: an administrator's device grants the book's key to members who lack it (team/members.ts). */
  session: Session;
  replication?: EventSource;
  /** The next try after a failure (the cycle's or a stopped replication's), and its pause. */
  retry?: ReturnType<typeof setTimeout>;
  retryDelay: number;
  unwatch?: () => void;
  feed?: EventSource;
  outbox?: Subscription;
  cycle: Promise<void>;
  again: boolean;
  status: SyncStatus;
  /** The replication's own view: busy, idle (up to date), or the error it reports. */
  link: { busy: boolean; error?: string; errorKey?: MessageKey; offline?: boolean };
  /**
   * An erasure was made or applied: the replica's sequence the server must have before it is asked
   * to compact — asked right after the pump, it compacted before the tombstone arrived, and the
   * erased person's earlier revisions (their sealed key among them) stayed until a later compaction.
   */
  compactAt?: number;
  /** The push replication's last checkpoint this run saw (the persisted one may lag behind it). */
  pushed: number;
}

const runs = new Map<ConsentbookDB, Run>();

/** Every record of the book into the outbox: the first push of a book connected to a server. */
async function enqueueAll(db: ConsentbookDB, author: string): Promise<OutboxRow[]> {
  const raw = rawConnection(db);
  const rows: OutboxRow[] = [];
  for (const table of REPLICATED_TABLES) {
    if (table === 'auditLog') {
      const entries = await allEntries<AuditEntry & { origin?: string }>(raw);
      for (const e of entries) if (!e.origin && e.seq !== undefined) rows.push({ table, key: e.seq, author: e.userId });
      continue;
    }
    const keys = (await raw.table(table).toCollection().primaryKeys()) as (string | number)[];
    for (const key of keys)
      if (table !== 'settings' || REPLICATED_SETTINGS.includes(String(key))) rows.push({ table, key, author });
  }
  return rows;
}

export async function configureSync(db: ConsentbookDB, session: Session, config: SyncConfig): Promise<void> {
  if (!session.isAdmin) throw new RuleError('error.syncAdminOnly', 'Only an administrator connects the book');
  const clean = { ...config, serverUrl: config.serverUrl.trim(), database: config.database.trim() };
  await checkServer(clean);
  await installRules(clean);
  await deviceId(db);
  const raw = rawConnection(db);
  const first = !(await raw.settings.get(SYNC_CONFIG_KEY));
  // A replica left from an earlier connection (before a restore) holds revisions this book no longer has.
  if (first) await dropReplica(db);
  const rows = first ? await enqueueAll(db, session.userId) : [];
  await raw.transaction('rw', raw.settings, raw.outbox, async () => {
    await raw.settings.put({ key: SYNC_CONFIG_KEY, value: sealConfig(db, clean) });
    if (rows.length) await raw.outbox.bulkAdd(rows);
  });
  db.outboxSwitch.on = true;
  await logEvent(db, session, 'settingsChanged', '', `sync:${clean.serverUrl}/${clean.database}`);
  // The book's first key epoch, granted to every member (and, where the server lets, their own accounts).
  await grantPending(db, session, clean);
  if (runs.has(db)) {
    await stopSync(db);
    await startSync(db, session);
  }
}

export async function readSyncConfig(db: ConsentbookDB): Promise<Omit<SyncConfig, 'password'> | undefined> {
  const config = await readConfig(db);
  if (!config) return undefined;
  const { password: _p, ...rest } = config;
  return rest;
}

async function statusOf(db: ConsentbookDB, run: Run): Promise<SyncStatus> {
  const [pending, conflictCount] = await Promise.all([countPending(db), rawConnection(db).conflicts.count()]);
  const { busy, error, errorKey, offline } = browserOffline() ? OFFLINE : run.link;
  const lastSyncAt = !busy && !error && pending === 0 ? new Date().toISOString() : run.status.lastSyncAt;
  const base = { pending, conflicts: conflictCount, lastSyncAt };
  if (error && offline) return { ...base, state: 'offline', error, errorKey };
  if (error) return { ...base, state: 'error', error, errorKey };
  if (pending > 0 || busy) return { ...base, state: 'pending' };
  if (conflictCount > 0) return { ...base, state: 'conflict' };
  return { ...base, state: 'synced' };
}

async function publish(db: ConsentbookDB, run: Run): Promise<void> {
  run.status = await statusOf(db, run);
  if (runs.get(db) === run) publishSyncStatus(db, run.status);
}

/** While a pull replicates, how long the applier waits after catching up before it reads the feed again. */
const APPLY_PAUSE_MS = 250;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const STATUS_TABLES = ['persons', 'purposes', 'transactions', 'consents', 'personStatus'];

const OFFLINE: Run['link'] = {
  busy: false,
  error: 'This device is offline',
  errorKey: 'error.sync.offline',
  offline: true,
};

/** Runs `again` after the back-off pause, unless the run stopped or a try is already due. */
function retryLater(db: ConsentbookDB, run: Run, again: () => void): void {
  if (run.retry || browserOffline()) return; // Offline: the `online` event starts again.
  run.retryDelay = backOff(run.retryDelay);
  run.retry = setTimeout(() => {
    run.retry = undefined;
    if (runs.get(db) === run) again();
  }, run.retryDelay);
}

/** Pump, then apply; a trigger during a cycle runs one more. A failed cycle is tried again later. */
function trigger(db: ConsentbookDB, run: Run): Promise<void> {
  run.again = true;
  run.cycle = run.cycle.then(async () => {
    while (run.again && runs.get(db) === run) {
      run.again = false;
      try {
        await checkpointIfDue(db, run.author);
        const sent = await pump(db, run.local, run.writer);
        const { applied } = await applyFeed(db, run.local, run.writer.device, undefined, undefined, run.session);
        // A right taken that arrived: which of this device's own changes the team refuses.
        await noteOwnHeldBack(db, run.local, run.writer.device, applied);
        // Versions in conflict holding the same values (two write-overs at once): the losers go, and the flag next cycle.
        if (await settleEqualConflicts(db, run.local, run.session)) run.again = true;
        // After applying: grants made elsewhere are known here by then.
        if (await grantPending(db, run.session, run.config)) run.again = true;
        // Erased here or arriving: the server drops old revisions too, where the account may.
        if (sent.length || applied.some((id) => id.startsWith('erasures:'))) await compactOncePushed(db, run);
        if (run.link.error && !run.link.offline) run.link = { busy: run.link.busy };
        run.retryDelay = 0;
      } catch (e) {
        // The cycle's own error, in its words: a key the link reported before is not its cause.
        run.link = { ...run.link, error: e instanceof Error ? e.message : String(e), errorKey: undefined };
        retryLater(db, run, () => void trigger(db, run));
      }
      await publish(db, run);
    }
  });
  return run.cycle;
}

/**
 * Erased here or arriving: the server drops old revisions too, where the account may — once the
 * push has taken the replica up to now (the tombstone, the leaves deleted here), not before.
 */
async function compactOncePushed(db: ConsentbookDB, run: Run): Promise<void> {
  const [{ update_seq }, { pushed }] = await Promise.all([run.local.info(), readUnpushed(rawConnection(db).settings)]);
  const seq = seqNumber(update_seq);
  if (Math.max(pushed, run.pushed) >= seq) await compactServer(run.config);
  else run.compactAt = Math.max(run.compactAt ?? 0, seq);
}

/** The link's error in the server's own words, and its message key where the cause is known (the UI shows that). */
function describe(err: unknown): { error: string; errorKey?: MessageKey; offline: boolean } {
  const e = err as { status?: number; message?: string; name?: string } | undefined;
  if (e?.status === 401)
    return {
      error: e.message || 'The server refused the account',
      errorKey: 'error.sync.accountRefused',
      offline: false,
    };
  if (e?.status === 403)
    return { error: e.message || 'The account may not write', errorKey: 'error.sync.writeDenied', offline: false };
  const words = e?.message || e?.name;
  return {
    error: words || 'The server is not reachable',
    ...(words ? {} : { errorKey: 'error.sync.unreachable' as const }),
    offline: !e?.status || e.status >= 500,
  };
}

/**
 * The live replication of a run, started anew when the browser comes back online (PouchDB's own
 * retry may be up to 30 s away then) and, after a back-off pause, when it stopped on an error.
 */
function replicate(db: ConsentbookDB, run: Run): void {
  run.replication?.cancel();
  const onLink = (link: Run['link']) => {
    if (run.replication !== replication) return; // A replication replaced already.
    run.link = link;
    if (!link.error) run.retryDelay = 0;
    void publish(db, run);
  };
  const replication = run.local
    .sync(run.remote, { live: true, retry: true, batch_size: 100, back_off_function: backOff })
    .on('active', () => onLink({ busy: true }))
    .on('paused', (err: unknown) => onLink(err ? { busy: false, ...describe(err) } : { busy: false }))
    .on('denied', (err: unknown) => onLink({ busy: false, ...describe(err) }))
    .on('error', (err: unknown) => {
      onLink({ busy: false, ...describe(err) });
      if (run.replication === replication) retryLater(db, run, () => replicate(db, run));
    });
  // The server has everything of the replica up to a checkpoint: what this device wrote up to it is sent.
  replication.push.on('checkpoint', (info: { checkpoint?: unknown }) => {
    if (info.checkpoint === undefined) return; // The batch's steps before it ('revs_diff', 'start_next_batch', …).
    const seq = seqNumber(info.checkpoint);
    run.pushed = Math.max(run.pushed, seq);
    // What an erasure deleted is on the server now: its old revisions can go.
    if (run.compactAt !== undefined && seq >= run.compactAt && run.replication === replication) {
      run.compactAt = undefined;
      void compactServer(run.config);
    }
    void recordPushed(db, seq).then(
      () => publish(db, run),
      () => undefined,
    );
  });
  run.replication = replication;
}

/** Live replication of a configured book for the signed-in session; nothing when not configured. */
export async function startSync(db: ConsentbookDB, session: Session): Promise<void> {
  if (runs.has(db)) return;
  const stored = await readConfig(db);
  if (!stored) return;
  // The signed-in member syncs with the server account of their key grant. Once one is known, the
  // device forgets the password it was connected or joined with: a member removed later finds
  // none on a device they used.
  const account = memberOf(db)?.account;
  const config = account ? { ...stored, ...account } : stored;
  if (account && stored.password) await writeSetting(db, SYNC_CONFIG_KEY, sealConfig(db, { ...stored, password: '' }));
  if (!config.password) {
    publishSyncStatus(db, {
      state: 'error',
      pending: await countPending(db),
      conflicts: 0,
      error: 'This user has no account on the sync server yet: an administrator grants it',
      errorKey: 'error.sync.noAccount',
    });
    return;
  }
  db.outboxSwitch.on = true;
  const [local, remote, device] = await Promise.all([replicaOf(db), remotePouch(config), deviceId(db)]);
  const run: Run = {
    local,
    remote,
    config,
    writer: { device, account: config.username },
    author: session.userId,
    session,
    cycle: Promise.resolve(),
    again: false,
    retryDelay: 0,
    pushed: 0,
    status: { state: 'pending', pending: 0, conflicts: 0 },
    link: { busy: true },
  };
  runs.set(db, run);
  replicate(db, run);
  run.unwatch = watchConnectivity(
    () => {
      clearTimeout(run.retry);
      run.retry = undefined;
      run.retryDelay = 0;
      run.link = { busy: true };
      replicate(db, run);
      void trigger(db, run);
    },
    () => {
      run.link = OFFLINE;
      void publish(db, run);
    },
  );
  run.feed = local.changes({ since: 'now', live: true }).on('change', () => void trigger(db, run));
  run.outbox = liveQuery(() => rawConnection(db).outbox.count()).subscribe({
    next: (n) => (n > 0 ? void trigger(db, run) : undefined),
  });
  await trigger(db, run);
}

export async function stopSync(db: ConsentbookDB): Promise<void> {
  const run = runs.get(db);
  if (!run) return;
  runs.delete(db);
  clearTimeout(run.retry);
  run.unwatch?.();
  run.replication?.cancel();
  run.feed?.cancel();
  run.outbox?.unsubscribe();
  await run.cycle;
}

/** Waits until what is pending now was pumped and applied (tests, and the UI after a resolution). */
export async function syncNow(db: ConsentbookDB): Promise<void> {
  const run = runs.get(db);
  if (run) await trigger(db, run);
}

/** Pulls a joined book into an empty device; aborting `signal` stops its requests (with its reason). */
export async function pullBook(
  db: ConsentbookDB,
  config: SyncConfig,
  dataKey: Uint8Array,
  onProgress?: (p: PullProgress) => void,
  signal?: AbortSignal,
): Promise<{ persons: number }> {
  const raw = rawConnection(db);
  if ((await raw.users.count()) > 0 || (await raw.persons.count()) > 0)
    throw new RuleError('error.syncNotEmpty', 'Joining works only on a device without data');
  const clean = { ...config, serverUrl: config.serverUrl.trim(), database: config.database.trim() };
  // Before anything is pulled: a page closed midway leaves the mark, and the half book is known as such.
  await writeSetting(db, SYNC_JOINING_KEY, true);
  await checkServer(clean, signal);
  await loadCipher();
  unlockWithBundle(db.keyring, dataKey);
  try {
    const [local, remote, device] = await Promise.all([replicaOf(db), remotePouch(clean, signal), deviceId(db)]);
    const total = (await remote.info()).doc_count;
    onProgress?.({ done: 0, total });
    // Resumable: a stopped pull continues from the replication's checkpoint and the applier's.
    // Applying runs while the replication brings the rest: the two wait on different things.
    const replication = local.replicate.from(remote, { batch_size: 500 });
    const replicating = { done: false };
    const ended = replication.then(() => void (replicating.done = true));
    ended.catch(() => (replicating.done = true));
    let base = 0;
    const pull = { held: new HeldEntries(db), secrets: new Set<string>() };
    const apply = async () => {
      let last = 0;
      await applyFeed(db, local, device, (done) => onProgress?.({ done: base + (last = done), total }), pull);
      base += last;
    };
    try {
      while (!replicating.done) {
        await apply();
        await Promise.race([ended.catch(() => undefined), pause(APPLY_PAUSE_MS)]);
      }
      await ended;
      await apply();
    } finally {
      replication.cancel();
    }
    // Stopped by now: the connection is not written (the caller discards what was pulled).
    signal?.throwIfAborted();
    // The book is whole: its statuses, its connection and the end of the mark are stored together.
    await raw.transaction('rw', [...STATUS_TABLES, 'settings'], async (tx) => {
      await rebuildStatuses(statusTables(tx));
      await raw.settings.put({ key: SYNC_CONFIG_KEY, value: sealConfig(db, clean) });
      await raw.settings.delete(SYNC_JOINING_KEY);
    });
    db.outboxSwitch.on = true;
    onProgress?.({ done: total, total });
    return { persons: await raw.persons.count() };
  } finally {
    db.keyring.lock();
  }
}

/** Deletes this device's replica (its revisions and checkpoints belong to a connection that ended). */
export async function dropReplica(db: ConsentbookDB): Promise<void> {
  if (runs.has(db)) throw new Error('The replica of a running sync cannot be dropped');
  await destroyReplica(db);
  await forgetUnpushed(db);
}

/**
 * Deletes what a join that did not finish left on this device (it held no book before): the
 * replica, then the database — the mark in its settings goes last, so a page closed between the
 * two still finds it.
 */
export async function discardPull(db: ConsentbookDB): Promise<void> {
  await dropReplica(db);
  await db.delete({ disableAutoOpen: false });
}

async function replicaFor(db: ConsentbookDB): Promise<Pouch> {
  return runs.get(db)?.local ?? replicaOf(db);
}

export const listConflicts = conflicts.listConflicts;

export async function conflictVersions(db: ConsentbookDB, personId: string): Promise<ConflictVersion[]> {
  return conflicts.conflictVersions(db, await replicaFor(db), personId);
}

export async function resolveConflict(
  db: ConsentbookDB,
  session: Session,
  personId: string,
  merged: Person,
  reason: ChangeReason,
): Promise<void> {
  await conflicts.resolveConflict(db, session, await replicaFor(db), personId, merged, reason);
  await syncNow(db);
}

/** After "Protokoll prüfen": what this device holds of every chain, signed, for the others to compare. */
export async function recordChainCheckpoint(db: ConsentbookDB, session: Session): Promise<void> {
  if (await writeChainCheckpoint(db, session.userId)) await syncNow(db);
}

/** The documents set aside here, each waiting for what has not arrived (feed.ts), oldest first. */
export async function listWaiting(db: ConsentbookDB): Promise<WaitingEntry[]> {
  const setAside = await readSetAside(db);
  return [...setAside]
    .map(([docId, { awaits, since }]) => {
      const awaited = awaits ? parseDocId(awaits) : undefined;
      return {
        docId,
        type: parseDocId(docId).table,
        since,
        ...(awaited && { awaited: { type: awaited.table, key: awaited.key } }),
      };
    })
    .sort((a, b) => a.since.localeCompare(b.since));
}
