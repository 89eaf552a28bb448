/**
 * Verifies the audit log's hash chain against the head kept in the settings (and a checkpoint,
 * when given). The log is read as stored (raw): the chain covers the stored bytes, so a tampered
 * sealed comment is reported as changed rather than failing to open. The chain is keyed (the
 * audit key of the signed-in user's keyring): checking it needs a signed-in user, and nobody
 * without one can rewrite it so that it passes.
 */
import {
  EMPTY_HEAD,
  type AuditKey,
  type ChainedEntry,
  type ChainHead,
  type ChainVerdict,
} from '../../domain/auditChain';
import { compareCheckpoint, type Checkpoint, type CheckpointVerdict } from '../../domain/checkpoint';
import type { ChainHeadSeen } from '../../domain/chainCheckpoint';
import { splitOrigin, type ChainRun } from '../../domain/auditSegment';
import { rawConnection, type ConsentbookDB } from '../db';
import { entryAt, lastEntry, readAuditHead } from '../core/auditEntries';
import {
  checkSince,
  checkWholeLog,
  VERIFY_RUN,
  type StoredEntry,
  type VerifiedRun,
  type AuditCheckProgress,
} from '../auditCheck/logCheck';
import { canCheckOffThread, checkOffThread, CheckWorkerFailedError, type CheckJob } from '../auditCheck/offThread';

export { readAuditHead } from '../core/auditEntries';
export { verifyStoredLog, type StoredEntry, type AuditCheckProgress } from '../auditCheck/logCheck';

/**
 * Where the stored log ends: the highest place of any entry, this device's or another's (sync
 * appends those after it) — a live query reading it runs again for whatever any chain gains.
 */
export async function readLogEnd(db: ConsentbookDB): Promise<number> {
  const raw = rawConnection(db);
  const [last, head] = await Promise.all([lastEntry(raw), readAuditHead(raw)]);
  return Math.max(last?.seq ?? 0, head?.lastSeq ?? 0);
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

/**
 * The whole log in seq order, checked link by link (auditCheck/logCheck.ts checkWholeLog), in a
 * worker where there are workers. `checkpoint` is a head recorded outside the device (a backup, an
 * Auskunft): a log that no longer reaches it was truncated or rewritten. `signal` stops it between
 * runs; it then rejects with the reason.
 */
export async function verifyAuditLog(
  db: ConsentbookDB,
  checkpoint?: ChainHead,
  {
    run = VERIFY_RUN,
    onProgress,
    signal,
  }: { run?: number; onProgress?: (p: AuditCheckProgress) => void; signal?: AbortSignal } = {},
): Promise<ChainVerdict> {
  const key = db.keyring.auditKey();
  const here = () => checkWholeLog(rawConnection(db), key, checkpoint, { run, onProgress, signal });
  if (!canCheckOffThread()) return here();
  return inWorkerOr(here, db.name, key, { kind: 'whole', checkpoint, run }, { onProgress, signal });
}

/** The check in its worker, or on this thread when the worker's script does not start. */
function inWorkerOr(
  here: () => Promise<ChainVerdict>,
  name: string,
  key: AuditKey,
  job: CheckJob,
  options: Parameters<typeof checkOffThread>[3],
): Promise<ChainVerdict> {
  return checkOffThread(name, key, job, options).catch((e: unknown) => {
    if (e instanceof CheckWorkerFailedError) return here();
    throw e;
  });
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
/** The other devices' chains this tab has verified beside it, and where in the log it had read to, per database. */
const verifiedOthers = new WeakMap<ConsentbookDB, Pick<VerifiedRun, 'others' | 'through'>>();
/** The check under way, per database: a second waits for it and goes on from where it ended. */
const checking = new WeakMap<ConsentbookDB, Promise<unknown>>();

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
 * Read and verified a run at a time (auditCheck/logCheck.ts checkSince): at a million entries the
 * whole log in one read and one verification was a 5 s and a 24 s task, the app frozen. More than
 * a run is checked in a worker (auditCheck/offThread.ts), which leaves the page's thread free and
 * reads the next run while it hashes one; each run it reports verified is kept here.
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
  const before = verifiedHeads.has(db) ? verifiedOthers.get(db) : undefined;
  const [others, through] = [before?.others ?? [], before?.through ?? start.lastSeq];
  const onRun = ({ head, total, others: verified, through: readTo }: VerifiedRun) => {
    verifiedHeads.set(db, head);
    verifiedOthers.set(db, { others: verified, through: readTo });
    onProgress?.({ done: head.count, total });
  };
  const key = db.keyring.auditKey();
  const here = () => checkSince(rawConnection(db), start, key, { run, onRun, signal, others, through });
  // A worker for more than a run: what a save or a sync adds while the screen is open is checked here.
  const head = await readAuditHead(rawConnection(db));
  const verdict =
    canCheckOffThread() && (head?.lastSeq ?? 0) - start.lastSeq > run
      ? await inWorkerOr(here, db.name, key, { kind: 'since', start, run, others, through }, { onRun, signal })
      : await here();
  if (!verdict.ok) {
    verifiedHeads.delete(db);
    verifiedOthers.delete(db);
  }
  return verdict;
}
