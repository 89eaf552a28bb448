/**
 * What the data layer's own checks found — the purposes', settings', users' and groups' tags
 * (bookTagCheck.ts), the worklist's flags (worklistCheck.ts) — logged as a book event in the keyed
 * chain (and synced in a synced book). Any signed-in user's sign-in or screen may meet a finding,
 * so its entry needs no right of theirs: the privilege is held here only, and the audit layer lets
 * only such an entry (`bookTags:…`, `worklist:…`) pass with it — code calling this could at most
 * log a false finding in the user's name.
 */
import type { ConsentbookDB } from '../db';
import { claimPrivilege } from '../core/capability';
import type { Session } from '../core/session';
import { writeWith } from '../write';
import { auditEntry } from '../middleware/audit';

const FINDING = claimPrivilege('finding');

export type FindingKind = 'bookTags' | 'worklist';

export async function logFinding(
  db: ConsentbookDB,
  session: Session,
  kind: FindingKind,
  detail: string,
): Promise<void> {
  await writeWith(db, { session, capability: FINDING }, [db.auditLog], async () => {
    await db.auditLog.add(auditEntry({ session }, 'settingsChanged', '', { context: `${kind}:${detail}` }));
  });
}
