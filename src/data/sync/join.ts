/**
 * A fresh device joins a book: the invitation is claimed, the book pulled with its key, and the
 * book's users then sign in as usual with their own passphrases (their records came with it).
 */
import { RuleError } from '../core/errors';
import type { ConsentbookDB } from '../db';
import { hasUsers } from '../auth';
import { pullBook, type PullProgress } from './index';
import { redeemInvitation, type OpenedInvitation } from './invitation';

export class JoinCancelled extends Error {
  /** Whether the invitation's claim was sent: then it may be used up, else it can be used again. */
  constructor(readonly claimed: boolean) {
    super('Joining was cancelled');
    this.name = 'JoinCancelled';
  }
}

/**
 * Joins with an invitation code. Only on a device without a book (else `error.alreadySetUp`).
 * Aborting `signal` stops the requests under way (JoinCancelled). Before the claim nothing was
 * written and the code stays good; after it, what was pulled is deleted, so the device is as
 * fresh as before, and the invitation stays used.
 */
export async function joinBook(
  db: ConsentbookDB,
  code: string,
  onProgress: (p: PullProgress) => void,
  signal: AbortSignal,
): Promise<{ persons: number }> {
  if (await hasUsers(db)) throw new RuleError('error.alreadySetUp', 'This device holds a book already');
  let claimed = false;
  let opened: OpenedInvitation;
  try {
    opened = await redeemInvitation(code, new Date(), { signal, onClaim: () => (claimed = true) });
  } catch (e) {
    if (signal.aborted) throw new JoinCancelled(claimed);
    throw e;
  }
  const { config, dataKey } = opened;
  try {
    return await pullBook(
      db,
      config,
      dataKey,
      (p) => {
        if (signal.aborted) throw new JoinCancelled(true);
        onProgress(p);
      },
      signal,
    );
  } catch (e) {
    if (signal.aborted) {
      await discardBook(db);
      throw new JoinCancelled(true);
    }
    throw e;
  } finally {
    dataKey.fill(0);
  }
}

/** Deletes the local database (a half-pulled book); the next use opens it empty again. */
async function discardBook(db: ConsentbookDB): Promise<void> {
  await db.delete({ disableAutoOpen: false });
}
