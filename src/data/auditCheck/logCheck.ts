/**
 * The audit log's checks over a raw connection and the audit key, wherever they run: in the check's
 * worker (auditWorker.ts) for a long log, on the page's thread for a short one and in Node (tests).
 * The log is read as stored: the chain covers the stored bytes, so a tampered sealed comment is
 * reported as changed rather than failing to open. queries/auditIntegrity.ts decides where a check
 * runs and keeps what this tab has verified.
 */
import {
  EMPTY_HEAD,
  verifyChain,
  type AuditKey,
  type ChainedEntry,
  type ChainHead,
  type ChainVerdict,
  type OtherChain,
} from '../../domain/auditChain';
import { judgeCheckpoints, type ChainCheckpoint, type HeldChains } from '../../domain/chainCheckpoint';
import { splitOrigin } from '../../domain/auditSegment';
import type { ConsentbookDB } from '../db';
import { SYNC_DEVICE_KEY } from '../middleware/outbox';
import { entriesAbove, entriesBetween, readAuditHead } from '../core/auditEntries';
import { nextTask } from '../core/nextTask';

/** An entry of another device's chain, as stored here: its own seq is in `origin` (device/seq). */
export type StoredEntry = ChainedEntry & { origin?: string };

/** Sequence numbers read and verified per turn: ~2,000 keyed hashes are ~50 ms of a thread here. */
export const VERIFY_RUN = 2_000;

/** Every chain held here, by device: this device's own (its hashes by seq) and each other device's entries added. */
function heldChains(
  own: Map<number, string>,
  ownDevice: string,
  remote: readonly StoredEntry[],
): Map<string, Map<number, string>> {
  const chains = new Map([[ownDevice, own]]);
  for (const e of remote) {
    const { device, seq } = splitOrigin(e.origin ?? '');
    const chain = chains.get(device) ?? new Map<number, string>();
    chain.set(seq, e.hash);
    chains.set(device, chain);
  }
  return chains;
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

/** Each other device's chain in its own order (`entry.seq` its own number), each entry with its place here. */
function remoteChains(entries: readonly StoredEntry[]): Map<string, { local: number; entry: ChainedEntry }[]> {
  const chains = new Map<string, { local: number; entry: ChainedEntry }[]>();
  for (const e of entries) {
    if (!e.origin) continue;
    const { device, seq } = splitOrigin(e.origin);
    const { origin: _o, ...rest } = e;
    const list = chains.get(device) ?? [];
    list.push({ local: e.seq, entry: { ...rest, seq } });
    chains.set(device, list);
  }
  return chains;
}

/** Other devices' chains verified so far, by device. */
export type OtherChains = ReadonlyMap<string, OtherChain>;

/**
 * Entries from other devices (sync) are appended to their device's chain, never rechained here:
 * each chain is checked on its own, in its own order — from the head `verified` holds for it (its
 * entries up to that head were verified before and are skipped). A chain's first problem is named
 * by the entry's local sequence number, and by its own in `chainSeq`; otherwise every chain's
 * head verified, with the users who wrote it.
 */
function verifyRemoteChains(
  entries: readonly StoredEntry[],
  key?: AuditKey,
  count = entries.length,
  verified: OtherChains = new Map(),
): { failed: ChainVerdict } | { others: Map<string, OtherChain> } {
  const others = new Map(verified);
  for (const [device, all] of remoteChains(entries)) {
    const before = verified.get(device);
    const list = all.filter((x) => !before || x.entry.seq > before.head.lastSeq);
    list.sort((a, b) => a.entry.seq - b.entry.seq);
    const users = [...(before?.users ?? [])];
    for (const { entry } of list) if (!users.includes(entry.userName)) users.push(entry.userName);
    const verdict = verifyChain(
      list.map((x) => x.entry),
      undefined,
      before?.head ?? EMPTY_HEAD,
      key,
    );
    if (!verdict.ok) {
      const local = list.find((x) => x.entry.seq === verdict.seq)?.local ?? verdict.seq;
      return {
        failed: { ...verdict, seq: local, chainSeq: verdict.seq, count, device, deviceUsers: users },
      };
    }
    others.set(device, { device, head: verdict.head, users });
  }
  return { others };
}

/** An ok verdict of this device's chain with the other chains verified beside it (none: as it was). */
function withOthers(verdict: ChainVerdict, others: OtherChains): ChainVerdict {
  return verdict.ok && others.size ? { ...verdict, others: [...others.values()] } : verdict;
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
  if (!verdict.ok) return verdict;
  const remote = verifyRemoteChains(all, key);
  return 'failed' in remote ? remote.failed : withOthers(verdict, remote.others);
}

interface LogRun<X> {
  entries: StoredEntry[];
  head: ChainHead | undefined;
  last: boolean;
  end?: X;
}

/**
 * The log after `above`, a run of `run` sequence numbers at a time with a task in between (a
 * million entries in one read were one 7 s task), each run with the head read in its own
 * transaction. The run that reaches the head reads everything above it (an entry past the head is
 * a change as any other), and `atEnd` reads more in that run's transaction. The next runs are read
 * while this one is verified, each in a transaction of its own: the log is only appended to, so a
 * run read early holds what it will hold. Reading is what took the time — IndexedDB answers runs
 * read side by side much sooner than one after another (at a million entries, a check in its
 * worker: 65 s with one run ahead, 51 s with three, 41 s with six).
 */
async function* logInRuns<X = undefined>(
  raw: ConsentbookDB,
  above: number,
  run: number,
  atEnd?: (raw: ConsentbookDB) => Promise<X>,
): AsyncGenerator<LogRun<X>> {
  const read = (after: number): Promise<LogRun<X>> => {
    const reading = raw.transaction(
      'r',
      [raw.auditLog, raw.auditSegments, raw.settings, raw.chainCheckpoints],
      async () => {
        const head = await readAuditHead(raw);
        const last = !head || head.lastSeq <= after + run;
        const entries = await entriesBetween<StoredEntry>(raw, after, last ? Infinity : after + run);
        return { entries, head, last, end: last ? await atEnd?.(raw) : undefined };
      },
    );
    // Read ahead and perhaps never awaited (a check stopped or failed): its error is not the check's.
    reading.catch(() => undefined);
    return reading;
  };
  const ahead: Promise<LogRun<X>>[] = [];
  let readFrom = above;
  const readAhead = () => {
    for (; ahead.length < RUNS_AHEAD; readFrom += run) ahead.push(read(readFrom));
  };
  readAhead();
  // Refilled after each run that is not the last: the next is always there.
  for (let reading = ahead.shift(); reading; reading = ahead.shift()) {
    const current = await reading;
    if (!current.last) readAhead();
    yield current;
    if (current.last) return;
    await nextTask();
  }
}

/** Runs read side by side: at 2,000 entries each, a few MB held. */
const RUNS_AHEAD = 6;

/** How far a check is: entries of this device's chain verified so far, and in the chain. */
export interface AuditCheckProgress {
  done: number;
  total: number;
}

/**
 * The whole log in seq order, checked link by link, every chain held and the checkpoints.
 * `checkpoint` is a head recorded outside the device (a backup, an Auskunft): a log that no longer
 * reaches it was truncated or rewritten.
 *
 * This device's chain is verified run by run as it is read (the hashing overlaps the reading of the
 * next runs); what is kept is what the end needs — each entry's hash by device and seq for the
 * checkpoints, other devices' entries for their chains — not every entry. A run that fails: the
 * whole log is read again at once and verified as it always was, so the problem is named exactly.
 */
export async function checkWholeLog(
  raw: ConsentbookDB,
  key: AuditKey,
  checkpoint: ChainHead | undefined,
  {
    run = VERIFY_RUN,
    onProgress,
    signal,
  }: { run?: number; onProgress?: (p: AuditCheckProgress) => void; signal?: AbortSignal } = {},
): Promise<ChainVerdict> {
  const atEnd = async (end: ConsentbookDB) => ({
    checkpoints: await end.chainCheckpoints.toArray(),
    ownDevice: (await end.settings.get(SYNC_DEVICE_KEY))?.value as string | undefined,
  });
  const own = new Map<number, string>();
  const remote: StoredEntry[] = [];
  let from = EMPTY_HEAD;
  for await (const { entries, head, last, end } of logInRuns(raw, 0, run, atEnd)) {
    const local: StoredEntry[] = [];
    for (const e of entries) {
      if (e.origin) remote.push(e);
      else local.push(e);
    }
    const verdict = verifyChain(local, last ? head : undefined, from, key);
    if (!verdict.ok) {
      const [all, atHead] = await readAbove(raw, 0);
      return verifyStoredLog(all, atHead, key);
    }
    for (const e of local) own.set(e.seq, e.hash);
    from = verdict.head;
    if (last && end) {
      const count = own.size + remote.length;
      const others = verifyRemoteChains(remote, key, count);
      if ('failed' in others) return others.failed;
      return (
        checkpointVerdict(end.checkpoints, heldChains(own, end.ownDevice ?? '', remote), key, count) ??
        againstCheckpoint(checkpoint, own) ??
        withOthers(verdict, others.others)
      );
    }
    onProgress?.({ done: from.count, total: Math.max(head?.count ?? 0, from.count) });
    signal?.throwIfAborted();
  }
  throw new Error('The audit log was not read to its end');
}

/** A head recorded outside the device that this device's chain no longer reaches. */
function againstCheckpoint(
  checkpoint: ChainHead | undefined,
  own: ReadonlyMap<number, string>,
): ChainVerdict | undefined {
  if (!checkpoint) return undefined;
  const hash = own.get(checkpoint.lastSeq);
  if (hash === undefined) return { ok: false, problem: 'truncated', seq: checkpoint.lastSeq, count: own.size };
  if (hash !== checkpoint.hash) return { ok: false, problem: 'changed', seq: checkpoint.lastSeq, count: own.size };
  return undefined;
}

/**
 * Every entry after `seq` at once, with the head, in one transaction: when a run fails, what a
 * check verifies again as a whole, so the first problem is named exactly as a single pass names it.
 */
function readAbove(raw: ConsentbookDB, seq: number): Promise<readonly [StoredEntry[], ChainHead | undefined]> {
  return raw.transaction(
    'r',
    [raw.auditLog, raw.auditSegments, raw.settings],
    async () => [await entriesAbove<StoredEntry>(raw, seq), await readAuditHead(raw)] as const,
  );
}

/** A run of this device's chain verified: the head verified so far, and the entries of the chain; the other chains' so far. */
export interface VerifiedRun {
  head: ChainHead;
  total: number;
  others: OtherChain[];
}

/**
 * This device's chain from `start` (a prefix verified before) to its head, a run at a time; each
 * run verified is reported. A run sees only itself (a link pointing outside it reads as `removed`,
 * the count is the entries so far): when one fails, everything since `start` is verified again at
 * once, so the problem is named exactly as the whole chain at once names it.
 */
export async function checkSince(
  raw: ConsentbookDB,
  start: ChainHead,
  key: AuditKey,
  {
    run = VERIFY_RUN,
    onRun,
    signal,
    others: othersBefore = [],
  }: {
    run?: number;
    onRun?: (verified: VerifiedRun) => void;
    signal?: AbortSignal;
    /** The other devices' chains verified before: their entries up to those heads are not verified again. */
    others?: readonly OtherChain[];
  } = {},
): Promise<ChainVerdict> {
  let from = start;
  let first = true;
  let others: OtherChains = new Map(othersBefore.map((o) => [o.device, o]));
  for await (const { entries, head, last } of logInRuns(raw, start.lastSeq, run)) {
    const verdict = verifyChain(
      entries.filter((e) => !e.origin),
      last ? head : undefined,
      from,
      key,
    );
    if (!verdict.ok) {
      if (first && last) return verdict;
      const [since, atHead] = await readAbove(raw, start.lastSeq);
      return verifyChain(
        since.filter((e) => !e.origin),
        atHead,
        start,
        key,
      );
    }
    // Other devices' entries stand where they arrived, in their chain's order as they came: a run's
    // are verified on from their chain's head so far. A chain whose entries came out of its order
    // (or a broken one) is verified again whole, at once, and only that verdict counts.
    const remote = verifyRemoteChains(entries, key, verdict.count, others);
    if ('failed' in remote) {
      const whole = verifyRemoteChains((await readAbove(raw, 0))[0], key, verdict.count);
      if ('failed' in whole) return whole.failed;
      others = whole.others;
    } else others = remote.others;
    from = verdict.head;
    onRun?.({ head: from, total: Math.max(head?.count ?? 0, from.count), others: [...others.values()] });
    if (last) return withOthers(verdict, others);
    first = false;
    signal?.throwIfAborted();
  }
  throw new Error('The audit log was not read to its end');
}
