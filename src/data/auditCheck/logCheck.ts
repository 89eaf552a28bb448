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
import { mergeSegments, splitOrigin } from '../../domain/auditSegment';
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

/** Entries of one other device's chain: each as that chain numbers it (`entry.seq`), with its place here (`local`). */
type ChainPlaces = { local: number; entry: ChainedEntry }[];

/** Each other device's chain in its own order (`entry.seq` its own number), each entry with its place here. */
function remoteChains(entries: readonly StoredEntry[]): Map<string, ChainPlaces> {
  const chains = new Map<string, ChainPlaces>();
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
 * One other device's entries, sorted into its own order and verified on from `before` (a head
 * verified earlier; from the chain's start without). Its first problem is named by the entry's
 * local sequence number, and by its own in `chainSeq`; otherwise its head, with the users who
 * wrote it.
 */
function verifyOtherChain(
  device: string,
  places: ChainPlaces,
  key: AuditKey | undefined,
  count: number,
  before?: OtherChain,
): { failed: ChainVerdict } | { chain: OtherChain } {
  const list = [...places].sort((a, b) => a.entry.seq - b.entry.seq);
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
    return { failed: { ...verdict, seq: local, chainSeq: verdict.seq, count, device, deviceUsers: users } };
  }
  return { chain: { device, head: verdict.head, users } };
}

/**
 * Entries from other devices (sync) are appended to their device's chain, never rechained here:
 * each chain is checked on its own, in its own order, from its start. The first chain (in the
 * log's order) with a problem is named; otherwise every chain's head verified.
 */
function verifyRemoteChains(
  entries: readonly StoredEntry[],
  key?: AuditKey,
  count = entries.length,
): { failed: ChainVerdict } | { others: Map<string, OtherChain> } {
  const others = new Map<string, OtherChain>();
  for (const [device, places] of remoteChains(entries)) {
    const verified = verifyOtherChain(device, places, key, count);
    if ('failed' in verified) return verified;
    others.set(device, verified.chain);
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
  /** The log's highest place read so far: the other chains' entries stored up to it were verified. */
  through: number;
}

/**
 * This device's chain from `start` (a prefix verified before) to its head, a run at a time; each
 * run verified is reported. A run sees only itself (a link pointing outside it reads as `removed`,
 * the count is the entries so far): when one fails, everything since `start` is verified again at
 * once, so the problem is named exactly as the whole chain at once names it. The other devices'
 * chains go on beside it (OthersSince).
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
    through = start.lastSeq,
  }: {
    run?: number;
    onRun?: (verified: VerifiedRun) => void;
    signal?: AbortSignal;
    /** The other devices' chains verified before: their entries up to those heads, stored up to `through`, are not verified again. */
    others?: readonly OtherChain[];
    /** How far the check that verified `others` had read the log (its last VerifiedRun's `through`). */
    through?: number;
  } = {},
): Promise<ChainVerdict> {
  let from = start;
  let first = true;
  const others = new OthersSince(raw, key, othersBefore, through);
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
    const failed = await others.verifyRun(entries, verdict.count);
    if (failed) return failed;
    from = verdict.head;
    const total = Math.max(head?.count ?? 0, from.count);
    onRun?.({ head: from, total, others: [...others.chains.values()], through: others.through });
    if (last) return withOthers(verdict, others.chains);
    first = false;
    signal?.throwIfAborted();
  }
  throw new Error('The audit log was not read to its end');
}

/**
 * The other devices' chains as checkSince goes on with them, run by run. Their entries stand where
 * they arrived, in their chain's order as they came: a run's entries of a chain are verified on
 * from its head so far. Those at or below that head were verified already — by the check before,
 * if stored up to where it read (sync appends only after the log's end), or by this one's reading
 * of the chain whole — and are passed over. Any other there is a second entry at a place verified
 * (rewritten, replayed): it got there past sync — the feed refuses another version of an entry held
 * (feed.ts `rewritten`) and skips a copy (apply.ts). A chain whose run does not go on from its head
 * (its entries came out of order, a broken link, such an entry) is read again whole by its indexes
 * and verified at once: only that verdict counts, named as the whole check names it, and the other
 * chains go on as they were. What was put in below where the check before read is not seen as new,
 * as nothing below `start` is in this device's chain: the whole check verifies that.
 */
class OthersSince {
  readonly chains: Map<string, OtherChain>;
  /** Per chain read again whole in this check: the places here of its entries, all verified. */
  private readonly reread = new Map<string, Set<number>>();
  /** Entries stored up to here were read by the check that verified the heads before. */
  private verifiedTo: number;
  /** The highest place read so far. */
  through: number;

  constructor(
    private readonly raw: ConsentbookDB,
    private readonly key: AuditKey,
    before: readonly OtherChain[],
    through: number,
  ) {
    this.chains = new Map(before.map((o) => [o.device, o]));
    this.verifiedTo = through;
    this.through = through;
  }

  /** A run's entries of the other chains verified: the first problem found, named; none when all hold. */
  async verifyRun(entries: readonly StoredEntry[], count: number): Promise<ChainVerdict | undefined> {
    for (const e of entries) this.through = Math.max(this.through, e.seq);
    for (const [device, places] of remoteChains(entries)) {
      const before = this.chains.get(device);
      const head = before?.head.lastSeq ?? 0;
      const seen = this.reread.get(device);
      const fresh = places.filter((x) => x.entry.seq > head || (x.local > this.verifiedTo && !seen?.has(x.local)));
      if (fresh.length === 0) continue;
      const on = fresh.every((x) => x.entry.seq > head)
        ? verifyOtherChain(device, fresh, this.key, count, before)
        : undefined;
      if (on && 'chain' in on) this.chains.set(device, on.chain);
      else {
        const failed = await this.verifyWhole(device, fresh, count);
        if (failed) return failed;
      }
    }
    return undefined;
  }

  /** `device`'s chain read again whole by its indexes and verified at once. */
  private async verifyWhole(device: string, fresh: ChainPlaces, count: number): Promise<ChainVerdict | undefined> {
    const chain = await chainHeldHere(this.raw, device);
    const places = new Set(chain.map((e) => e.seq));
    // An entry of the chain its indexes do not find (a segment's key changed): the whole log, as stored.
    if (!fresh.every((x) => places.has(x.local))) return this.verifyAll(count);
    const verified = verifyOtherChain(device, remoteChains(chain).get(device) ?? [], this.key, count);
    if ('failed' in verified) return verified.failed;
    this.chains.set(device, verified.chain);
    this.reread.set(device, places);
    return undefined;
  }

  /** Every chain read again whole from the log and verified at once. */
  private async verifyAll(count: number): Promise<ChainVerdict | undefined> {
    const [all] = await readAbove(this.raw, 0);
    const whole = verifyRemoteChains(all, this.key, count);
    if ('failed' in whole) return whole.failed;
    this.chains.clear();
    for (const [device, chain] of whole.others) this.chains.set(device, chain);
    this.reread.clear();
    for (const e of all) this.verifiedTo = Math.max(this.verifiedTo, e.seq);
    this.through = Math.max(this.through, this.verifiedTo);
    return undefined;
  }
}

/**
 * Every entry of `device`'s chain held here, in the log's order, by its indexes — its single
 * entries (applied before segments) by `origin`, its runs by `chain` — not the whole log.
 */
async function chainHeldHere(raw: ConsentbookDB, device: string): Promise<StoredEntry[]> {
  const [single, runs] = await raw.transaction('r', [raw.auditLog, raw.auditSegments], () =>
    Promise.all([
      raw.auditLog.where('origin').startsWith(`${device}/`).toArray(),
      raw.auditSegments.where('chain').between([device, -Infinity], [device, Infinity, Infinity], true, true).toArray(),
    ]),
  );
  const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;
  const entries = mergeSegments((single as StoredEntry[]).sort(bySeq), runs.sort(bySeq)) as StoredEntry[];
  return entries.filter((e) => e.origin && splitOrigin(e.origin).device === device);
}
