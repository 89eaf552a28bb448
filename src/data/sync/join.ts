/**
 * A fresh device joins a book: the invitation is claimed, the book pulled with its key, and the
 * book's users then sign in as usual with their own passphrases (their records came with it).
 * A join that does not finish leaves nothing: neither the pulled records nor the replica.
 */
import { RuleError } from '../core/errors';
import type { MessageKey } from '../../i18n/messages';
import { rawConnection, type ConsentbookDB } from '../db';
import { SYNC_JOINING_KEY } from '../middleware/outbox';
import { hasUsers } from '../auth';
import { discardPull, dropReplica, pullBook, type PullProgress } from './index';
import { InvitationServerError, redeemInvitation, type OpenedInvitation } from './invitation';

/**
 * Where the invitation's claim stood when the join stopped: not sent (the code still works), sent
 * without an answer (the server may or may not have recorded it), or recorded (the code is used).
 */
export type ClaimState = 'unsent' | 'unanswered' | 'recorded';

/** What a stop says about the invitation: still good, perhaps used, used (the next step follows from it). */
const CANCELLED = {
  unsent: 'ui.sync.joinCancelledUnused',
  unanswered: 'ui.sync.joinCancelledUnknown',
  recorded: 'ui.sync.joinCancelled',
} as const satisfies Record<ClaimState, MessageKey>;

export class JoinCancelled extends Error {
  readonly messageKey: MessageKey;
  constructor(readonly claim: ClaimState) {
    super(`Joining was cancelled (the claim: ${claim})`);
    this.name = 'JoinCancelled';
    this.messageKey = CANCELLED[claim];
  }
}

/**
 * Joins with an invitation code. Only on a device without a book (else `error.alreadySetUp`).
 * Aborting `signal` stops the requests under way (JoinCancelled). Before the claim nothing was
 * written and the code stays good; after it, a stop or a failure deletes what was pulled and the
 * replica, so the device is as fresh as before, and the invitation stays used.
 */
export function joinBook(
  db: ConsentbookDB,
  code: string,
  onProgress: (p: PullProgress) => void,
  signal: AbortSignal,
): Promise<{ persons: number }> {
  return underJoinLock(db, false, () => join(db, code, onProgress, signal)) as Promise<{ persons: number }>;
}

async function join(
  db: ConsentbookDB,
  code: string,
  onProgress: (p: PullProgress) => void,
  signal: AbortSignal,
): Promise<{ persons: number }> {
  // What an earlier join left (the page closed during its pull): gone before this one starts.
  if (await joinUnfinished(db)) await discardPull(db);
  if (await hasUsers(db)) throw new RuleError('error.alreadySetUp', 'This device holds a book already');
  // A device without a book has no use for a replica: one left by any earlier attempt would hold its checkpoint.
  await dropReplica(db);
  let claim: ClaimState = 'unsent';
  let opened: OpenedInvitation;
  try {
    opened = await redeemInvitation(code, new Date(), { signal, onClaim: () => (claim = 'unanswered') });
  } catch (e) {
    if (signal.aborted) throw new JoinCancelled(claim);
    // The claim sent and no answer (offline, a server error): as uncertain as a stop then, and said so.
    // (`claim` is set by the callback: TypeScript's narrowing does not see it.)
    if ((claim as ClaimState) === 'unanswered' && e instanceof InvitationServerError && claimMayStand(e))
      throw new InvitationServerError('claimUnknown');
    throw e;
  }
  const { config, dataKey } = opened;
  try {
    return await pullBook(
      db,
      config,
      dataKey,
      (p) => {
        if (signal.aborted) throw new JoinCancelled('recorded');
        onProgress(p);
      },
      signal,
    );
  } catch (e) {
    // Stopped or failed: nothing of the half book stays (the code is used either way).
    await discardPull(db);
    if (signal.aborted) throw new JoinCancelled('recorded');
    throw e;
  } finally {
    dataKey.fill(0);
  }
}

/** A failure after which the server may have recorded the claim: no answer, or its own error (5xx). */
function claimMayStand(e: InvitationServerError): boolean {
  return e.reason === 'offline' || (e.reason === 'status' && Number(e.params.status) >= 500);
}

/** Whether a join's pull began and did not finish (its mark is still in the settings). */
async function joinUnfinished(db: ConsentbookDB): Promise<boolean> {
  return (await rawConnection(db).settings.get(SYNC_JOINING_KEY)) !== undefined;
}

/**
 * Deletes what a join left when the page was closed during its pull (the next start shows the
 * first-start screen then: auth.ts hasUsers); nothing while a join runs in another tab.
 */
export async function discardUnfinishedJoin(db: ConsentbookDB): Promise<void> {
  await underJoinLock(db, true, async () => {
    if (await joinUnfinished(db)) await discardPull(db);
  });
}

/**
 * Runs `run` holding this database's join lock (Web Locks; a tab closed mid-join releases it), so
 * one tab does not delete what another tab's join is pulling. `ifAvailable`: not at all when held.
 */
function underJoinLock<T>(db: ConsentbookDB, ifAvailable: boolean, run: () => Promise<T>): Promise<T | undefined> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return run();
  // The lock is held until the callback's promise settles; request() resolves with its value.
  return locks.request(`consentbook-join:${db.name}`, { ifAvailable }, (lock) => (lock ? run() : undefined)) as Promise<
    T | undefined
  >;
}
