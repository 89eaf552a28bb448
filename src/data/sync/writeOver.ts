/**
 * A member's refused version that is the team's state, written over by an administrator's device.
 * Devices judge a version by its author's rights as they hold them when it arrives (check.ts; no
 * times compared), so a member's version that reached the server before the administrator's device
 * pulled it — her right taken there meanwhile, the version not vouched for (team/vouch.ts: never
 * seen there) — is refused there, while a device that pulled it before the rights change applied
 * it; a device joining later gets it as the server's winner, refuses it, and holds no such person
 * at all. So an administrator's device refusing a person's version for its author's rights, where
 * that version is the replica's winner without a conflict and this device holds the person (none of
 * its changes of them still to send), writes the version it holds over it, in the administrator's
 * name, in the applier's transaction (apply.ts): the refused revision kept as the one held (the pump
 * writes on top of it, with the held clock and the winner's), an outbox row, and a chained entry of
 * this device's log naming whose change was not taken over and why (context `syncNotTaken:` the
 * refusal's key, the author's id and name; its fields the ones the refused version changed; `overrides`
 * what finds the entries of the refused change, as its refusal here bounded it — so every device marks
 * them written over, writtenOver.ts, whether it refused the version, applied it, or never held it). The
 * other devices apply it (its author may), the member's own device too (ownHeldBack.ts then lists
 * her change as reverted). Only an administrator's device writes over — a member's device refuses
 * and holds back, as before — and only a refused version: an administrator's passes, so nothing
 * writes over it in turn (two administrators' devices doing it at once leave two versions of the
 * same value in conflict, which equalConflicts.ts settles). Not a tombstone: writing over a refused
 * erasure would bring the person back on every device (README "Sync": a refused erasure).
 */
import type { Transaction } from 'dexie';
import { conflictingFields } from '../../domain/conflict';
import type { AuditEntry } from '../../domain/audit';
import { DEFAULT_PRIVACY_SETTINGS, type PrivacySettings } from '../../domain/settings';
import { appendToChain } from '../core/auditAppend';
import type { Keyring } from '../core/crypto/keyring';
import type { SyncRev } from '../core/records';
import type { Session } from '../core/session';
import type { OutboxRow } from '../middleware/outbox';
import { openPersonVersion, type CheckScope } from './check';
import { parseDocId, type StoredDoc } from './docs';
import { isAuthorRefusal } from './heldBack';
import { noteWrittenOver } from './writtenOver';
import { isPersonChange, overridesOf } from '../../domain/heldBack';
import type { QuarantineRecord } from '../core/records';
import type { Refusal } from './refusal';

/** The context of the entry of a version written over: `syncNotTaken:<refusal key>:<author id>:<author name>`. */
export const NOT_TAKEN_CONTEXT = 'syncNotTaken:';

/** The signed-in user whose device writes over (an administrator's: writeOverOf asks). */
export type OverWriter = Session;

/** A refused person's version to write over with the version held here. */
export interface WriteOver {
  docId: string;
  key: string;
  /** The refused version (the replica's winner) and who wrote it. */
  rev: string;
  author: string;
  authorName: string;
  refusal: string;
  /** The version held here (its clock goes on with the new version). */
  held: SyncRev;
  /** The fields the refused version changed against the one held here. */
  fields: string[];
}

/** The refused version to write over, where `writer`'s device writes over it (see above): one or none. */
export function writeOverOf(
  scope: CheckScope,
  writer: Session | undefined,
  arrived: StoredDoc,
  doc: StoredDoc,
  why: Refusal | string,
  held: SyncRev | undefined,
): WriteOver[] {
  if (!writer || !held || typeof why === 'string' || why.key === 'sync.refused.noAuthor') return [];
  if (!isAuthorRefusal(why.key) || doc !== arrived || arrived._conflicts?.length || doc.deleted) return [];
  const { table, key } = parseDocId(doc._id);
  const me = scope.user(writer.userId);
  const mine = scope.person(key);
  if (table !== 'persons' || !me?.active || !me.isAdmin || !mine || scope.erased(key)) return [];
  let theirs;
  try {
    theirs = openPersonVersion(scope, doc);
  } catch {
    return [];
  }
  const over: WriteOver = {
    docId: doc._id,
    key,
    rev: doc._rev,
    author: doc.author,
    authorName: scope.user(doc.author)?.name ?? doc.author,
    refusal: why.key,
    held,
    fields: conflictingFields([mine, theirs]),
  };
  return [over];
}

/**
 * Writes the batch's versions over, in the applier's transaction `tx`, after its revisions (a
 * person with a change of this device still in the outbox, `pending`, is left to that change: it
 * goes out as a branch, and the conflict shows).
 */
export async function writeOver(
  tx: Transaction,
  keyring: Keyring,
  { writer, versions }: { writer: Session; versions: readonly WriteOver[] },
  pending: ReadonlySet<string>,
  refusals: readonly QuarantineRecord[],
): Promise<void> {
  const due = versions.filter((v) => !pending.has(v.docId));
  if (!due.length) return;
  await tx
    .table('syncRevs')
    .bulkPut(
      due.map((v) => ({ docId: v.docId, rev: v.rev, author: v.author, ...(v.held.clock && { clock: v.held.clock }) })),
    );
  const rows: OutboxRow[] = due.map((v) => ({ table: 'persons', key: v.key, author: writer.userId }));
  const privacy = (await tx.table('settings').get('privacy')) as { value?: Partial<PrivacySettings> } | undefined;
  // As the log's middleware: with GDPR support off nothing about persons is logged.
  if (!{ ...DEFAULT_PRIVACY_SETTINGS, ...privacy?.value }.gdprSupportDisabled) {
    const at = new Date().toISOString();
    // What finds the entries of the change written over, on every device (writtenOver.ts): as its refusal here found it.
    const change = (v: WriteOver) => refusals.find((q) => q.id === `${v.docId}@${v.rev}`)?.change;
    const entries = due.map((v): AuditEntry => {
      const refused = change(v);
      return {
        at,
        userId: writer.userId,
        userName: writer.userName,
        staffNumber: writer.staffNumber,
        personId: v.key,
        action: 'update',
        purposeId: '',
        purposeName: '',
        comment: '',
        fieldKeys: v.fields,
        context: `${NOT_TAKEN_CONTEXT}${v.refusal}:${v.author}:${v.authorName}`,
        ...(refused && isPersonChange(refused) && { overrides: overridesOf(refused) }),
      };
    });
    const chained = await appendToChain(tx, keyring, entries);
    await noteWrittenOver(tx, [{ entries: chained }]);
    rows.push(...chained.map((e) => ({ table: 'auditLog', key: e.seq, author: writer.userId })));
  }
  await tx.table('outbox').bulkAdd(rows);
}
