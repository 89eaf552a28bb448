/**
 * Verifies the audit log's hash chain against the head kept in the settings (and a checkpoint,
 * when given). The log is read as stored (raw): the chain covers the stored bytes, so a tampered
 * sealed comment is reported as changed rather than failing to open. The chain is keyed (the
 * audit key of the signed-in user's keyring): checking it needs a signed-in user, and nobody
 * without one can rewrite it so that it passes.
 */
import {
  AUDIT_HEAD_KEY,
  EMPTY_HEAD,
  verifyChain,
  type AuditKey,
  type ChainedEntry,
  type ChainHead,
  type ChainVerdict,
} from '../../domain/auditChain';
import { compareCheckpoint, type Checkpoint, type CheckpointVerdict } from '../../domain/checkpoint';
import {
  judgeCheckpoints,
  type ChainCheckpoint,
  type ChainHeadSeen,
  type HeldChains,
} from '../../domain/chainCheckpoint';
import { splitOrigin, type ChainRun } from '../../domain/auditSegment';
import { rawConnection, type ConsentbookDB } from '../db';
import { SYNC_DEVICE_KEY } from '../middleware/outbox';
import { entriesAbove, entriesBetween, entryAt, lastEntry } from '../core/auditEntries';
import { nextTask } from '../core/nextTask';

export async function readAuditHead(db: ConsentbookDB): Promise<ChainHead | undefined> {
  return (await db.settings.get(AUDIT_HEAD_KEY))?.value as ChainHead | undefined;
}

/** An entry of another device's chain, as stored here: its own seq is in `origin` (device/seq). */
export type StoredEntry = ChainedEntry & { origin?: string };

/** Every chain held here, by device: this device's own entries and each other device's. */
function heldChains(entries: readonly StoredEntry[], ownDevice: string): Map<string, Map<number, string>> {
  const chains = new Map<string, Map<number, string>>();
  for (const e of entries) {
    const { device, seq } = e.origin ? splitOrigin(e.origin) : { device: ownDevice, seq: e.seq };
    const chain = chains.get(device) ?? new Map<number, string>();
    chain.set(seq, e.hash);
    chains.set(device, chain);
  }
  return chains;
}

/** The head of every chain held here (this device's from its kept head), for a checkpoint. */
export async function readChainHeads(db: ConsentbookDB, ownDevice: string): Promise<Record<string, ChainHeadSeen>> {
  const raw = rawConnection(db);
  const heads: Record<string, ChainHeadSeen> = {};
  const own = await readAuditHead(raw);
  if (own && own.lastSeq > 0) heads[ownDevice] = { lastSeq: own.lastSeq, hash: own.hash };
  const seen = (e: StoredEntry) => {
    const { device, seq } = splitOrigin(e.origin ?? '');
    if (!(device in heads) || seq > heads[device].lastSeq) heads[device] = { lastSeq: seq, hash: e.hash };
  };
  // eslint-disable-next-line no-restricted-syntax -- other devices' entries arrive as segments; single ones are few
  await raw.auditLog
    .where('origin')
    .above('')
    .each((entry) => seen(entry as StoredEntry));
  // Segments: per chain the one reaching furthest, found by its index key, then read for its last entry.
  const furthest = new Map<string, { last: number; key: number }>();
  // eslint-disable-next-line no-restricted-syntax -- index keys only, a step per segment (50–5,000 entries each)
  await raw.auditSegments.orderBy('chain').eachKey((key, cursor) => {
    const [device, , last] = key as unknown as ChainRun;
    if ((furthest.get(device)?.last ?? -Infinity) < last) furthest.set(device, { last, key: cursor.primaryKey });
  });
  const segments = await raw.auditSegments.bulkGet([...furthest.values()].map((f) => f.key));
  for (const segment of segments) for (const e of segment?.entries ?? []) seen(e);
  return heads;
}

/** The checkpoints' verdict in the log's terms: the chain's device named, its own sequence number. */
function checkpointVerdict(
  checkpoints: readonly ChainCheckpoint[],
  chains: HeldChains,
  key: Uint8Array,
  count: number,
): ChainVerdict | undefined {
  const found = judgeCheckpoints(checkpoints, chains, key);
  if (!found) return undefined;
  if (found.problem === 'forged') return { ok: false, problem: 'forged', seq: 0, count, device: found.device };
  const { problem, device, seq, reportedBy } = found;
  return { ok: false, problem, seq, count, device, reportedBy };
}

/**
 * Entries from other devices (sync) are appended to their device's chain, never rechained here:
 * each chain is checked on its own, in its own order. A chain's first problem is named by the
 * entry's local sequence number.
 */
function verifyRemoteChains(entries: StoredEntry[], key?: AuditKey): ChainVerdict | undefined {
  const chains = new Map<string, { local: number; entry: ChainedEntry }[]>();
  for (const e of entries) {
    if (!e.origin) continue;
    const { device, seq } = splitOrigin(e.origin);
    const { origin: _o, ...rest } = e;
    const list = chains.get(device) ?? [];
    list.push({ local: e.seq, entry: { ...rest, seq } });
    chains.set(device, list);
  }
  for (const [device, list] of chains) {
    list.sort((a, b) => a.entry.seq - b.entry.seq);
    const verdict = verifyChain(
      list.map((x) => x.entry),
      undefined,
      EMPTY_HEAD,
      key,
    );
    if (!verdict.ok) {
      const local = list.find((x) => x.entry.seq === verdict.seq)?.local ?? verdict.seq;
      return { ...verdict, seq: local, count: entries.length, device };
    }
  }
  return undefined;
}

/**
 * A stored log (seq order): this device's chain up to its head, and each other device's on its own
 * (a backup's log too: a synced book's holds both).
 */
export function verifyStoredLog(all: StoredEntry[], head: ChainHead | undefined, key?: AuditKey): ChainVerdict {
  const verdict = verifyChain(
    all.filter((e) => !e.origin),
    head,
    EMPTY_HEAD,
    key,
  );
  return verdict.ok ? (verifyRemoteChains(all, key) ?? verdict) : verdict;
}

/**
 * The log after `above`, a run of `run` sequence numbers at a time with a task for the page in
 * between (a million entries in one read were one 7 s task), each run with the head read in its
 * own transaction. The run that reaches the head reads everything above it (an entry past the head
 * is a change as any other), and `atEnd` reads more in that run's transaction. The log is only
 * appended to, so the runs before it still hold what they held.
 */
async function* logInRuns<X = undefined>(
  db: ConsentbookDB,
  above: number,
  run: number,
  atEnd?: (raw: ConsentbookDB) => Promise<X>,
): AsyncGenerator<{ entries: StoredEntry[]; head: ChainHead | undefined; last: boolean; end?: X }> {
  const raw = rawConnection(db);
  for (; ; above += run) {
    const read = await raw.transaction(
      'r',
      [raw.auditLog, raw.auditSegments, raw.settings, raw.chainCheckpoints],
      async () => {
        const head = await readAuditHead(raw);
        const last = !head || head.lastSeq <= above + run;
        const entries = await entriesBetween<StoredEntry>(raw, above, last ? Infinity : above + run);
        return { entries, head, last, end: last ? await atEnd?.(raw) : undefined };
      },
    );
    yield read;
    if (read.last) return;
    await nextTask();
  }
}

/** The whole log as stored, with the head, the checkpoints and the device's name read beside its end. */
async function readWholeLog(db: ConsentbookDB, run: number, onProgress?: (p: WholeCheckProgress) => void) {
  const all: StoredEntry[] = [];
  const atEnd = async (raw: ConsentbookDB) => ({
    checkpoints: await raw.chainCheckpoints.toArray(),
    ownDevice: (await raw.settings.get(SYNC_DEVICE_KEY))?.value as string | undefined,
  });
  for await (const { entries, head, last, end } of logInRuns(db, 0, run, atEnd)) {
    for (const e of entries) all.push(e);
    if (last && end) return { all, head, ...end };
    onProgress?.({ phase: 'reading', done: all.at(-1)?.seq ?? 0, total: head?.lastSeq ?? 0 });
  }
  throw new Error('The audit log was not read to its end');
}

/**
 * verifyStoredLog with this device's chain verified a run at a time, a task for the page in
 * between (a million keyed hashes were one 27 s task). A failing run: the whole log at once
 * names the problem, as it always did.
 */
async function verifyStoredLogInRuns(
  all: StoredEntry[],
  head: ChainHead | undefined,
  key: AuditKey | undefined,
  run: number,
  onProgress?: (p: WholeCheckProgress) => void,
): Promise<ChainVerdict> {
  const local = all.filter((e) => !e.origin);
  let from = EMPTY_HEAD;
  for (let at = 0; at < local.length - run; at += run) {
    const verdict = verifyChain(local.slice(at, at + run), undefined, from, key);
    if (!verdict.ok) return verifyStoredLog(all, head, key);
    from = verdict.head;
    onProgress?.({ phase: 'verifying', done: from.count, total: local.length });
    await nextTask();
  }
  const verdict = verifyChain(local.slice(from.count), head, from, key);
  if (!verdict.ok) return from.count === 0 ? verdict : verifyStoredLog(all, head, key);
  return verifyRemoteChains(all, key) ?? verdict;
}

/** How far the explicit check is: reading the log (by sequence number), then verifying this device's chain (by entry). */
export interface WholeCheckProgress {
  phase: 'reading' | 'verifying';
  done: number;
  total: number;
}

/**
 * The whole log in seq order, checked link by link. `checkpoint` is a head recorded outside the
 * device (a backup, an Auskunft): a log that no longer reaches it was truncated or rewritten.
 */
export async function verifyAuditLog(
  db: ConsentbookDB,
  checkpoint?: ChainHead,
  { run = VERIFY_RUN, onProgress }: { run?: number; onProgress?: (p: WholeCheckProgress) => void } = {},
): Promise<ChainVerdict> {
  const { all, head, checkpoints, ownDevice } = await readWholeLog(db, run, onProgress);
  const entries = all.filter((e) => !e.origin);
  const key = db.keyring.auditKey();
  const verdict = await verifyStoredLogInRuns(all, head, key, run, onProgress);
  if (!verdict.ok) return verdict;
  const judged = checkpointVerdict(checkpoints, heldChains(all, ownDevice ?? ''), key, all.length);
  if (judged) return judged;
  if (!checkpoint) return verdict;
  const atCheckpoint = entries.find((e) => e.seq === checkpoint.lastSeq);
  if (!atCheckpoint) return { ok: false, problem: 'truncated', seq: checkpoint.lastSeq, count: entries.length };
  if (atCheckpoint.hash !== checkpoint.hash)
    return { ok: false, problem: 'changed', seq: checkpoint.lastSeq, count: entries.length };
  return verdict;
}

export interface CheckpointCheck {
  /** The log itself, checked in full first: a broken log extends nothing. */
  log: ChainVerdict;
  checkpoint: CheckpointVerdict;
  /** The local entry at the checkpoint's sequence number (as stored), to name it when it differs. */
  entry?: ChainedEntry;
}

/**
 * "Protokoll gegen Nachweis prüfen": does the log still extend a checkpoint kept outside the device
 * (a backup file's head, the string printed in an Auskunft)? The same entry at that sequence number
 * with that hash → it does; otherwise what differs is named (the entry is gone, or another stands
 * there). Checkpoints of other chains (devices, later) are not this device's to judge.
 */
export async function verifyAgainstCheckpoint(db: ConsentbookDB, checkpoint: Checkpoint): Promise<CheckpointCheck> {
  const log = await verifyAuditLog(db);
  const raw = rawConnection(db);
  const [stored, last] = await Promise.all([entryAt<ChainedEntry>(raw, checkpoint.seq), lastEntry<ChainedEntry>(raw)]);
  const verdict = compareCheckpoint(checkpoint, stored, last?.seq ?? 0);
  return { log, checkpoint: verdict, entry: stored };
}

/**
 * A prefix of this device's chain this tab has verified link by link, per database: its head. The
 * overview's checks go on from it; set after every run, so a check stopped midway is not redone.
 */
const verifiedHeads = new WeakMap<ConsentbookDB, ChainHead>();
/** The check under way, per database: a second waits for it and goes on from where it ended. */
const checking = new WeakMap<ConsentbookDB, Promise<unknown>>();

/** Sequence numbers read and verified per turn: ~2,000 keyed hashes are ~50 ms of the page's thread here. */
const VERIFY_RUN = 2_000;

export interface AuditCheckProgress {
  /**
   * Entries of this device's chain verified so far (by this check and those before it in this
   * tab: a check goes on from where the last stopped), and in the chain.
   */
  done: number;
  total: number;
}

export interface AuditCheckOptions {
  onProgress?: (progress: AuditCheckProgress) => void;
  /** Stops between runs (what was verified stays verified); the check then rejects with the reason. */
  signal?: AbortSignal;
  run?: number;
}

/**
 * For figures that are shown often (the Übersicht): checks only what was appended since this tab
 * last verified the log, so a million entries are read once per session, not on every look. The
 * explicit check ("Protokoll prüfen") always reads the whole log.
 *
 * Read and verified a run at a time, the page getting a task in between: at a million entries the
 * whole log in one read and one verification was a 5 s and a 24 s task, the app frozen. Each run
 * reads the head in its own transaction, and the run that reaches it reads everything above (an
 * entry past the head is a change as any other). A run sees only itself (a link pointing outside
 * it reads as `removed`, the count is the entries so far): when one fails, everything since the
 * check's start is verified again at once, as it always was, so the problem is named exactly.
 */
export async function verifyAuditLogSinceLastCheck(
  db: ConsentbookDB,
  options: AuditCheckOptions = {},
): Promise<ChainVerdict> {
  const before = checking.get(db);
  const mine = (async () => {
    await before?.catch(() => undefined);
    return checkInRuns(db, options);
  })();
  checking.set(db, mine);
  try {
    return await mine;
  } finally {
    if (checking.get(db) === mine) checking.delete(db);
  }
}

async function checkInRuns(
  db: ConsentbookDB,
  { onProgress, signal, run = VERIFY_RUN }: AuditCheckOptions,
): Promise<ChainVerdict> {
  signal?.throwIfAborted();
  const start = verifiedHeads.get(db) ?? EMPTY_HEAD;
  const key = db.keyring.auditKey();
  let from = start;
  let first = true;
  for await (const { entries, head, last } of logInRuns(db, start.lastSeq, run)) {
    const verdict = verifyChain(
      entries.filter((e) => !e.origin),
      last ? head : undefined,
      from,
      key,
    );
    if (!verdict.ok) {
      verifiedHeads.delete(db);
      return first && last ? verdict : verifyAllSince(db, start, key);
    }
    from = verdict.head;
    verifiedHeads.set(db, from);
    onProgress?.({ done: from.count, total: Math.max(head?.count ?? 0, from.count) });
    if (last) return verdict;
    first = false;
    signal?.throwIfAborted();
  }
  throw new Error('The audit log was not read to its end');
}

/** Every entry since `start` at once, as the check was before it went in runs: the first problem named exactly. */
async function verifyAllSince(db: ConsentbookDB, start: ChainHead, key: AuditKey | undefined): Promise<ChainVerdict> {
  const raw = rawConnection(db);
  const [entries, head] = await raw.transaction(
    'r',
    [raw.auditLog, raw.auditSegments, raw.settings],
    async () =>
      [
        (await entriesAbove<StoredEntry>(raw, start.lastSeq)).filter((e) => !e.origin),
        await readAuditHead(raw),
      ] as const,
  );
  return verifyChain(entries, head, start, key);
}
